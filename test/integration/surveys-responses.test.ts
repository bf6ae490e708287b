import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { SURVEY_SUBMIT_RATE_PER_HOUR, type QuestionInput } from '../../src/modules/interaction/index.js';
import { EVERY_KIND, formBody, surveyBody } from '../support/survey-fixtures.js';
import { PORTAL_HOST, solvedCaptcha } from '../support/letter-fixtures.js';

type SurveyOut = { id: number; version: number; questions: { id: number }[] };
const HOUR = 3_600_000;

for (const engine of selectedEngines()) {
  describe(`surveys: answering, one response per device, results [${engine}]`, () => {
    let ctx: TestContext;
    let editor: TestSession;
    const clock = new ManualClock();
    before(async () => {
      ctx = await createTestContext(engine, { clock });
      editor = await signIn(ctx.app, ctx.accounts.editor!, clock);
    });
    after(async () => { await ctx.close(); });

    /** A survey built and opened through the console's API. */
    async function openSurvey(extra: Parameters<typeof surveyBody>[0] = {}): Promise<{ id: number; q: number[] }> {
      const made = await editor.request('POST', '/api/v1/sites/1/surveys', surveyBody(extra));
      assert.equal(made.statusCode, 201, made.body);
      const s = made.json<{ survey: SurveyOut }>().survey;
      assert.equal((await editor.request('POST', `/api/v1/surveys/${s.id}/state`, { status: 'open' })).statusCode, 200);
      return { id: s.id, q: s.questions.map((x) => x.id) };
    }

    /** Posts the site's form as a browser would: fields, a freshly solved captcha unless given, the device cookie if any. */
    async function answer(id: number, fields: [string, string][], opts: { cookie?: string; altcha?: string } = {}) {
      const altcha = opts.altcha ?? await solvedCaptcha(ctx.app);
      const { payload, headers } = formBody([...fields, ['altcha', altcha]]);
      return ctx.app.inject({ method: 'POST', url: `/survey.html?id=${id}`, payload, headers: { ...headers, host: PORTAL_HOST, ...(opts.cookie ? { cookie: opts.cookie } : {}) } });
    }
    const valid = (q: number[]): [string, string][] => [[`q${q[0]}`, '0'], [`q${q[3]}`, '4']];

    test('open and close times are enforced on the injected clock', async () => {
      const start = clock.now();
      const { id, q } = await openSurvey({ opensAt: start + HOUR, closesAt: start + 2 * HOUR });
      const early = await answer(id, valid(q));
      assert.equal(early.statusCode, 409);
      assert.match(early.body, /该调查尚未开始，不能提交答卷/);
      clock.set(start + HOUR);
      assert.equal((await answer(id, valid(q))).statusCode, 200);
      clock.set(start + 2 * HOUR);
      const late = await answer(id, valid(q));
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /该调查已经结束，不能提交答卷/);
      const page = await ctx.app.inject({ method: 'GET', url: `/survey.html?id=${id}`, headers: { host: PORTAL_HOST } });
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /<form class="survey-form"/);
      clock.set(start);
    });

    test('a draft is not on the site', async () => {
      const made = (await editor.request('POST', '/api/v1/sites/1/surveys', surveyBody())).json<{ survey: SurveyOut }>().survey;
      assert.equal((await ctx.app.inject({ method: 'GET', url: `/survey.html?id=${made.id}`, headers: { host: PORTAL_HOST } })).statusCode, 404);
      assert.equal((await answer(made.id, [])).statusCode, 404);
    });

    test('every kind is validated; errors sit next to their question and the answers are kept', async () => {
      const { id, q } = await openSurvey();
      const res = await answer(id, [
        [`q${q[0]}`, '7'], // not an option
        [`q${q[1]}`, '0'], [`q${q[1]}`, '1'], [`q${q[1]}`, '2'], // three of at most two
        [`q${q[2]}`, '建议'.repeat(30)], // 60 characters, at most 50
        [`q${q[4]}_0`, '1'], // matrix: second row missing
      ]);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /答卷有 5 处需要修改/);
      const near = (qid: number, message: string) => assert.match(res.body, new RegExp(`<p class="field-error" id="error-${qid}">${message}</p>`), message);
      near(q[0]!, '第 1 题：所选选项不存在，请重新选择');
      near(q[1]!, '第 2 题：最多选择 2 项');
      near(q[2]!, '第 3 题：不能超过 50 字');
      near(q[3]!, '第 4 题：此题为必答题，请作答');
      near(q[4]!, '第 5 题：第 2 行“服务态度”未作答');
      // Kept: the two ticked boxes and the text.
      assert.match(res.body, new RegExp(`name="q${q[1]}" value="0" checked`));
      assert.match(res.body, new RegExp(`name="q${q[4]}_0" value="1" required checked|name="q${q[4]}_0" value="1" checked`));
      assert.ok(res.body.includes(`>${'建议'.repeat(30)}</textarea>`));
      assert.equal((await ctx.platform.db.selectFrom('survey_responses').select('id').where('survey_id', '=', id).execute()).length, 0);
    });

    test('one response per device: the cookie is HttpOnly, Lax, scoped to the survey page, ends with the survey; the second is refused (409)', async () => {
      const closesAt = clock.now() + 48 * HOUR;
      const { id, q } = await openSurvey({ closesAt });
      const first = await answer(id, valid(q));
      assert.equal(first.statusCode, 200, first.body);
      assert.match(first.body, /感谢您参与/);
      const c = first.cookies.find((x) => x.name === `jy_survey_${id}`);
      assert.ok(c, 'device cookie set');
      assert.equal(c.httpOnly, true);
      assert.equal(c.sameSite, 'Lax');
      assert.equal(c.path, '/survey.html');
      assert.equal(new Date(c.expires!).getTime(), Math.floor(closesAt / 1000) * 1000);
      const row = await ctx.platform.db.selectFrom('survey_responses').select('device_hash').where('survey_id', '=', id).executeTakeFirstOrThrow();
      assert.match(row.device_hash, /^[0-9a-f]{64}$/);
      assert.ok(!row.device_hash.includes(c.value));

      const second = await answer(id, valid(q), { cookie: `jy_survey_${id}=${c.value}` });
      assert.equal(second.statusCode, 409);
      assert.match(second.body, /您已经提交过这份调查问卷，每台设备只能提交一次/);
      assert.equal((await ctx.platform.db.selectFrom('survey_responses').select('id').where('survey_id', '=', id).execute()).length, 1);
    });

    test('a replayed captcha is refused even from a new device', async () => {
      const { id, q } = await openSurvey();
      const altcha = await solvedCaptcha(ctx.app);
      assert.equal((await answer(id, valid(q), { altcha })).statusCode, 200);
      const replay = await answer(id, valid(q), { altcha });
      assert.equal(replay.statusCode, 400);
      assert.match(replay.body, /人机验证（altcha）已使用过/);
      const none = await answer(id, valid(q), { altcha: '' });
      assert.match(none.body, /请先完成人机验证/);
    });

    test('results count every answer; text answers are paged in the console', async () => {
      const { id, q } = await openSurvey();
      const m = (a: string, b: string): [string, string][] => [[`q${q[4]}_0`, a], [`q${q[4]}_1`, b]];
      for (const fields of [
        [...valid(q), [`q${q[1]}`, '0'], [`q${q[1]}`, '2'], [`q${q[2]}`, '多开窗口'], ...m('0', '1')],
        [[`q${q[0]}`, '1'], [`q${q[3]}`, '2'], [`q${q[1]}`, '2'], ...m('0', '0')],
        [[`q${q[0]}`, '0'], [`q${q[3]}`, '5'], [`q${q[2]}`, '延长时间']],
      ] as [string, string][][]) assert.equal((await answer(id, fields)).statusCode, 200);
      const r = (await editor.request('GET', `/api/v1/surveys/${id}/results`)).json<{ responses: number; questions: { answered: number; counts: { label: string; count: number }[]; average: number | null; matrix: { row: string; counts: number[] }[] }[] }>();
      assert.equal(r.responses, 3);
      assert.deepEqual(r.questions[0]!.counts.map((c) => c.count), [2, 1, 0]);
      assert.deepEqual(r.questions[1]!.counts.map((c) => c.count), [1, 0, 2, 0]);
      assert.equal(r.questions[1]!.answered, 2);
      assert.equal(r.questions[2]!.answered, 2);
      assert.deepEqual(r.questions[3]!.counts.map((c) => c.count), [0, 1, 0, 1, 1]);
      assert.equal(r.questions[3]!.average, 3.67); // (4 + 2 + 5) / 3, two decimals
      assert.deepEqual(r.questions[4]!.matrix, [{ row: '办理速度', counts: [2, 0, 0] }, { row: '服务态度', counts: [1, 1, 0] }]);
      const texts = (await editor.request('GET', `/api/v1/surveys/${id}/questions/${q[2]}/answers?pageSize=1&page=2`)).json<{ total: number; items: { text: string }[] }>();
      assert.equal(texts.total, 2);
      assert.deepEqual(texts.items.map((t) => t.text), ['多开窗口']);
    });

    test('the CSV: BOM, one row per response, a column per question and matrix row, quoting and formula injection', async () => {
      const questions: QuestionInput[] = [
        { kind: 'single', title: '性别', required: true, options: ['男', '女'] },
        { kind: 'multiple', title: '渠道', required: false, options: ['网站', '窗口', '电话'] },
        { kind: 'text', title: '建议', required: false, maxLength: 100 },
        { kind: 'rating', title: '评分', required: false, scale: 10 },
        { kind: 'matrix', title: '评价', required: false, rows: ['速度', '态度'], columns: ['好', '差'] },
      ];
      const { id, q } = await openSurvey({ title: 'CSV 调查', questions });
      const t0 = Date.UTC(2026, 10, 26, 2, 5, 9); // 10:05:09 in Shanghai
      clock.set(t0);
      assert.equal((await answer(id, [[`q${q[0]}`, '1'], [`q${q[1]}`, '0'], [`q${q[1]}`, '2'], [`q${q[2]}`, '=HYPERLINK("http://x")'], [`q${q[3]}`, '10'], [`q${q[4]}_0`, '0'], [`q${q[4]}_1`, '1']])).statusCode, 200);
      clock.set(t0 + 60_000);
      assert.equal((await answer(id, [[`q${q[0]}`, '0'], [`q${q[2]}`, '-1, "好"\n第二行'], [`q${q[3]}`, '3']])).statusCode, 200);
      clock.set(t0 + 120_000);
      assert.equal((await answer(id, [[`q${q[0]}`, '0'], [`q${q[2]}`, '@SUM(A1) +2']])).statusCode, 200);
      const res = await editor.request('GET', `/api/v1/surveys/${id}/responses.csv`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(res.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf');
      assert.equal(res.body, '\uFEFF'
        + '"序号","提交时间","1. 性别","2. 渠道","3. 建议","4. 评分","5. 评价 - 速度","5. 评价 - 态度"\r\n'
        + '"1","2026-11-26 10:05:09","女","网站；电话","\'=HYPERLINK(""http://x"")","10","好","差"\r\n'
        + '"2","2026-11-26 10:06:09","男","","\'-1, ""好""\n第二行","3","",""\r\n'
        + '"3","2026-11-26 10:07:09","男","","\'@SUM(A1) +2","","",""\r\n');
    });

    test('the results page exists only while published; charts are server-side SVG with tables; script never runs', async () => {
      const evil = '<script>alert(1)</script>';
      const { id, q } = await openSurvey({ title: `调查${evil}`, questions: [{ ...EVERY_KIND[0]!, title: `题目${evil}`, options: [`选项${evil}`, '二'] }, EVERY_KIND[2]!] });
      const form = await ctx.app.inject({ method: 'GET', url: `/survey.html?id=${id}`, headers: { host: PORTAL_HOST } });
      assert.equal(form.statusCode, 200);
      assert.ok(!form.body.includes(evil) && form.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.equal((await answer(id, [[`q${q[0]}`, '0'], [`q${q[1]}`, evil]])).statusCode, 200);
      const url = `/survey-results.html?id=${id}`;
      assert.equal((await ctx.app.inject({ method: 'GET', url, headers: { host: PORTAL_HOST } })).statusCode, 404);
      assert.equal((await editor.request('POST', `/api/v1/surveys/${id}/state`, { resultsPublic: true })).statusCode, 200);
      const page = await ctx.app.inject({ method: 'GET', url, headers: { host: PORTAL_HOST } });
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes(evil), 'no live script from titles, options or answers');
      assert.match(page.body, /<figure class="survey-chart" aria-hidden="true"><svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.match(page.body, /<th scope="row">选项&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/th><td>1<\/td>/);
      assert.match(page.body, /共 1 条文字回答。文字回答可能含有个人信息，不予公开。/);
      assert.doesNotMatch(page.body, /<script(?! src="\/assets\/)/);
      const list = await ctx.app.inject({ method: 'GET', url: '/surveys.html', headers: { host: PORTAL_HOST } });
      assert.match(list.body, new RegExp(`href="/survey-results.html\\?id=${id}"`));
      assert.equal((await editor.request('POST', `/api/v1/surveys/${id}/state`, { resultsPublic: false })).statusCode, 200);
      assert.equal((await ctx.app.inject({ method: 'GET', url, headers: { host: PORTAL_HOST } })).statusCode, 404);
    });
    test(`over ${SURVEY_SUBMIT_RATE_PER_HOUR} posts an hour one address gets 429 while another is served`, async () => {
      const post = (ip: string) => ctx.app.inject({ method: 'POST', url: '/survey.html?id=999999', remoteAddress: ip, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded', host: PORTAL_HOST } });
      for (let i = 0; i < SURVEY_SUBMIT_RATE_PER_HOUR; i++) assert.equal((await post('203.0.113.50')).statusCode, 404);
      const limited = await post('203.0.113.50');
      assert.equal(limited.statusCode, 429);
      assert.match(limited.body, /提交过于频繁，请稍后再试/);
      assert.equal((await post('198.51.100.50')).statusCode, 404);
    });
  });
}
