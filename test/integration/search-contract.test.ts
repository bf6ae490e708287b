/**
 * The search contract, on both engines (SQLite FTS5 and PostgreSQL tsvector + GIN): one suite,
 * the same expectations. Entries are written through the module's own indexEntry (what the
 * publishing listener calls); the last tests go through the real publish and withdrawal jobs and
 * the reindex job.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import { getDocument } from '../../src/modules/content/index.js';
import { withdrawDocument, workflowDeps } from '../../src/modules/workflow/index.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import {
  COUNT_CAP, indexEntries, indexEntry, pruneQueryLog, removeEntries, QUERY_LOG_KEEP_DAYS, removeEntry, searchDocuments, suggest, SEARCH_REINDEX_KIND, type SearchEntry, type SearchQuery, type SearchResult,
} from '../../src/modules/search/index.js';
import { tsvectorBinary } from '../../src/modules/search/dialect/postgres-search.js';
import { NANJING_PORTAL_CODE, PROVINCE_PORTAL_CODE, publishedDocument } from '../support/workflow-fixtures.js';

const DAY = 86_400_000;
/** 2026-11-20 10:00 Beijing time. */
const T0 = Date.UTC(2026, 10, 20, 2, 0, 0);

let nextId = 800_000;

function entry(siteId: number, over: Partial<SearchEntry>): SearchEntry {
  const documentId = over.documentId ?? nextId++;
  return {
    documentId, siteId, columnId: 9_001, extraSiteIds: [], extraColumnIds: [], kind: 'article', title: '标题', bodyText: '', summary: '', keywords: '',
    indexNumber: null, documentNumber: null, topicCategory: null, genre: null, issuingOrgName: '江苏省人民政府办公厅', publishedAt: T0,
    url: `/art/2026/11/${documentId}.html`, ...over,
  };
}

const ids = (r: SearchResult): number[] => r.items.map((i) => i.documentId);

for (const engine of selectedEngines()) {
  describe(`search contract [${engine}]`, () => {
    let ctx: TestContext;
    let admin: TestSession;
    const clock = new ManualClock(T0 + DAY);
    let province: number;
    let nanjing: number;
    const docs: Record<string, SearchEntry> = {};
    const search = (q: Partial<SearchQuery> & { q: string }) => searchDocuments(ctx.platform.db, q);
    const api = (query: string) => ctx.app.inject({ method: 'GET', url: `/api/v1/public/search?${query}` });

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      admin = await signIn(ctx.app, ctx.accounts.sysadmin!, clock);
      province = (await getSiteByCode(ctx.platform.db, PROVINCE_PORTAL_CODE))!.id;
      nanjing = (await getSiteByCode(ctx.platform.db, NANJING_PORTAL_CODE))!.id;
      const all: Record<string, SearchEntry> = {
        govService: entry(province, { title: '全省政务服务事项实现一网通办', bodyText: '各地持续优化营商环境，推动更多事项网上办理。', topicCategory: '综合政务\\电子政务', genre: '工作动态', columnId: 9_101 }),
        socialCard: entry(nanjing, { title: '南京市社保卡申领指南', kind: 'page', bodyText: '申请人可持居民身份证到社保经办窗口申领社保卡，当场制卡。', keywords: '社保卡,社会保障卡', columnId: 9_201, publishedAt: T0 - 30 * DAY }),
        welfare: entry(province, { title: '关于做好社会保障工作的通知', kind: 'notice', bodyText: '做好城乡居民社会保障和养老保险工作。', publishedAt: T0 - 3 * DAY }),
        phrase: entry(province, { title: '持续优化营商环境的若干措施', kind: 'policy', bodyText: '为进一步优化营商环境，制定本措施。', documentNumber: '苏政办发〔2017〕96号',
          indexNumber: '000014349/2017-00096', genre: '意见', topicCategory: '国民经济管理、国有资产监管\\经济体制改革', publishedAt: T0 - 400 * DAY }),
        apart: entry(province, { title: '企业服务简报', bodyText: '营商主体数量持续增长。生态环境质量稳中向好。', publishedAt: T0 - 2 * DAY }),
        fundTitle: entry(province, { title: '住房公积金提取办法解读', kind: 'interpretation', bodyText: '本文解读有关规定。', publishedAt: T0 - 200 * DAY }),
        fundBody: entry(province, { title: '住房保障工作动态', bodyText: '公积金缴存、公积金提取、公积金贷款业务量增长，公积金服务持续优化。', publishedAt: T0 - DAY }),
        markup: entry(province, { title: '<script>alert(1)</script>社保 & “医保” ＡＢＣ２０２６', bodyText: '正文含 <b>标签</b> 与 ＡＢＣ２０２６ 全角字样，社保服务。', publishedAt: T0 - 5 * DAY }),
        referenced: entry(province, { title: '省级不动产登记一窗办理', bodyText: '不动产登记实行交房即交证。', extraSiteIds: [nanjing], extraColumnIds: [9_202], publishedAt: T0 - 10 * DAY }),
      };
      for (const [key, e] of Object.entries(all)) {
        docs[key] = e;
        await indexEntry(ctx.platform.db, e);
      }
    });
    after(async () => ctx?.close());

    test('two-character words are found (政务, 社保), and 社保 does not match 社会保障', async () => {
      assert.deepEqual(ids(await search({ q: '政务' })), [docs.govService!.documentId]);
      const social = ids(await search({ q: '社保', sort: 'date' }));
      assert.ok(social.includes(docs.socialCard!.documentId), 'found inside 社保卡');
      assert.ok(social.includes(docs.markup!.documentId));
      assert.ok(!social.includes(docs.welfare!.documentId), '社会保障 is another word');
    });

    test('a quoted phrase needs its words adjacent; unquoted words may be apart', async () => {
      const phrase = ids(await search({ q: '"营商环境"' }));
      assert.ok(phrase.includes(docs.phrase!.documentId));
      assert.ok(phrase.includes(docs.govService!.documentId));
      assert.ok(!phrase.includes(docs.apart!.documentId), 'the words apart do not make the phrase');
      assert.ok(ids(await search({ q: '营商 环境' })).includes(docs.apart!.documentId));
      assert.ok(ids(await search({ q: '“营商环境”' })).includes(docs.phrase!.documentId), 'Chinese quotes work too');
    });

    test('relevance puts a title match above a newer body match; date order is newest first', async () => {
      const byRelevance = await search({ q: '公积金' });
      assert.deepEqual(ids(byRelevance), [docs.fundTitle!.documentId, docs.fundBody!.documentId]);
      const byDate = await search({ q: '公积金', sort: 'date' });
      assert.deepEqual(ids(byDate), [docs.fundBody!.documentId, docs.fundTitle!.documentId]);
    });

    test('beyond the title matches, relevance weighs the others: more occurrences beat a newer single mention', async () => {
      // No title holds 契税, so the page (one result) is filled from the scored tier.
      const heavy = entry(province, { title: '不动产交易办税须知', bodyText: '契税申报：契税按成交价计征，契税可网上缴纳，契税减免另行公告。', publishedAt: T0 - 60 * DAY });
      const light = entry(province, { title: '税务窗口调整通知', bodyText: '本周窗口业务含契税。', publishedAt: T0 - 2 * DAY });
      await indexEntry(ctx.platform.db, heavy);
      await indexEntry(ctx.platform.db, light);
      try {
        const first = await search({ q: '契税', pageSize: 1 });
        assert.equal(first.total, 2);
        assert.deepEqual(ids(first), [heavy.documentId], 'the older document with four mentions ranks first');
        assert.deepEqual(ids(await search({ q: '契税', pageSize: 1, page: 2 })), [light.documentId]);
        assert.deepEqual(ids(await search({ q: '契税', pageSize: 1, sort: 'date' })), [light.documentId], 'date order is newest first');
      } finally {
        await removeEntry(ctx.platform.db, heavy.documentId);
        await removeEntry(ctx.platform.db, light.documentId);
      }
    });

    test('a phrase by relevance: title matches first, then the others newest first, the same page by page as in one page', async () => {
      const newTitle = entry(province, { title: '既有住宅电梯加装办法', bodyText: '办理须知。', publishedAt: T0 - 1 * DAY });
      const bodies = [2, 3, 4].map((d) => entry(province, { title: `第${d}号通知`, bodyText: `关于既有住宅电梯加装的说明（${d}）。`, publishedAt: T0 - d * DAY }));
      const oldTitle = entry(province, { title: '老旧小区电梯加装补助细则', bodyText: '补助标准见附件。', publishedAt: T0 - 6 * DAY });
      const apart = entry(province, { title: '加装电梯年度报告', bodyText: '电梯维保另行公布。', publishedAt: T0 - 5 * DAY });
      const all = [newTitle, ...bodies, oldTitle, apart];
      for (const e of all) await indexEntry(ctx.platform.db, e);
      try {
        const expected = [newTitle, oldTitle, ...bodies].map((e) => e.documentId);
        const whole = await search({ q: '"电梯加装"', pageSize: 10 });
        assert.deepEqual(ids(whole), expected, 'title matches first (the older one too), then the body matches newest first; words apart do not match');
        assert.equal(whole.total, 5);
        for (const pageSize of [1, 2]) {
          const paged: number[] = [];
          for (let page = 1; (page - 1) * pageSize < expected.length; page++) paged.push(...ids(await search({ q: '"电梯加装"', pageSize, page })));
          assert.deepEqual(paged, expected, `page by page, ${pageSize} a page`);
        }
      } finally {
        for (const e of all) await removeEntry(ctx.platform.db, e.documentId);
      }
    });

    test('a long body indexes (a word 17,000 times, positions past 16383)', async () => {
      const long = entry(province, { title: '长文档', bodyText: `${'契税 '.repeat(17_000)}房产交易`, publishedAt: T0 - 7 * DAY });
      await indexEntry(ctx.platform.db, long);
      try {
        assert.deepEqual(ids(await search({ q: '契税' })), [long.documentId]);
        assert.deepEqual(ids(await search({ q: '房产交易 契税' })), [long.documentId], 'the last word, far past the position limit');
        assert.deepEqual(ids(await search({ q: '"房产交易契税"' })), [], 'a phrase in the wrong order');
        // A tsvector keeps 256 positions per lexeme and stores later ones as 16383, so only FTS5
        // can still check adjacency that deep into a document.
        if (engine === 'sqlite') assert.deepEqual(ids(await search({ q: '"契税房产交易"' })), [long.documentId]);
        if (engine === 'postgres') {
          const text = async (v: Buffer | string) => (await sql<{ v: string }>`select ${v}::tsvector::text as v`.execute(ctx.platform.db)).rows[0]?.v;
          assert.equal(await text(tsvectorBinary([['社保 卡 社保', 'A'], ['社保', 'B']])), "'卡':2A '社保':1A,3A,12B", 'the server reads the binary form');
          // The server's own parse of the same occurrences as text is the reference: quotes,
          // backslashes, characters outside the BMP, 256 positions per lexeme, the position limit.
          const words = ["it's", 'a\\b', '𠀀', 'Ａ', 'a', '社保', ...Array.from({ length: 300 }, (_, i) => `词${i % 7}`)];
          const body = Array.from({ length: 17_000 }, (_, i) => words[i % words.length]!).join(' ');
          const literal = body.split(' ').map((w, i) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${i + 1}B`).join(' ');
          assert.equal(await text(tsvectorBinary([[body, 'B']])), await text(literal));
        }
      } finally {
        await removeEntry(ctx.platform.db, long.documentId);
      }
    });

    test('counts: exact up to COUNT_CAP, then lower bounds for the total and every tab, a group filter included', async () => {
      // COUNT_CAP + 2 matches: all but two are news, the two newest are policy.
      const many = Array.from({ length: COUNT_CAP + 2 }, (_, i) => entry(province, {
        title: `户籍业务动态 ${i}`, kind: i >= COUNT_CAP ? 'policy' : 'article', publishedAt: T0 - 500 * DAY + i * 60_000,
      }));
      await indexEntries(ctx.platform.db, many);
      try {
        const r = await search({ q: '户籍' });
        assert.equal(r.total, COUNT_CAP);
        assert.equal(r.totalExact, false);
        assert.ok(r.groups.news + r.groups.policy <= COUNT_CAP + 1 && r.groups.news >= COUNT_CAP - 1, JSON.stringify(r.groups));
        assert.equal(r.items[0]!.documentId, many[COUNT_CAP + 1]!.documentId, 'newest title match first');
        const policy = await search({ q: '户籍', group: 'policy' });
        assert.equal(policy.total, 2, 'the chosen group is counted on its own');
        assert.equal(policy.groups.policy, 2);
        assert.equal(policy.totalExact, false, 'the other tabs are still lower bounds');
        assert.deepEqual(ids(policy).sort(), [many[COUNT_CAP]!.documentId, many[COUNT_CAP + 1]!.documentId].sort());
        // From 2025-07-09 00:00 Beijing: the entries from the 840th minute on (14 hours after the first).
        const within = await search({ q: '户籍', from: '2025-07-09' });
        assert.equal(within.total, COUNT_CAP + 2 - 840);
        assert.equal(within.totalExact, true, 'a date range under the cap is counted exactly');
        assert.deepEqual([within.groups.news, within.groups.policy], [COUNT_CAP - 840, 2]);
      } finally {
        await removeEntries(ctx.platform.db, many.map((e) => e.documentId));
      }
    });

    test('each filter: site (with references), column, topic (either level), genre, group, date range', async () => {
      assert.deepEqual(ids(await search({ q: '社保', siteId: nanjing })), [docs.socialCard!.documentId]);
      assert.deepEqual(ids(await search({ q: '不动产', siteId: nanjing })), [docs.referenced!.documentId], 'shown by reference on Nanjing');
      assert.deepEqual(ids(await search({ q: '不动产', columnId: 9_202 })), [docs.referenced!.documentId]);
      assert.deepEqual(ids(await search({ q: '政务', columnId: 9_999 })), []);
      assert.deepEqual(ids(await search({ q: '营商', topicCategory: '综合政务\\电子政务' })), [docs.govService!.documentId]);
      assert.deepEqual(ids(await search({ q: '营商', topicCategory: '国民经济管理、国有资产监管' })), [docs.phrase!.documentId], 'first level');
      assert.deepEqual(ids(await search({ q: '营商', genre: '意见' })), [docs.phrase!.documentId]);
      const grouped = await search({ q: '社保', group: 'service' });
      assert.deepEqual(ids(grouped), [docs.socialCard!.documentId]);
      assert.equal(grouped.total, 1);
      assert.equal(grouped.groups.news, 1, 'group counts ignore the group filter');
      assert.equal(grouped.groups.service, 1);
      assert.deepEqual(ids(await search({ q: '营商', from: '2026-01-01' })).sort(), [docs.apart!.documentId, docs.govService!.documentId].sort());
      assert.deepEqual(ids(await search({ q: '营商', to: '2025-12-31' })), [docs.phrase!.documentId]);
      // T0 is 2026-11-20 10:00 in Beijing: that day is inside [11-20, 11-20] and outside [11-21, …].
      assert.deepEqual(ids(await search({ q: '政务', from: '2026-11-20', to: '2026-11-20' })), [docs.govService!.documentId]);
      assert.deepEqual(ids(await search({ q: '政务', from: '2026-11-21' })), []);
    });

    test('exact look-up by 索引号 and by 文号 (look-alike brackets too)', async () => {
      for (const q of ['000014349/2017-00096', '苏政办发〔2017〕96号', '苏政办发[2017]96号', '苏政办发（2017）96号', '苏政办发【2017】096号']) {
        const r = await search({ q });
        assert.equal(r.mode, 'exact', q);
        assert.deepEqual(ids(r), [docs.phrase!.documentId], q);
      }
      const r = await search({ q: '苏政办发〔2017〕96号' });
      assert.match(r.items[0]!.title, /营商环境/);
      const unknown = await search({ q: '苏政办发〔2099〕1号' });
      assert.equal(unknown.mode, 'fulltext', 'a 文号 nobody has falls back to the words');
      assert.deepEqual(ids(await search({ q: '000014349/2017-00096', siteId: nanjing })), [], 'filters apply to exact look-ups');
    });

    test('highlighting marks the original text and escapes HTML', async () => {
      const r = await search({ q: '社保 abc2026' });
      const hit = r.items.find((i) => i.documentId === docs.markup!.documentId);
      assert.ok(hit, JSON.stringify(r.items));
      assert.equal(hit.title, '&lt;script&gt;alert(1)&lt;/script&gt;<mark>社保</mark> &amp; “医保” <mark>ＡＢＣ２０２６</mark>');
      assert.match(hit.snippet, /&lt;b&gt;标签&lt;\/b&gt; 与 <mark>ＡＢＣ２０２６<\/mark>/);
      assert.match(hit.snippet, /<mark>社保<\/mark>服务/);
      assert.ok(!/<(?!\/?mark>)/.test(hit.title + hit.snippet), 'no tag but <mark> survives');
    });

    test('search syntax, emoji and mixed scripts are plain text: results or nothing, never an error', async () => {
      const odd = ['"', '*', 'AND', ':', '社保 AND', 'NEAR(社保', '社保 OR 医保', '-社保', 'title:社保', '{title}:社保', '社保*', "'", '\\', '(', ')',
        '😀', '社保😀', '😀😀😀', 'ΑΒΓ 社保 абв', 'Ｓｈｅｂａｏ 社保', '"社保', '社保"', '""', '“”', '^社保$', '%_', '&|!<->', '\'社保\':*'];
      for (const q of odd) {
        const res = await api(`q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200, `${q}: ${res.body}`);
        const body = res.json() as SearchResult;
        assert.ok(Array.isArray(body.items), q);
      }
      assert.ok(ids(await search({ q: '社保 AND' })).includes(docs.socialCard!.documentId), 'AND is a word, not an operator');
      assert.ok(ids(await search({ q: '社保😀' })).includes(docs.socialCard!.documentId), 'emoji are ignored');
      // Typed, a filter token is a word like any other: no document has it in its text.
      for (const q of [`site${province}`, 'grp0', `社保 site${nanjing}`]) assert.deepEqual(ids(await search({ q })), [], q);
    });

    test('bad input is a 4xx problem: too long, bad dates, unknown site, too deep', async () => {
      for (const [query, code] of [
        [`q=${encodeURIComponent('社'.repeat(101))}`, 'http.validation'],
        [`q=${encodeURIComponent('长'.repeat(5000))}`, 'http.validation'],
        ['q=', 'http.validation'],
        ['q=%E7%A4%BE&from=2026-02-30', 'search.bad_date'],
        ['q=%E7%A4%BE&from=2026-11-02&to=2026-11-01', 'search.bad_range'],
        ['q=%E7%A4%BE&from=20261101', 'http.validation'],
        ['q=%E7%A4%BE&site=9999999999', 'search.site_not_found'],
        ['q=%E7%A4%BE&page=51&pageSize=20', 'search.page_too_deep'],
        ['q=%E7%A4%BE&unknown=1', 'http.validation'],
        ['q=%00', 'http.invalid_text'],
      ] as const) {
        const res = await api(query);
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${query}: ${res.statusCode}`);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.equal((res.json() as { code: string }).code, code, query);
      }
    });

    test('the public API: per site by identifier code, groups, highlighted items', async () => {
      const res = await api(`q=${encodeURIComponent('社保卡')}&site=${NANJING_PORTAL_CODE}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as SearchResult;
      assert.equal(body.total, 1);
      assert.equal(body.items[0]!.url, docs.socialCard!.url);
      assert.equal(body.items[0]!.group, 'service');
      assert.match(body.items[0]!.title, /<mark>社保卡<\/mark>/);
      assert.deepEqual(body.groups, { news: 0, policy: 0, interpretation: 0, service: 1 });
    });

    test('the public API refuses a query whose percent-escapes do not decode, instead of searching the escapes', async () => {
      for (const raw of ['q=%E6%B1%9F%E8%8B%8F%', 'q=%ED%A0%80', 'q=%zz']) {
        const res = await api(raw);
        assert.equal(res.statusCode, 400, `${raw}: ${res.body}`);
        assert.equal((res.json() as { code: string }).code, 'http.bad_request');
      }
      assert.equal((await api('q=%E6%94%BF%E5%8A%A1')).statusCode, 200, 'well-formed escapes (政务) still search');
    });

    test('the public API, platform-wide: each hit names its own site and its full address there', async () => {
      const res = await api(`q=${encodeURIComponent('不动产登记')}`);
      assert.equal(res.statusCode, 200, res.body);
      const hit = (res.json() as { items: { documentId: number; url: string; link: string; siteCode: string }[] }).items.find((i) => i.documentId === docs.referenced!.documentId);
      assert.ok(hit, res.body);
      const home = (await getSiteByCode(ctx.platform.db, PROVINCE_PORTAL_CODE))!;
      assert.equal(hit.siteCode, PROVINCE_PORTAL_CODE, 'the home site, not one that shows it by reference');
      assert.equal(hit.link, `https://${home.primaryDomain}${docs.referenced!.url}`);
      const nj = (await api(`q=${encodeURIComponent('社保卡')}`)).json() as { items: { siteCode: string; link: string }[] };
      assert.deepEqual(nj.items.map((i) => i.siteCode), [NANJING_PORTAL_CODE]);
      assert.match(nj.items[0]!.link, new RegExp(`^https://${(await getSiteByCode(ctx.platform.db, NANJING_PORTAL_CODE))!.primaryDomain.replace(/\./g, '\\.')}/art/`));
    });

    test('suggestions complete a prefix from published titles and keywords, per site', async () => {
      const all = await suggest(ctx.platform.db, { prefix: '社' });
      assert.ok(all.includes('社保卡'), JSON.stringify(all));
      assert.ok(!all.includes('社会保障') || all.indexOf('社保卡') >= 0);
      assert.deepEqual(await suggest(ctx.platform.db, { prefix: '社', siteId: province }).then((s) => s.includes('社保卡')), false, 'Nanjing\'s words stay on Nanjing');
      assert.deepEqual(await suggest(ctx.platform.db, { prefix: '南京 指' }), ['南京 指南'], 'earlier words are kept');
      const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/search/suggest?prefix=${encodeURIComponent('社')}&site=${NANJING_PORTAL_CODE}` });
      assert.equal(res.statusCode, 200, res.body);
      assert.ok((res.json() as { items: string[] }).items.includes('社保卡'));
      assert.deepEqual(await suggest(ctx.platform.db, { prefix: '😀' }), []);
    });

    test('removal on withdrawal: a removed entry is gone, and its words leave the suggestions', async () => {
      const e = entry(province, { title: '临时测试专用词汇稀有项', bodyText: '稀有正文' });
      await indexEntry(ctx.platform.db, e);
      assert.deepEqual(ids(await search({ q: '稀有' })), [e.documentId]);
      assert.ok((await suggest(ctx.platform.db, { prefix: '稀有' })).length > 0);
      await indexEntry(ctx.platform.db, { ...e, title: '临时测试专用词汇稀有项（修订）' });
      assert.deepEqual(ids(await search({ q: '稀有' })), [e.documentId], 'upsert, not a second entry');
      await removeEntry(ctx.platform.db, e.documentId);
      assert.deepEqual(ids(await search({ q: '稀有' })), []);
      assert.deepEqual(await suggest(ctx.platform.db, { prefix: '稀有' }), []);
      await removeEntry(ctx.platform.db, e.documentId);
    });

    test('the query log keeps the query, site, count and time — nothing about the person', async () => {
      await ctx.app.inject({
        method: 'GET', url: `/api/v1/public/search?q=${encodeURIComponent('社保 13800138000 zhang@example.com')}&site=${NANJING_PORTAL_CODE}`,
        headers: { 'user-agent': 'SecretBrowser/1.0', 'x-forwarded-for': '203.0.113.9', cookie: 'jiyue_session=abc' },
      });
      const columns = (await ctx.platform.db.introspection.getTables()).find((t) => t.name === 'search_queries')!.columns.map((c) => c.name).sort();
      assert.deepEqual(columns, ['created_at', 'day', 'id', 'query', 'results', 'site_id']);
      const rows = await ctx.platform.db.selectFrom('search_queries' as never).selectAll().execute() as Record<string, unknown>[];
      const dump = JSON.stringify(rows);
      for (const secret of ['13800138000', 'zhang@example.com', '203.0.113.9', '127.0.0.1', 'SecretBrowser', 'jiyue_session']) assert.ok(!dump.includes(secret), `${secret} in ${dump}`);
      assert.ok(rows.some((r) => r.query === '社保 ＊ ＊@＊' && r.site_id === nanjing), dump);
      for (let i = 0; i < 3; i++) await api(`q=${encodeURIComponent('社保卡')}`);
      const stats = await admin.request('GET', '/api/v1/search/stats?days=7');
      assert.equal(stats.statusCode, 200, stats.body);
      const s = stats.json() as { topQueries: { query: string; count: number }[]; perDay: { day: string; count: number }[]; total: number };
      assert.ok(s.total >= rows.length, JSON.stringify(s));
      assert.equal(s.perDay.at(-1)!.day, '2026-11-21');
      assert.equal(s.topQueries[0]?.query, '社保卡', JSON.stringify(s));
    });

    test('the query log keeps QUERY_LOG_KEEP_DAYS days (the daily prune job)', async () => {
      const db = ctx.platform.db;
      await db.insertInto('search_queries' as never).values({ query: '很旧的查询', site_id: null, results: 0, created_at: clock.now() - (QUERY_LOG_KEEP_DAYS + 1) * DAY, day: '2025-10-01' } as never).execute();
      const before = (await db.selectFrom('search_queries' as never).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const { deleted } = await pruneQueryLog(db, clock.now());
      assert.equal(deleted, 1);
      const left = await db.selectFrom('search_queries' as never).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(left.n), Number(before) - 1);
    });

    test('publishing indexes a document; withdrawal removes it (through the publish jobs)', async () => {
      const { documentId } = await publishedDocument(ctx.platform, { title: '关于开展罕见词语丙午测验的通知' });
      await ctx.platform.jobs.runDue();
      const found = await search({ q: '丙午' });
      assert.deepEqual(ids(found), [documentId]);
      const doc = (await getDocument(ctx.platform.db, documentId))!;
      assert.match(found.items[0]!.url, new RegExp(`^/art/\\d{4}/\\d{2}/${documentId}\\.html$`));
      assert.equal(found.items[0]!.publishedAt, doc.firstPublishedAt);
      await withdrawDocument({ db: ctx.platform.db, actor: systemActor('search-test'), documentId, input: { reason: '测试撤稿', showPublicly: true }, deps: workflowDeps(ctx.platform) });
      await ctx.platform.jobs.runDue();
      assert.deepEqual(ids(await search({ q: '丙午' })), []);
    });

    test('the reindex job reaches 100 % and rebuilds from the published documents', async () => {
      const { documentId } = await publishedDocument(ctx.platform, { title: '关于开展罕见词语丁未测验的通知' });
      // Not through the publish job: only the rebuild can find it.
      await ctx.platform.db.deleteFrom('jobs').where('status', '=', 'queued').execute();
      assert.deepEqual(ids(await search({ q: '丁未' })), []);
      const res = await admin.request('POST', '/api/v1/search/reindex');
      assert.equal(res.statusCode, 202, res.body);
      const { id } = res.json() as { id: number };
      await ctx.platform.jobs.runDue();
      const job = await ctx.platform.jobs.get(ctx.platform.db, id);
      assert.equal(job.kind, SEARCH_REINDEX_KIND);
      assert.equal(job.status, 'succeeded', job.lastError ?? '');
      assert.equal(job.progress, 100);
      assert.deepEqual(ids(await search({ q: '丁未' })), [documentId]);
      // The fixture entries above were never published documents: the rebuild dropped them.
      assert.deepEqual(ids(await search({ q: '公积金' })), []);
      assert.ok((job.result as { indexed: number }).indexed >= 1);
    });
  });
}
