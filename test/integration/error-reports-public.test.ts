/**
 * 网民纠错, the visitor's side (docs/error-reports.md): the 我要纠错 link on every kind of public
 * page carries the page's address; the form fills it in; a page of another site is refused; the
 * form and the JSON API take a report behind the captcha (a replayed captcha is refused); the
 * portal's intake takes reports for any site; contact data is sealed in the database and masked
 * in the console; script in the text is escaped everywhere; on both engines.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import type { TestContext } from '../support/platform.js';
import { publishedDocument } from '../support/workflow-fixtures.js';
import { idemKey, multipartBody, solvedCaptcha } from '../support/letter-fixtures.js';
import { signIn } from '../support/session.js';
import { CONTACT, errorReportHarness, NANJING, PORTAL, PORTAL_DOMAIN } from '../support/error-report-fixtures.js';

const HOST = `${PORTAL}.localhost`;
const XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>';

/** The href of the footer's 我要纠错 link (entities decoded as the browser would). */
function reportLink(html: string): string {
  const m = /<a class="report-error" href="([^"]*)">我要纠错<\/a>/.exec(html);
  assert.ok(m, 'the page has the 我要纠错 link');
  return m[1]!.replace(/&amp;/g, '&');
}

for (const engine of selectedEngines()) {
  describe(`error reports: public entry, form and API [${engine}]`, () => {
    const h = errorReportHarness(engine);
    const { operator, expectProblem } = h;
    let ctx: TestContext;
    before(() => { ctx = h.ctx; });
    const get = (url: string, host = HOST) => ctx.app.inject({ method: 'GET', url, headers: { host } });
    const postForm = async (fields: Record<string, string>, host = HOST) => {
      const m = multipartBody(fields);
      return ctx.app.inject({ method: 'POST', url: '/corrections.html', payload: m.payload, headers: { ...m.headers, host } });
    };
    const api = (payload: Record<string, unknown>, site = PORTAL) => ctx.app.inject({ method: 'POST', url: `/api/v1/public/sites/${site}/error-reports`, payload });

    test('every kind of page links to the form with its own address, and the form fills it in', async () => {
      await publishedDocument(ctx.platform, { title: '关于纠错入口测试的通知' });
      await ctx.platform.jobs.runDue();
      const home = await get('/');
      assert.equal(home.statusCode, 200);
      const article = /href="(\/art\/[^"]+\.html)"/.exec(home.body)?.[1];
      assert.ok(article, 'the home page lists the article');
      const articlePage = await get(article);
      const column = [...articlePage.body.matchAll(/<li><a href="(\/[^"]+)">/g)].map((x) => x[1]!).find((p) => p !== '/');
      assert.ok(column, 'the article page has its column in the breadcrumb');
      for (const path of ['/', article, column, '/search.html']) {
        const page = await get(path === '/search.html' ? '/search.html?q=%E7%BA%A0%E9%94%99' : path);
        assert.equal(page.statusCode, 200, path);
        const href = reportLink(page.body);
        const carried = new URL(href, `https://${HOST}`).searchParams.get('page');
        assert.equal(carried, `https://${PORTAL_DOMAIN}${path}`, `the link on ${path} carries the page's address`);
        const form = await get(href);
        assert.equal(form.statusCode, 200);
        assert.ok(form.body.includes(`value="https://${PORTAL_DOMAIN}${path}"`), `the form on ${path} is filled in`);
      }
      // A page without a canonical address (the letter form) still links to the form.
      assert.equal(reportLink((await get('/letters.html')).body), '/corrections.html');
      // The address in the query is escaped in the form.
      const hostile = await get(`/corrections.html?page=${encodeURIComponent(`"><script>alert(1)</script>`)}`);
      assert.doesNotMatch(hostile.body, /<script>alert\(1\)/);
    });

    test('the form takes a report behind the captcha; the same captcha again is refused', async () => {
      const altcha = await solvedCaptcha(ctx.app);
      const fields = { errorType: 'broken_link', pageUrl: `https://${HOST}/index.html`, description: '“办事指南”链接打不开', altcha, idempotencyKey: idemKey() };
      const first = await postForm(fields);
      assert.equal(first.statusCode, 200, first.body);
      assert.match(first.body, /纠错提交成功/);
      const code = /<strong>(JC\d{14})<\/strong>/.exec(first.body)?.[1];
      assert.ok(code);
      // The same form submitted twice makes one report.
      assert.match((await postForm(fields)).body, /纠错已提交/);
      const replay = await postForm({ ...fields, idempotencyKey: idemKey() });
      assert.equal(replay.statusCode, 400);
      assert.match(replay.body, /人机验证（altcha）已使用过/);
      const missing = await postForm({ ...fields, altcha: '', idempotencyKey: idemKey() });
      assert.equal(missing.statusCode, 400);
      // The look-up page finds it by code.
      const m = multipartBody({ queryCode: code });
      const q = await ctx.app.inject({ method: 'POST', url: '/corrections/query.html', payload: m.payload, headers: { ...m.headers, host: HOST } });
      assert.match(q.body, /已收到，等待转办/);
    });

    test('a page of another site is refused; a path alone is taken on the site', async () => {
      const altcha = await solvedCaptcha(ctx.app);
      for (const pageUrl of ['https://www.nanjing.gov.cn/index.html', `https://${PORTAL_DOMAIN}.evil.example/x`, 'javascript:alert(1)', `https://user:pw@${PORTAL_DOMAIN}/`, '//evil.example/x']) {
        expectProblem(await api({ errorType: 'typo', pageUrl, description: '错字', altcha }), 400, 'interaction.error_report.page_not_on_site');
      }
      const form = await postForm({ errorType: 'typo', pageUrl: 'https://www.nanjing.gov.cn/index.html', description: '错字', altcha });
      assert.equal(form.statusCode, 400);
      assert.match(form.body, /不是网站“江苏省人民政府”的页面/);
      const ok = await api({ errorType: 'typo', pageUrl: '/col/zwgk/index.html#top', description: '错字', altcha });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json<{ pageUrl: string }>().pageUrl, `https://${PORTAL_DOMAIN}/col/zwgk/index.html`);
    });

    test('the portal is the platform intake: a report for another site; other sites report on themselves only', async () => {
      const nj = await ctx.platform.db.selectFrom('sites').select(['id', 'primary_domain']).where('code', '=', NANJING).executeTakeFirstOrThrow();
      const form = await get(`/corrections.html?site=${NANJING}`);
      assert.match(form.body, new RegExp(`<option value="${NANJING}" selected>`));
      const res = await postForm({ siteCode: NANJING, errorType: 'outdated', pageUrl: `https://${nj.primary_domain}/index.html`, description: '领导信息已过时', altcha: await solvedCaptcha(ctx.app) });
      assert.equal(res.statusCode, 200, /form-errors[\s\S]*?<\/div>/.exec(res.body)?.[0]);
      const code = /<strong>(JC\d{14})<\/strong>/.exec(res.body)![1]!;
      const row = await ctx.platform.db.selectFrom('error_reports').select('site_id').where('query_code', '=', code).executeTakeFirstOrThrow();
      assert.equal(Number(row.site_id), Number(nj.id));
      // On the Nanjing portal there is no site choice, and a portal page is refused there.
      const njHost = `${NANJING}.localhost`;
      assert.doesNotMatch((await get('/corrections.html', njHost)).body, /name="siteCode"/);
      const other = await postForm({ siteCode: PORTAL, errorType: 'typo', pageUrl: `https://${PORTAL_DOMAIN}/`, description: '错字', altcha: await solvedCaptcha(ctx.app) }, njHost);
      assert.equal(other.statusCode, 400);
    });

    test('contact sealed in the database, masked in the console; script in the text escaped in page and API', async () => {
      const res = await api({ errorType: 'inaccurate', pageUrl: '/index.html', description: XSS, ...CONTACT, altcha: await solvedCaptcha(ctx.app) });
      assert.equal(res.statusCode, 201, res.body);
      const code = res.json<{ queryCode: string }>().queryCode;
      const row = await ctx.platform.db.selectFrom('error_reports').selectAll().where('query_code', '=', code).executeTakeFirstOrThrow();
      const raw = JSON.stringify(row);
      for (const v of Object.values(CONTACT)) assert.ok(!raw.includes(v), 'no plain personal data in the row');
      const audit = JSON.stringify(await ctx.platform.db.selectFrom('audit_events').selectAll().where('target_type', '=', 'error_report').execute());
      for (const v of [...Object.values(CONTACT), 'alert']) assert.ok(!audit.includes(v), 'nothing personal or typed in the audit trail');
      const detail = await operator.request('GET', `/api/v1/error-reports/${Number(row.id)}`);
      assert.match(detail.headers['content-type'] as string, /application\/json/);
      const report = detail.json<{ report: { description: string; contact: Record<string, string> } }>().report;
      assert.deepEqual(report.contact, { name: '纠****', phone: '139****5678', email: 'p***@example.cn' });
      assert.ok(!detail.body.includes(CONTACT.phone) && !detail.body.includes(CONTACT.email));
      assert.equal(report.description, XSS, 'the API returns the text as data (JSON), the console renders it as text');
      // A refused form shows the text again, escaped.
      const page = await postForm({ errorType: 'typo', pageUrl: '/index.html', description: XSS, phone: '12', altcha: await solvedCaptcha(ctx.app) });
      assert.equal(page.statusCode, 400);
      assert.ok(page.body.includes('&lt;script&gt;alert('), 'escaped');
      assert.ok(!page.body.includes(XSS.slice(0, 20)), 'never raw');
      expectProblem(await api({ errorType: 'typo', pageUrl: '/index.html', description: '错字', phone: '12', altcha: await solvedCaptcha(ctx.app) }), 400, 'interaction.phone.bad_format');
    });

    test('the theme editor previews the error-report pages and refuses a broken form template', async () => {
      h.clock.advance(31_000);
      const dev = await signIn(ctx.app, ctx.accounts.templater!, h.clock);
      const { source } = (await dev.request('GET', '/api/v1/theme/template?name=correction-form')).json<{ source: string }>();
      const preview = await dev.request('POST', '/api/v1/theme/preview', { name: 'correction-form', source: source.replace('提交纠错', '提交纠错（预览）'), page: 'correction-form' });
      assert.equal(preview.statusCode, 200, preview.body);
      assert.match(preview.json<{ html: string }>().html, /提交纠错（预览）/);
      const broken = await dev.request('PUT', '/api/v1/theme/template', { name: 'correction-form', source: `${source}{{ correction.nope.x }}`, note: '坏模板' });
      assert.equal(broken.statusCode, 400, broken.body);
      assert.match((await get('/corrections.html')).body, /提交纠错/);
    });
  });

  describe(`error reports: per-address limit [${engine}]`, () => {
    const h = errorReportHarness(engine, { config: { letterSubmitRatePerHour: 2 } });
    test('the third report from one address in an hour gets 429; another address is still served', async () => {
      const from = async (ip: string) => h.ctx.app.inject({ method: 'POST', url: `/api/v1/public/sites/${PORTAL}/error-reports`, remoteAddress: ip, payload: { errorType: 'typo', pageUrl: '/index.html', description: '错字', altcha: await solvedCaptcha(h.ctx.app) } });
      assert.equal((await from('203.0.113.8')).statusCode, 201);
      assert.equal((await from('203.0.113.8')).statusCode, 201);
      const third = await from('203.0.113.8');
      assert.equal(third.statusCode, 429, third.body);
      assert.equal(third.json<{ code: string }>().code, 'http.rate_limited');
      assert.equal((await from('198.51.100.10')).statusCode, 201);
      const m = multipartBody({ errorType: 'typo', pageUrl: '/index.html', description: '错字', altcha: await solvedCaptcha(h.ctx.app) });
      const post = () => h.ctx.app.inject({ method: 'POST', url: '/corrections.html', remoteAddress: '192.0.2.45', payload: m.payload, headers: { ...m.headers, host: HOST } });
      await post();
      await post();
      const limited = await post();
      assert.equal(limited.statusCode, 429);
      assert.match(limited.body, /提交过于频繁，请稍后再试/);
    });
  });
}
