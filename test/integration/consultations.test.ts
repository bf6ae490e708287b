/**
 * Public consultations on drafts (征求意见): clause splitting, opinions per clause counted in the
 * feedback summary, no opinion once closed (clock injected), the summary public only when the
 * owner publishes it, contact data sealed in the database and masked, script escaped.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { DAY, feedbackHarness } from '../support/feedback-harness.js';
import { PORTAL_CODE } from '../support/letter-fixtures.js';
import { consultationFigures, splitClauses } from '../../src/modules/interaction/index.js';

const DRAFT = '为规范政府网站管理，制定本办法。\n第一条 本办法适用于全省政府网站。\n第二条　网站主办单位负责内容保障。\n第三条 本办法自发布之日起施行。';

describe('splitting a draft into clauses', () => {
  test('第X条 headings make the clauses, the preamble is its own', () => {
    const c = splitClauses(DRAFT);
    assert.deepEqual(c.map((x) => x.heading), ['序言', '第一条', '第二条', '第三条']);
    assert.deepEqual(c.map((x) => x.clauseNo), [1, 2, 3, 4]);
    assert.equal(c[2]!.text, '网站主办单位负责内容保障。');
    assert.deepEqual(splitClauses('第十二条 甲。\n第一百零三条 乙。').map((x) => x.heading), ['第十二条', '第一百零三条']);
  });
  test('a mention of 第二条 inside a sentence is not a heading', () => {
    assert.deepEqual(splitClauses('第一条 依照第二条的规定执行。').map((x) => x.text), ['依照第二条的规定执行。']);
  });
  test('without articles: blank-line paragraphs, else lines', () => {
    assert.deepEqual(splitClauses('一、目标\n\n二、任务\n具体措施').map((x) => x.heading), ['第1段', '第2段']);
    assert.deepEqual(splitClauses('甲\n乙\n丙').map((x) => x.text), ['甲', '乙', '丙']);
    assert.deepEqual(splitClauses('  \n '), []);
  });
});

for (const engine of selectedEngines()) {
  describe(`consultations [${engine}]`, () => {
    const h = feedbackHarness(engine);
    const create = async (body: Record<string, unknown>) => h.editor.request('POST', `/api/v1/sites/${h.siteId}/consultations`, body);
    const open = async (title: string, days = 30) => {
      const now = h.clock.now();
      const res = await create({ title, draftText: DRAFT, opensAt: now - 1000, closesAt: now + days * DAY });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ consultation: { id: number } }>().consultation.id;
    };
    const publicView = async (id: number) => (await h.ctx.app.inject({ method: 'GET', url: `/api/v1/public/sites/${PORTAL_CODE}/consultations/${id}` }));

    test('the period is at least 30 days unless a public reason is given', async () => {
      const now = h.clock.now();
      h.expectProblem(await create({ title: '短期征求意见', draftText: DRAFT, opensAt: now, closesAt: now + 10 * DAY }), 400, 'interaction.consultations.too_short');
      const ok = await create({ title: '短期征求意见', draftText: DRAFT, opensAt: now, closesAt: now + 10 * DAY, shortReason: '上级要求限期出台' });
      assert.equal(ok.statusCode, 201, ok.body);
      h.expectProblem(await create({ title: '倒置', draftText: DRAFT, opensAt: now, closesAt: now - DAY }), 400, 'interaction.consultations.bad_period');
    });

    test('a close time beyond any date a page can show is refused, naming closesAt, and creates nothing', async () => {
      const list = async () => {
        const r = await h.editor.request('GET', `/api/v1/consultations?siteId=${h.siteId}`);
        assert.equal(r.statusCode, 200, r.body);
        return r.json<{ items: { title: string }[] }>().items.map((c) => c.title);
      };
      const before = await list();
      const res = await create({ title: '无限期', draftText: DRAFT, opensAt: h.clock.now(), closesAt: 1e20 });
      h.expectProblem(res, 400, 'http.validation');
      assert.match(res.json<{ detail: string }>().detail, /closesAt/);
      assert.deepEqual(await list(), before);
    });

    test('opinions per clause are counted; closed refuses new ones; the summary is public only once published', async () => {
      const start = h.clock.now();
      const id = await open('关于政府网站管理办法（征求意见稿）');
      const detail = await h.editor.request('GET', `/api/v1/consultations/${id}`);
      assert.deepEqual(detail.json<{ clauses: { heading: string }[] }>().clauses.map((c) => c.heading), ['序言', '第一条', '第二条', '第三条']);

      const ids: number[] = [];
      for (const [clauseNo, body] of [[2, '建议第一条增加部门网站'], [2, '第一条应包括政务新媒体'], [3, '明确主办单位责任'], [undefined, '总体赞成']] as const) {
        const res = await h.opinion(id, { ...(clauseNo ? { clauseNo } : {}), body });
        assert.equal(res.statusCode, 201, res.body);
        ids.push(res.json<{ id: number }>().id);
      }
      h.expectProblem(await h.opinion(id, { clauseNo: 99, body: '没有这一条' }), 400, 'interaction.consultations.bad_clause');
      assert.equal((await h.moderate(ids[0]!, 'approve')).statusCode, 200);
      assert.equal((await h.moderate(ids[2]!, 'reject')).statusCode, 200);
      const pub = (await publicView(id)).json<{ opinions: { body: string }[]; clauses: { clauseNo: number; received: number; published: number }[] }>();
      assert.deepEqual(pub.opinions.map((o) => o.body), ['建议第一条增加部门网站']);
      assert.deepEqual(pub.clauses.map((c) => [c.received, c.published]), [[0, 0], [2, 1], [1, 0], [0, 0]]);

      h.expectProblem(await h.editor.request('PUT', `/api/v1/consultations/${id}/summary`, { overall: '尚未结束', clauses: [] }), 409, 'interaction.consultations.not_closed');
      h.expectProblem(await h.editor.request('PATCH', `/api/v1/consultations/${id}`, { draftText: '第一条 改写。' }), 409, 'interaction.consultations.clauses_locked');

      await h.setClock(start + 31 * DAY);
      h.expectProblem(await h.opinion(id, { clauseNo: 2, body: '迟到的意见' }), 409, 'interaction.consultations.not_open');
      const page = await h.page(`/consultation.html?id=${id}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /name="body"/, 'no opinion form once closed');

      const summary = { overall: '共收到意见 4 条，采纳 1 条。', clauses: [{ clauseNo: 2, adoption: 'adopted', feedback: '已将部门网站纳入适用范围' }, { clauseNo: 3, adoption: 'not_adopted', feedback: '上位法已有规定' }] };
      assert.equal((await h.editor.request('PUT', `/api/v1/consultations/${id}/summary`, summary)).statusCode, 200);
      const before = (await publicView(id)).json<{ summaryPublished: boolean; consultation: { summaryText: string }; clauses: { feedback: string }[] }>();
      assert.equal(before.summaryPublished, false);
      assert.equal(before.consultation.summaryText, '');
      assert.ok(before.clauses.every((c) => c.feedback === ''));
      assert.doesNotMatch((await h.page(`/consultation.html?id=${id}`)).body, /上位法已有规定/);

      const published = await h.editor.request('POST', `/api/v1/consultations/${id}/summary/publish`);
      assert.equal(published.statusCode, 200, published.body);
      const html = (await h.page(`/consultation.html?id=${id}`)).body;
      assert.match(html, /意见采纳情况/);
      assert.match(html, /共收到意见 4 条。/);
      assert.match(html, /<th scope="row">第一条<\/th><td>2<\/td><td>采纳<\/td><td>已将部门网站纳入适用范围<\/td>/);
      assert.match(html, /<th scope="row">第二条<\/th><td>1<\/td><td>未采纳<\/td><td>上位法已有规定<\/td>/);
      const figures = await consultationFigures(h.ctx.platform.db, h.siteId, start - DAY, start + DAY);
      assert.equal(figures.opinionsReceived, 4, 'every opinion received counts, whatever its moderation');
      assert.equal(figures.resultsPublished, 1);
      assert.ok(figures.rounds >= 1);
      const list = (await h.page('/consultations.html')).body;
      assert.match(list, /关于政府网站管理办法（征求意见稿）/);
      assert.match(list, /已结束/);
      await h.setClock(start);
    });

    test('phone and ID numbers typed into an opinion or its nickname are masked on the public page and API', async () => {
      const id = await open('关于个人信息遮蔽的征求意见');
      const typed = '我的电话13977775555，身份证110101199003077571';
      const res = await h.opinion(id, { body: typed, nickname: '市民13900001111' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal((await h.moderate(res.json<{ id: number }>().id, 'approve')).statusCode, 200);
      const api = (await publicView(id)).json<{ opinions: { body: string; nickname: string }[] }>();
      assert.deepEqual(api.opinions.map((o) => [o.body, o.nickname]), [['我的电话139****5555，身份证1101**********7571', '市民139****1111']]);
      const html = (await h.page(`/consultation.html?id=${id}`)).body;
      for (const r of ['13977775555', '110101199003077571', '13900001111']) assert.ok(!html.includes(r), `${r} is not on the page`);
      assert.ok(html.includes('139****5555'));
    });

    test('a consultation not yet open is not on the site and takes no opinion', async () => {
      const now = h.clock.now();
      const res = await create({ title: '下月开始的征求意见', draftText: DRAFT, opensAt: now + DAY, closesAt: now + 40 * DAY });
      const id = res.json<{ consultation: { id: number; state: string } }>().consultation.id;
      assert.equal(res.json<{ consultation: { state: string } }>().consultation.state, 'upcoming');
      h.expectProblem(await publicView(id), 404, 'interaction.consultations.not_found');
      assert.equal((await h.page(`/consultation.html?id=${id}`)).statusCode, 404);
      assert.doesNotMatch((await h.page('/consultations.html')).body, /下月开始的征求意见/);
      h.expectProblem(await h.opinion(id, { body: '提前提交' }), 409, 'interaction.consultations.not_open');
    });

    test('publishing needs the overall feedback text', async () => {
      const start = h.clock.now();
      const id = await open('待反馈的征求意见');
      await h.setClock(start + 31 * DAY);
      h.expectProblem(await h.editor.request('POST', `/api/v1/consultations/${id}/summary/publish`), 400, 'interaction.consultations.summary_blank');
      h.expectProblem(await h.editor.request('PUT', `/api/v1/consultations/${id}/summary`, { overall: '', clauses: [{ clauseNo: 42, adoption: 'adopted', feedback: '' }] }), 400, 'interaction.consultations.bad_clause');
      await h.setClock(start);
    });

    test('contact data is sealed in the database and masked for the moderator', async () => {
      const id = await open('联系方式测试');
      const res = await h.opinion(id, { body: '请联系我', contact: '13812345678' });
      const row = await h.ctx.platform.db.selectFrom('comments').selectAll().where('id', '=', res.json<{ id: number }>().id).executeTakeFirstOrThrow();
      assert.ok(row.contact_enc);
      assert.doesNotMatch(row.contact_enc, /13812345678/);
      const item = (await h.queue()).find((q) => q.body === '请联系我');
      assert.equal(item?.contact, '138****5678');
      const detail = await h.editor.request('GET', `/api/v1/consultations/${id}`);
      assert.doesNotMatch(detail.body, /13812345678/);
      const audit = await h.ctx.platform.db.selectFrom('audit_events').select('detail').execute();
      assert.ok(audit.every((a) => !String(a.detail).includes('13812345678')), 'no contact in the audit trail');
    });

    test('script in the title, clauses and opinions is escaped on the pages', async () => {
      const now = h.clock.now();
      const res = await create({ title: '<script>alert(1)</script>标题', draftText: '第一条 <img src=x onerror=alert(2)>', opensAt: now - 1000, closesAt: now + 30 * DAY });
      const id = res.json<{ consultation: { id: number } }>().consultation.id;
      const op = await h.opinion(id, { clauseNo: 1, body: '<script>alert(3)</script>', nickname: '<b>x</b>' });
      await h.moderate(op.json<{ id: number }>().id, 'approve');
      for (const path of [`/consultation.html?id=${id}`, '/consultations.html']) {
        const html = (await h.page(path)).body;
        assert.doesNotMatch(html, /<script>alert|<img src=x|<b>x<\/b>/, path);
        assert.match(html, /&lt;script&gt;alert\(1\)/, path);
      }
      const form = await h.formPost('/consultation.html', { consultation: String(id), clauseNo: '1', body: '表单意见' });
      assert.equal(form.statusCode, 200, form.body);
      assert.match(form.body, /经审核后公开显示/);
    });
  });
}
