import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { interviewHubOf, InterviewHub } from '../../src/modules/interaction/index.js';
import { appendEntry } from '../../src/modules/interaction/interviews/interview-transcript.js';
import { LocalEventBus } from '../../src/platform/events/event-bus.js';
import { inTransaction } from '../../src/db/index.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { multipartBody, PORTAL_CODE, PORTAL_HOST, solvedCaptcha } from '../support/letter-fixtures.js';
import { openSse, seedInterview, seedQuestion, seedRemark, until, type SseClient } from '../support/interview-fixtures.js';

const HOUR = 3_600_000;
const MAX_STREAMS = 6;

for (const engine of selectedEngines()) {
  describe(`online interviews [${engine}]`, () => {
    let ctx: TestContext;
    let clock: ManualClock;
    let moderator: TestSession;
    let typist: TestSession;
    let port: number;
    const open: SseClient[] = [];
    const sse = async (path: string, headers: Record<string, string> = {}) => {
      const c = await openSse(port, path, headers);
      open.push(c);
      return c;
    };

    before(async () => {
      clock = new ManualClock(Date.UTC(2026, 10, 27, 2, 0, 0));
      ctx = await createTestContext(engine, { clock, config: { interviewMaxStreams: MAX_STREAMS } });
      moderator = await signIn(ctx.app, ctx.accounts.handler!, clock);
      typist = await signIn(ctx.app, ctx.accounts.editor!, clock);
      await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      port = (ctx.app.server.address() as AddressInfo).port;
    });
    after(async () => {
      for (const c of open) c.close();
      await ctx.close();
    });

    test('scheduling: the end must follow the start within a day, a guest is required, the title must not be blank', async () => {
      const now = clock.now();
      const body = { title: '访谈', guests: [{ name: '李主任', title: '主任', org: '省政务办' }], scheduledStart: now + HOUR, scheduledEnd: now + 2 * HOUR };
      const ok = await moderator.request('POST', '/api/v1/sites/1/interviews', body);
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json<{ interview: { status: string } }>().interview.status, 'scheduled');
      for (const [bad, code] of [
        [{ ...body, scheduledEnd: now + HOUR }, 'interaction.interview.bad_schedule'],
        [{ ...body, scheduledEnd: now + 26 * HOUR }, 'interaction.interview.bad_schedule'],
        // The platform's last epoch millisecond (MAX_EPOCH_MS), not year 275760.
        [{ ...body, scheduledStart: 8_640_000_000_000_000 - 2 * HOUR, scheduledEnd: 8_640_000_000_000_000 - HOUR }, 'http.validation'],
        [{ ...body, guests: [{ name: '  ', title: '', org: '' }] }, 'interaction.interview.guests_required'],
        [{ ...body, guests: [] }, 'http.validation'],
        [{ ...body, title: '   ' }, 'interaction.blank'],
      ] as const) {
        const res = await moderator.request('POST', '/api/v1/sites/1/interviews', bad);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json<{ code: string }>().code, code);
      }
      // The typist may not schedule; another site's moderator is out of scope.
      assert.equal((await typist.request('POST', '/api/v1/sites/1/interviews', body)).statusCode, 403);
      const id = ok.json<{ interview: { id: number } }>().interview.id;
      const moved = await moderator.request('PATCH', `/api/v1/interviews/${id}`, { scheduledStart: now + 3 * HOUR });
      assert.equal(moved.json<{ code: string }>().code, 'interaction.interview.bad_schedule', 'a start after the end is refused on edit too');
    });

    test('the console hears at once that a question came in or was decided (SSE, per interview); anonymous and roles without the console are refused', async () => {
      const iv = await seedInterview(ctx.platform);
      const other = await seedInterview(ctx.platform);
      const path = `/api/v1/interviews/${iv.id}/question-events`;
      assert.equal((await sse(path)).status, 401);
      const reviewer = await signIn(ctx.app, ctx.accounts.reviewer!, clock);
      assert.equal((await sse(path, { cookie: reviewer.cookie })).status, 403);
      assert.equal((await sse('/api/v1/interviews/999999/question-events', { cookie: moderator.cookie })).status, 404);

      const watch = await sse(path, { cookie: moderator.cookie });
      assert.equal(watch.status, 200);
      assert.match(String(watch.headers['content-type']), /^text\/event-stream/);
      const ask = async (id: number) => ctx.app.inject({ method: 'POST', url: `/api/v1/public/interviews/${id}/questions`, payload: { body: '请问何时开通？', altcha: await solvedCaptcha(ctx.app) } });
      assert.equal((await ask(other.id)).statusCode, 201, 'a question to another interview');
      const asked = await ask(iv.id);
      assert.equal(asked.statusCode, 201, asked.body);
      const [first] = await watch.waitFor(1);
      assert.deepEqual([first!.event, JSON.parse(first!.data)], ['questions', { id: iv.id }], 'only this interview\'s questions are announced');
      const decided = await moderator.request('POST', `/api/v1/interview-questions/${asked.json<{ id: number }>().id}/decision`, { decision: 'approve' });
      assert.equal(decided.statusCode, 200, decided.body);
      const events = await watch.waitFor(2);
      assert.deepEqual(events.map((e) => JSON.parse(e.data) as unknown), [{ id: iv.id }, { id: iv.id }]);
      assert.ok(!events.some((e) => e.data.includes('请问')), 'the notice carries no question text');
    });

    test('a question with the captcha waits for approval; approved is public, rejected never', async () => {
      const iv = await seedInterview(ctx.platform);
      const ask = async (text: string) => ctx.app.inject({ method: 'POST', url: `/api/v1/public/interviews/${iv.id}/questions`, payload: { body: text, nickname: '小王', altcha: await solvedCaptcha(ctx.app) } });
      const noCaptcha = await ctx.app.inject({ method: 'POST', url: `/api/v1/public/interviews/${iv.id}/questions`, payload: { body: '无验证' } });
      assert.equal(noCaptcha.json<{ code: string }>().code, 'interaction.captcha.missing');
      const first = await ask('第一问：审批时限能否再压缩？');
      assert.equal(first.statusCode, 201, first.body);
      assert.deepEqual(first.json(), { id: first.json<{ id: number }>().id, status: 'pending' });
      const second = await ask('第二问：不该公开的内容');
      const publicView = async () => (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/interviews/${iv.id}` })).json<{ questions: { body: string }[] }>().questions.map((q) => q.body);
      const page = async () => (await ctx.app.inject({ method: 'GET', url: `/interview.html?id=${iv.id}`, headers: { host: PORTAL_HOST } })).body;
      assert.deepEqual(await publicView(), []);
      assert.ok(!(await page()).includes('第一问'));
      const queue = await moderator.request('GET', `/api/v1/interviews/${iv.id}/questions?status=pending`);
      assert.deepEqual(queue.json<{ items: { body: string }[] }>().items.map((q) => q.body), ['第一问：审批时限能否再压缩？', '第二问：不该公开的内容']);
      assert.equal((await typist.request('POST', `/api/v1/interview-questions/${first.json<{ id: number }>().id}/decision`, { decision: 'approve' })).statusCode, 403);
      assert.equal((await moderator.request('POST', `/api/v1/interview-questions/${first.json<{ id: number }>().id}/decision`, { decision: 'approve' })).statusCode, 200);
      assert.equal((await moderator.request('POST', `/api/v1/interview-questions/${second.json<{ id: number }>().id}/decision`, { decision: 'reject' })).statusCode, 200);
      const again = await moderator.request('POST', `/api/v1/interview-questions/${second.json<{ id: number }>().id}/decision`, { decision: 'approve' });
      assert.equal(again.json<{ code: string }>().code, 'interaction.interview.question_decided', 'a rejected question cannot be approved later');
      assert.deepEqual(await publicView(), ['第一问：审批时限能否再压缩？']);
      const html = await page();
      assert.ok(html.includes('第一问：审批时限能否再压缩？'));
      assert.ok(!html.includes('第二问'));
    });

    test('the page form takes a question (multipart, captcha) and shows the page again with a message', async () => {
      const iv = await seedInterview(ctx.platform);
      const { payload, headers } = multipartBody({ interviewId: String(iv.id), nickname: '', body: '表单提问', altcha: await solvedCaptcha(ctx.app) });
      const res = await ctx.app.inject({ method: 'POST', url: '/interviews/question.html', payload, headers: { ...headers, host: PORTAL_HOST } });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.body, /提问已提交，经审核后将在本页公开/);
      assert.ok(!res.body.includes('表单提问</li>'), 'the pending question is not listed');
      const refused = multipartBody({ interviewId: String(iv.id), body: '没有验证' });
      const r2 = await ctx.app.inject({ method: 'POST', url: '/interviews/question.html', payload: refused.payload, headers: { ...refused.headers, host: PORTAL_HOST } });
      assert.equal(r2.statusCode, 400);
      assert.match(r2.body, /人机验证/);
      const rows = await ctx.platform.db.selectFrom('interview_questions').select(['body', 'status']).where('interview_id', '=', iv.id).execute();
      assert.deepEqual(rows, [{ body: '表单提问', status: 'pending' }]);
    });

    test('an answer reaches an SSE stream on a real port; Last-Event-ID resumes with exactly the missed entries', async () => {
      const iv = await seedInterview(ctx.platform);
      const stream = await sse(`/api/v1/public/interviews/${iv.id}/events`);
      assert.equal(stream.status, 200);
      assert.match(String(stream.headers['content-type']), /^text\/event-stream/);
      const started = await moderator.request('POST', `/api/v1/interviews/${iv.id}/status`, { action: 'start' });
      assert.equal(started.statusCode, 200, started.body);
      const qid = await seedQuestion(ctx.platform, iv.id, '网友：多久能办完？', true);
      const posted = await typist.request('POST', `/api/v1/interviews/${iv.id}/entries`, { kind: 'answer', questionId: qid, speaker: '王局长', body: '三个工作日内办结。' });
      assert.equal(posted.statusCode, 201, posted.body);
      const events = await stream.waitFor(2);
      assert.deepEqual(events.map((e) => [e.id, e.event]), [['1', 'entry'], ['2', 'entry']]);
      const answer = JSON.parse(events[1]!.data) as { kind: string; speaker: string; body: string; question: { body: string } };
      assert.deepEqual([answer.kind, answer.speaker, answer.body, answer.question.body], ['answer', '王局长', '三个工作日内办结。', '网友：多久能办完？']);
      const unanswerable = await typist.request('POST', `/api/v1/interviews/${iv.id}/entries`, { kind: 'answer', questionId: qid, body: '再答一次' });
      assert.equal(unanswerable.json<{ code: string }>().code, 'interaction.interview.bad_question', 'one answer per question');

      stream.close();
      await seedRemark(ctx.platform, iv.id, '第三条');
      await seedRemark(ctx.platform, iv.id, '第四条');
      const resumed = await sse(`/api/v1/public/interviews/${iv.id}/events`, { 'last-event-id': '2' });
      const missed = await resumed.waitFor(2);
      await seedRemark(ctx.platform, iv.id, '第五条');
      await resumed.waitFor(3);
      await delay(100); // anything duplicated would have arrived by now
      assert.deepEqual(resumed.events.map((e) => [e.id, (JSON.parse(e.data) as { body: string }).body]), [['3', '第三条'], ['4', '第四条'], ['5', '第五条']]);
      assert.equal(missed.length, 3);
      resumed.close();
    });

    test('one read per notification per process, however many clients; disconnects free their slots; over the cap is 503', async () => {
      const iv = await seedInterview(ctx.platform, 'live');
      const hub = interviewHubOf(ctx.platform)!;
      await until(() => hub.streams === 0);
      const clients = await Promise.all(Array.from({ length: MAX_STREAMS }, () => sse(`/api/v1/public/interviews/${iv.id}/events?after=1`)));
      await until(() => hub.streams === MAX_STREAMS);
      const over = await sse(`/api/v1/public/interviews/${iv.id}/events`);
      assert.equal(over.status, 503);
      assert.equal(over.headers['retry-after'], '30');
      const readsBefore = hub.reads;
      await seedRemark(ctx.platform, iv.id, '大家好');
      for (const c of clients) await c.waitFor(1);
      assert.equal(hub.reads - readsBefore, 1, 'the new row is read once for all six clients');
      for (const c of clients) c.close();
      await until(() => hub.streams === 0);
      const again = await sse(`/api/v1/public/interviews/${iv.id}/events?after=1`);
      assert.equal(again.status, 200);
      assert.deepEqual((await again.waitFor(1)).map((e) => e.id), ['2']);
      again.close();
    });

    test('a lost notification is made good by the heartbeat sweep', async () => {
      const iv = await seedInterview(ctx.platform, 'live');
      // A hub on a bus nobody publishes to: only the sweep can tell it about new rows.
      const silent = new LocalEventBus();
      const hub = new InterviewHub(ctx.platform.db, silent, { maxStreams: 10, heartbeatMs: 50 });
      const frames: string[] = [];
      const leave = await hub.join(iv.id, 1, 1, { send: (f) => frames.push(f), end: () => undefined });
      await inTransaction(ctx.platform.db, (trx) => appendEntry(trx, iv.id, { kind: 'remark', speaker: '主持人', body: '没有通知的发言' }, systemActor('test'), clock.now(), true));
      await until(() => frames.some((f) => f.startsWith('id: 2\n')));
      assert.ok(frames.find((f) => f.startsWith('id: 2\n'))!.includes('没有通知的发言'));
      leave();
      hub.close();
      await silent.close();
    });

    test('a stream joining from the start of a long transcript gets every entry, past the catch-up page size', async () => {
      const iv = await seedInterview(ctx.platform, 'live');
      const n = 1_203;
      const rows = Array.from({ length: n - 1 }, (_, i) => ({ interview_id: iv.id, seq: i + 2, kind: 'remark' as const, speaker: '主持人', body: `第${i + 2}条`, question_id: null, image_id: null, created_by: null, created_at: clock.now() }));
      for (let i = 0; i < rows.length; i += 400) await ctx.platform.db.insertInto('interview_entries').values(rows.slice(i, i + 400)).execute();
      await ctx.platform.db.updateTable('interviews').set({ last_seq: n }).where('id', '=', iv.id).execute();
      const hub = interviewHubOf(ctx.platform)!;
      const ids: number[] = [];
      const leave = await hub.join(iv.id, 0, n, { send: (f) => { ids.push(Number(/^id: (\d+)/.exec(f)?.[1])); }, end: () => undefined });
      leave();
      assert.equal(ids.length, n);
      assert.deepEqual(ids, Array.from({ length: n }, (_, i) => i + 1));
    });

    test('script in a question or an answer stays text on the live and archive pages', async () => {
      const iv = await seedInterview(ctx.platform, 'live');
      const qid = await seedQuestion(ctx.platform, iv.id, '<script>alert("q")</script>', true);
      const posted = await typist.request('POST', `/api/v1/interviews/${iv.id}/entries`, { kind: 'answer', questionId: qid, body: '<img src=x onerror=alert(1)>答' });
      assert.equal(posted.statusCode, 201, posted.body);
      for (const action of [null, 'end']) {
        if (action) assert.equal((await moderator.request('POST', `/api/v1/interviews/${iv.id}/status`, { action })).statusCode, 200);
        const html = (await ctx.app.inject({ method: 'GET', url: `/interview.html?id=${iv.id}`, headers: { host: PORTAL_HOST } })).body;
        assert.ok(html.includes('&lt;script&gt;alert(&#34;q&#34;)&lt;/script&gt;'), html);
        assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;答'));
        assert.ok(!html.includes('<script>alert') && !html.includes('<img src=x'));
      }
    });

    test('phone and ID numbers a citizen typed into a question are masked wherever the public reads it; the moderator sees them', async () => {
      const iv = await seedInterview(ctx.platform, 'live');
      const typed = '我电话13966665555，身份证110101199003077571，想问补贴';
      const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/public/interviews/${iv.id}/questions`, payload: { body: typed, nickname: '网友张三１３９１２３４００００', altcha: await solvedCaptcha(ctx.app) } });
      assert.equal(res.statusCode, 201, res.body);
      const qid = res.json<{ id: number }>().id;
      const queue = await moderator.request('GET', `/api/v1/interviews/${iv.id}/questions?status=pending`);
      assert.ok(queue.json<{ items: { body: string }[] }>().items.some((q) => q.body === typed), 'the moderator reads what was sent');
      assert.equal((await moderator.request('POST', `/api/v1/interview-questions/${qid}/decision`, { decision: 'approve' })).statusCode, 200);
      const raw = ['13966665555', '110101199003077571', '１３９１２３４００００'];
      const shown = async () => [
        (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/interviews/${iv.id}` })).body,
        (await ctx.app.inject({ method: 'GET', url: `/interview.html?id=${iv.id}`, headers: { host: PORTAL_HOST } })).body,
      ];
      for (const body of await shown()) {
        for (const r of raw) assert.ok(!body.includes(r), `${r} is not public`);
        assert.ok(body.includes('139****5555') && body.includes('1101**********7571'), 'the masked form is shown');
      }
      // Answered: the transcript quotes the question (page and API; the live stream sends the same entries, read by entriesAfter).
      assert.equal((await typist.request('POST', `/api/v1/interviews/${iv.id}/entries`, { kind: 'answer', questionId: qid, speaker: '王局长', body: '可以申请。' })).statusCode, 201);
      for (const body of await shown()) for (const r of raw) assert.ok(!body.includes(r), `${r} is not in the transcript`);
    });

    test('after the session: the archive page has the whole transcript without JS, the list shows it under past; no more questions or answers', async () => {
      const iv = await seedInterview(ctx.platform, 'live', '归档测试访谈');
      await seedRemark(ctx.platform, iv.id, '欢迎各位网友');
      await seedRemark(ctx.platform, iv.id, '下面回答问题');
      assert.equal((await moderator.request('POST', `/api/v1/interviews/${iv.id}/status`, { action: 'end' })).statusCode, 200);
      const late = await typist.request('POST', `/api/v1/interviews/${iv.id}/entries`, { kind: 'remark', body: '迟到的发言' });
      assert.equal(late.json<{ code: string }>().code, 'interaction.interview.not_live');
      const ask = await ctx.app.inject({ method: 'POST', url: `/api/v1/public/interviews/${iv.id}/questions`, payload: { body: '结束后提问', altcha: await solvedCaptcha(ctx.app) } });
      assert.equal(ask.json<{ code: string }>().code, 'interaction.interview.closed_for_questions');
      assert.equal((await moderator.request('POST', `/api/v1/interviews/${iv.id}/status`, { action: 'archive' })).statusCode, 200);
      const html = (await ctx.app.inject({ method: 'GET', url: `/interview.html?id=${iv.id}`, headers: { host: PORTAL_HOST } })).body;
      const order = ['访谈开始。', '欢迎各位网友', '下面回答问题', '访谈结束'].map((t) => html.indexOf(t));
      assert.ok(order.every((x, k) => x > 0 && (k === 0 || x > order[k - 1]!)), `transcript in order: ${order.join(',')}`);
      assert.ok(!html.includes('我要提问'));
      assert.match(html, /data-live="0"/);
      const list = (await ctx.app.inject({ method: 'GET', url: '/interviews.html', headers: { host: PORTAL_HOST } })).body;
      const past = list.slice(list.indexOf('往期回顾'));
      assert.ok(past.includes('归档测试访谈'));
      const api = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/sites/${PORTAL_CODE}/interviews` });
      assert.ok(api.json<{ items: { title: string; status: string }[] }>().items.some((i) => i.title === '归档测试访谈' && i.status === 'archived'));
    });

    test('pictures: magic bytes checked on upload, served publicly, attachable to an entry', async () => {
      const iv = await seedInterview(ctx.platform, 'live');
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR sample')]);
      const up = (name: string, content: Buffer) => {
        const { payload, headers } = multipartBody({}, [{ field: 'file', name, content, type: 'image/png' }]);
        return typist.request('POST', `/api/v1/interviews/${iv.id}/images`, payload, headers);
      };
      const disguised = await up('photo.png', Buffer.from('<svg onload=alert(1)>'));
      assert.equal(disguised.statusCode, 415);
      const ok = await up('嘉宾.png', png);
      assert.equal(ok.statusCode, 201, ok.body);
      const imageId = ok.json<{ image: { id: number } }>().image.id;
      const got = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/interview-images/${imageId}` });
      assert.equal(got.statusCode, 200);
      assert.equal(got.headers['content-type'], 'image/png');
      assert.deepEqual(got.rawPayload, png);
      const entry = await typist.request('POST', `/api/v1/interviews/${iv.id}/entries`, { kind: 'remark', body: '现场图片', imageId });
      assert.equal(entry.statusCode, 201, entry.body);
      const html = (await ctx.app.inject({ method: 'GET', url: `/interview.html?id=${iv.id}`, headers: { host: PORTAL_HOST } })).body;
      assert.ok(html.includes(`/api/v1/public/interview-images/${imageId}`));
    });
  });
}

for (const engine of selectedEngines()) {
  describe(`online interviews: questions per client address [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(engine, { config: { letterSubmitRatePerHour: 2 } });
    });
    after(async () => { await ctx.close(); });

    test('over the per-address limit the API answers 429 and the form page says so, with the interview page', async () => {
      const iv = await seedInterview(ctx.platform);
      const ask = async () => ctx.app.inject({ method: 'POST', url: `/api/v1/public/interviews/${iv.id}/questions`, payload: { body: '限流测试', altcha: await solvedCaptcha(ctx.app) } });
      assert.deepEqual([(await ask()).statusCode, (await ask()).statusCode, (await ask()).statusCode], [201, 201, 429]);
      const form = () => {
        const { payload, headers } = multipartBody({ interviewId: String(iv.id), body: '表单限流' });
        return ctx.app.inject({ method: 'POST', url: '/interviews/question.html', payload, headers: { ...headers, host: PORTAL_HOST, referer: `http://${PORTAL_HOST}/interview.html?id=${iv.id}` } });
      };
      assert.deepEqual([(await form()).statusCode, (await form()).statusCode], [400, 400], 'refused for the missing captcha, but counted');
      const limited = await form();
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.headers['retry-after'], '3600');
      assert.match(limited.body, /提交过于频繁，请稍后再试。/);
      assert.match(limited.body, /优化营商环境在线访谈/);
    });
  });
}
