/**
 * The public forms other than letters and error reports (在线调查, 网友评论, 征求意见, 在线访谈)
 * after a refusal: always a readable page of the site in Chinese (never problem+json, never an
 * empty body), what was typed kept, each field's message tied to its input; ids read as plain
 * digits only; control and bidi characters refused in what visitors send.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { feedbackHarness, DAY } from '../support/feedback-harness.js';
import { formBody, surveyBody } from '../support/survey-fixtures.js';
import { multipartBody, PORTAL_HOST, solvedCaptcha } from '../support/letter-fixtures.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn } from '../support/session.js';
import { seedInterview } from '../support/interview-fixtures.js';
import { NANJING_PORTAL_CODE, publishedDocument, workflowColumn } from '../support/workflow-fixtures.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { columnsDeps, updateColumn } from '../../src/modules/columns/index.js';
import { SURVEY_SUBMIT_RATE_PER_HOUR } from '../../src/modules/interaction/index.js';

type Res = { statusCode: number; body: string; headers: Record<string, unknown> };
const DRAFT = '为规范政府网站管理，制定本办法。\n第一条 本办法适用于全省政府网站。\n第二条 本办法自发布之日起施行。';
/** The theme's "page not found" page (themes/default/not-found.liquid). */
const SITE_404 = /您访问的页面不存在/;

/** A page of the site in Chinese: HTML, with a body, never problem+json. */
function assertPage(res: Res, status: number, label: string): void {
  assert.equal(res.statusCode, status, `${label}: ${res.body.slice(0, 300)}`);
  assert.match(String(res.headers['content-type']), /^text\/html/, label);
  assert.match(res.body, /^<!DOCTYPE html>/i, `${label}: a whole page`);
  assert.match(res.body, /<html lang="zh-CN"/, label);
}

function assertSite404(res: Res, label: string): void {
  assertPage(res, 404, label);
  assert.match(res.body, SITE_404, `${label}: the site's own 404 page`);
}

for (const engine of selectedEngines()) {
  describe(`public forms answer pages after any refusal [${engine}]`, () => {
    const h = feedbackHarness(engine);
    let ip = 0;
    /** Each post from its own address: the survey's hourly limit is not what these tests are about. */
    const nextIp = () => `198.51.100.${(ip++ % 250) + 1}`;

    async function openSurvey(): Promise<{ id: number; q: number[] }> {
      const made = await h.editor.request('POST', '/api/v1/sites/1/surveys', surveyBody());
      assert.equal(made.statusCode, 201, made.body);
      const s = made.json<{ survey: { id: number; questions: { id: number }[] } }>().survey;
      assert.equal((await h.editor.request('POST', `/api/v1/surveys/${s.id}/state`, { status: 'open' })).statusCode, 200);
      return { id: s.id, q: s.questions.map((x) => x.id) };
    }
    const answer = async (query: string, fields: [string, string][], opts: { remoteAddress?: string; payload?: string } = {}) => {
      const { payload, headers } = formBody([...fields, ['altcha', await solvedCaptcha(h.ctx.app)]]);
      return h.ctx.app.inject({ method: 'POST', url: `/survey.html${query}`, payload: opts.payload ?? payload, remoteAddress: opts.remoteAddress ?? nextIp(), headers: { ...headers, host: PORTAL_HOST } });
    };
    const responses = async (id: number) => (await h.ctx.platform.db.selectFrom('survey_responses').select('id').where('survey_id', '=', id).execute()).length;

    describe('在线调查', () => {
      test('control characters and NUL in a text answer are refused: the form again, the message beside question 3, the answers kept without them', async () => {
        const { id, q } = await openSurvey();
        for (const [label, typed] of [['NUL and BEL', 'a\u0000b\u0007c'], ['ESC', '建议\u001b[31m改进'], ['right-to-left override', '好评\u202etxt.exe']] as const) {
          const res = await answer(`?id=${id}`, [[`q${q[0]}`, '0'], [`q${q[2]}`, typed], [`q${q[3]}`, '4']]);
          assertPage(res, 400, label);
          assert.doesNotMatch(res.body, /"code":"http\.invalid_text"/, label);
          assert.match(res.body, new RegExp(`<p class="field-error" id="error-${q[2]}">第 3 题：含有不允许的字符`), label);
          assert.match(res.body, /提交的内容中含有不允许的字符/, label);
          // Kept, without what was refused (a visitor could not find an invisible character to delete it).
          assert.ok(res.body.includes(`>${typed.replace(/[\u0000-\u001f\u202e]/g, '')}</textarea>`), `${label}: the text kept`);
          assert.match(res.body, new RegExp(`name="q${q[0]}" value="0" required checked`), `${label}: the choice kept`);
          assert.doesNotMatch(res.body, /[\u0000\u0007\u001b\u202e]/, `${label}: never in the page`);
        }
        assert.equal(await responses(id), 0, 'nothing stored');
        // Tab and line breaks are text: accepted.
        const ok = await answer(`?id=${id}`, [[`q${q[0]}`, '0'], [`q${q[2]}`, '第一行\r\n\t第二行'], [`q${q[3]}`, '4']]);
        assertPage(ok, 200, 'tab and CRLF');
        assert.equal(await responses(id), 1);
      });

      test('a body over 256 KB is the survey page with a message (413), not problem+json', async () => {
        const { id, q } = await openSurvey();
        const res = await answer(`?id=${id}`, [], { payload: new URLSearchParams([[`q${q[2]}`, '长'.repeat(100_000)]]).toString() });
        assertPage(res, 413, 'too large');
        assert.match(res.body, /提交的内容过长/);
        assert.match(res.body, /<form class="survey-form"/);
      });

      test('a survey the site does not show is the site\'s 404 page: no id, ids that are not plain digits, a draft', async () => {
        const { id, q } = await openSurvey();
        const draft = (await h.editor.request('POST', '/api/v1/sites/1/surveys', surveyBody())).json<{ survey: { id: number } }>().survey.id;
        for (const query of ['', '?id=', '?id=abc', `?id=${id}e0`, '?id=1e0', `?id=0${id}`, `?id=%20${id}`, `?id=${id}.0`, `?id=-${id}`, '?id=99999999999999999', `?id=${draft}`, '?id=%00']) {
          assertSite404(await answer(query, [[`q${q[0]}`, '0'], [`q${q[3]}`, '4']]), `POST /survey.html${query}`);
        }
        for (const query of [`?id=${id}e0`, `?id=0${id}`, `?id=${id}abc`, '?id=1e0']) {
          const page = await h.page(`/survey.html${query}`);
          assert.equal(page.statusCode, 404, `GET /survey.html${query}`);
          assert.doesNotMatch(page.body, /survey-form/);
        }
        assert.equal((await h.page(`/survey.html?id=${id}`)).statusCode, 200, 'the plain id is the survey');
        // A parameter the form does not use is no refusal.
        assertPage(await answer(`?id=${id}&utm_source=wx`, [[`q${q[0]}`, '0'], [`q${q[3]}`, '4']]), 200, 'a stray query parameter');
        assert.equal(await responses(draft), 0);
      });

      test('a refused answer ties each message and hint to its inputs (aria-describedby, aria-invalid on the inputs, not the fieldset)', async () => {
        const { id, q } = await openSurvey();
        const res = await answer(`?id=${id}`, [[`q${q[2]}`, '建议'.repeat(30)]]);
        assertPage(res, 400, 'refused');
        assert.doesNotMatch(res.body, /<fieldset[^>]*aria-invalid/);
        // Text question: message and hint.
        assert.match(res.body, new RegExp(`<textarea id="text-${q[2]}"[^>]* aria-describedby="error-${q[2]} hint-${q[2]}" aria-invalid="true">`));
        // Required single choice without a hint: every radio names the message.
        const radios = res.body.match(new RegExp(`<input type="radio" name="q${q[0]}"[^>]*>`, 'g')) ?? [];
        assert.equal(radios.length, 3);
        for (const r of radios) assert.match(r, new RegExp(`aria-describedby="error-${q[0]}" aria-invalid="true"`));
        // Every id named is on the page.
        for (const [, ids] of res.body.matchAll(/aria-describedby="([^"]+)"/g)) {
          for (const ref of ids!.split(' ')) assert.ok(res.body.includes(`id="${ref}"`), `#${ref} exists`);
        }
        // An optional multiple choice that is fine: its hint, and not invalid.
        const boxes = res.body.match(new RegExp(`<input type="checkbox" name="q${q[1]}"[^>]*>`, 'g')) ?? [];
        for (const b of boxes) {
          assert.match(b, new RegExp(`aria-describedby="hint-${q[1]}"`));
          assert.doesNotMatch(b, /aria-invalid/);
        }
        // Not refused: the hint only.
        const fresh = await h.page(`/survey.html?id=${id}`);
        assert.match(fresh.body, new RegExp(`<textarea id="text-${q[2]}"[^>]* aria-describedby="hint-${q[2]}">`));
        assert.doesNotMatch(fresh.body, /aria-invalid/);
      });

      test(`over ${SURVEY_SUBMIT_RATE_PER_HOUR} posts an hour: the survey page says so (429, Retry-After) with the answers kept`, async () => {
        const { id, q } = await openSurvey();
        const address = '203.0.113.77';
        for (let i = 0; i < SURVEY_SUBMIT_RATE_PER_HOUR; i++) {
          const r = await h.ctx.app.inject({ method: 'POST', url: '/survey.html?id=999999', remoteAddress: address, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded', host: PORTAL_HOST } });
          assertSite404(r, `post ${i + 1}`);
        }
        const limited = await answer(`?id=${id}`, [[`q${q[0]}`, '1'], [`q${q[2]}`, '限流时写的建议'], [`q${q[3]}`, '5']], { remoteAddress: address });
        assertPage(limited, 429, 'limited');
        assert.equal(limited.headers['retry-after'], '3600');
        assert.match(limited.body, /提交过于频繁，请稍后再试。您填写的答案保留在下方。/);
        assert.ok(limited.body.includes('>限流时写的建议</textarea>'));
        assert.match(limited.body, new RegExp(`name="q${q[0]}" value="1" required checked`));
        assert.match(limited.body, new RegExp(`name="q${q[3]}" value="5" required checked`));
        // Over the limit for a survey that is not shown: the list with the message.
        const unknown = await h.ctx.app.inject({ method: 'POST', url: '/survey.html?id=999999', remoteAddress: address, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded', host: PORTAL_HOST } });
        assertPage(unknown, 429, 'limited, unknown survey');
        assert.match(unknown.body, /提交过于频繁/);
        assert.equal(await responses(id), 0);
      });
    });

    describe('网友评论, 征求意见, 在线访谈', () => {
      let otherDoc = 0;
      const openConsultation = async () => {
        const now = h.clock.now();
        const res = await h.editor.request('POST', `/api/v1/sites/${h.siteId}/consultations`, { title: '关于表单测试的办法（征求意见稿）', draftText: DRAFT, opensAt: now - 1000, closesAt: now + 31 * DAY });
        assert.equal(res.statusCode, 201, res.body);
        return res.json<{ consultation: { id: number } }>().consultation.id;
      };
      const question = (fields: Record<string, string>, withCaptcha = true) => h.formPost('/interviews/question.html', fields, withCaptcha);
      const count = async (table: 'comments' | 'interview_questions') => Number((await h.ctx.platform.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

      test('NUL, BEL, ESC or a bidi override in a field: the page again (400) with the message beside the field and the text kept without it', async () => {
        const consultation = await openConsultation();
        const interview = await seedInterview(h.ctx.platform);
        const before = [await count('comments'), await count('interview_questions')];
        for (const [label, typed] of [['NUL', '意见\u0000内容'], ['BEL', '意见\u0007内容'], ['ESC', '意见\u001b内容'], ['U+202E', '意见\u202e内容'], ['U+2066', '意见\u2066内容']] as const) {
          const comment = await h.formPost('/comments.html', { doc: String(h.openDoc), body: typed, nickname: '市民' });
          assertPage(comment, 400, `comment, ${label}`);
          assert.match(comment.body, /<strong class="field-error" id="cf-body-error">评论内容含有不允许的字符<\/strong>/, label);
          assert.match(comment.body, /<textarea id="cf-body"[^>]* aria-describedby="cf-body-error cf-body-hint" aria-invalid="true">意见内容<\/textarea>/, label);
          assert.match(comment.body, /id="cf-nickname"[^>]* value="市民"/, label);

          const nick = await h.formPost('/comments.html', { doc: String(h.openDoc), body: '正常的评论', nickname: typed });
          assertPage(nick, 400, `nickname, ${label}`);
          assert.match(nick.body, /<strong class="field-error" id="cf-nickname-error">昵称含有不允许的字符<\/strong>/, label);

          const opinion = await h.formPost('/consultation.html', { consultation: String(consultation), clauseNo: '2', body: typed, contact: '13812345678' });
          assertPage(opinion, 400, `opinion, ${label}`);
          assert.match(opinion.body, /<strong class="field-error" id="of-body-2-error">意见内容含有不允许的字符<\/strong>/, label);
          assert.match(opinion.body, /<textarea id="of-body-2"[^>]* aria-invalid="true">意见内容<\/textarea>/, label);
          assert.match(opinion.body, /id="of-contact-2"[^>]* value="13812345678"/, `${label}: the contact kept in the form that was sent`);

          const asked = await question({ interviewId: String(interview.id), body: typed });
          assertPage(asked, 400, `question, ${label}`);
          assert.match(asked.body, /<strong class="field-error" id="iv-body-error">问题内容含有不允许的字符<\/strong>/, label);
          assert.match(asked.body, /<textarea id="iv-body"[^>]* aria-invalid="true">意见内容<\/textarea>/, label);
          for (const res of [comment, nick, opinion, asked]) assert.doesNotMatch(res.body, /[\u0000\u0007\u001b\u202e\u2066]/, `${label}: never in the page`);
        }
        assert.deepEqual([await count('comments'), await count('interview_questions')], before, 'nothing stored');
      });

      test('the JSON API refuses them too (http.invalid_text naming the field); tab and line breaks are text', async () => {
        const res = await h.comment(h.openDoc, { body: '评论\u0007内容' });
        h.expectProblem(res, 400, 'http.invalid_text');
        assert.equal(res.json<{ errors: { field: string }[] }>().errors[0]!.field, 'body');
        const ok = await h.comment(h.openDoc, { body: '第一行\n\t第二行\r\n第三行' });
        assert.equal(ok.statusCode, 201, ok.body);
      });

      test('ids that name nothing here are the site\'s 404 page: unknown, not plain digits, another site\'s', async () => {
        const consultation = await openConsultation();
        const interview = await seedInterview(h.ctx.platform);
        const theirs = await seedInterview(h.ctx.platform, 'scheduled', '南京的访谈');
        const nanjing = await h.ctx.platform.db.selectFrom('sites').select('id').where('code', '=', NANJING_PORTAL_CODE).executeTakeFirstOrThrow();
        await h.ctx.platform.db.updateTable('interviews').set({ site_id: Number(nanjing.id) }).where('id', '=', theirs.id).execute();
        if (otherDoc === 0) {
          const column = await workflowColumn(h.ctx.platform, { siteCode: NANJING_PORTAL_CODE, workflow: [{ name: '审核', role: 'reviewer' }] });
          await updateColumn({ db: h.ctx.platform.db, actor: systemActor('test'), columnId: column.id, input: { commentsEnabled: true }, deps: columnsDeps(h.ctx.platform) });
          otherDoc = (await publishedDocument(h.ctx.platform, { columnId: column.id, title: '南京的通知' })).documentId;
        }
        const before = [await count('comments'), await count('interview_questions')];
        const notDigits = (n: number) => [`${n}e0`, `0${n}`, ` ${n}`, `${n} `, `+${n}`, `${n}.0`, `0x${n.toString(16)}`, `${n}abc`, 'abc', ''];
        for (const doc of [...notDigits(h.openDoc), '99999999', String(otherDoc), String(h.closedDoc)]) {
          assertSite404(await h.formPost('/comments.html', { doc, body: '评论' }), `comments doc=${JSON.stringify(doc)}`);
          assertSite404(await h.formPost('/comments/report.html', { doc, comment: '1', reason: '理由' }), `report doc=${JSON.stringify(doc)}`);
        }
        for (const id of [...notDigits(consultation), '99999999']) {
          assertSite404(await h.formPost('/consultation.html', { consultation: id, body: '意见' }), `consultation=${JSON.stringify(id)}`);
        }
        for (const id of [...notDigits(interview.id), '99999999', String(theirs.id)]) {
          assertSite404(await question({ interviewId: id, body: '提问' }), `interviewId=${JSON.stringify(id)}`);
        }
        assert.deepEqual([await count('comments'), await count('interview_questions')], before, 'nothing stored');
        // The pages read their ids the same way.
        for (const path of [`/comments.html?doc=${h.openDoc}e0`, `/comments.html?doc=0${h.openDoc}`, `/consultation.html?id=${consultation}e0`, `/interview.html?id=${interview.id}e0`, `/interview.html?id=${interview.id}abc`, `/interview.html?id=0${interview.id}`]) {
          assert.equal((await h.page(path)).statusCode, 404, path);
        }
        assert.equal((await h.page(`/interview.html?id=${interview.id}`)).statusCode, 200);
      });

      test('a question to an ended interview: 409 with 访谈已结束，不再征集问题, and what was typed shown', async () => {
        const ended = await seedInterview(h.ctx.platform, 'ended');
        const res = await question({ interviewId: String(ended.id), nickname: '网友乙', body: '结束后才看到的问题' });
        assertPage(res, 409, 'ended');
        assert.match(res.body, /<div class="form-errors" role="alert"[^>]*><p>访谈已结束，不再征集问题<\/p>/);
        assert.match(res.body, /您填写的问题（未提交）：<\/p>\s*<p class="letter-body">结束后才看到的问题<\/p>/);
        assert.doesNotMatch(res.body, /<form class="letter-form"/, 'no form once it takes no questions');
      });

      test('a refused comment, opinion or question keeps what was typed and ties each message to its input', async () => {
        const consultation = await openConsultation();
        const interview = await seedInterview(h.ctx.platform);
        // Without the captcha: refused as a whole; the text stays.
        const comment = await h.formPost('/comments.html', { doc: String(h.openDoc), body: '没有验证的评论', nickname: '网友丙' }, false);
        assertPage(comment, 400, 'comment');
        assert.match(comment.body, /人机验证/);
        assert.match(comment.body, /<textarea id="cf-body"[^>]*>没有验证的评论<\/textarea>/);
        // Blank: the message beside the text.
        const blank = await h.formPost('/comments.html', { doc: String(h.openDoc), body: '   ' });
        assertPage(blank, 400, 'blank comment');
        assert.match(blank.body, /<strong class="field-error" id="cf-body-error">[^<]*评论内容[^<]*<\/strong>/);
        assert.match(blank.body, /<textarea id="cf-body"[^>]* aria-describedby="cf-body-error cf-body-hint" aria-invalid="true">/);
        // Too long a nickname: its own message, the body fine.
        const longNick = await h.formPost('/comments.html', { doc: String(h.openDoc), body: '评论', nickname: '长'.repeat(31) });
        assertPage(longNick, 400, 'long nickname');
        assert.match(longNick.body, /<strong class="field-error" id="cf-nickname-error">昵称不能超过 30 [^<]*<\/strong>/);
        assert.match(longNick.body, /<input id="cf-nickname"[^>]* aria-invalid="true" aria-describedby="cf-nickname-error">/);
        assert.doesNotMatch(longNick.body, /id="cf-body-error"/);

        const opinion = await h.formPost('/consultation.html', { consultation: String(consultation), clauseNo: '2', body: '对第一条的意见', nickname: '网友丁', contact: '联系我' }, false);
        assertPage(opinion, 400, 'opinion');
        assert.match(opinion.body, /<details open>/, 'the clause form that was sent is open');
        assert.match(opinion.body, /<textarea id="of-body-2"[^>]*>对第一条的意见<\/textarea>/);
        assert.match(opinion.body, /id="of-nick-2"[^>]* value="网友丁"/);
        assert.match(opinion.body, /<textarea id="of-body-all"[^>]*><\/textarea>/, 'the other forms stay empty');
        const blankOpinion = await h.formPost('/consultation.html', { consultation: String(consultation), body: ' ' });
        assertPage(blankOpinion, 400, 'blank opinion');
        assert.match(blankOpinion.body, /<strong class="field-error" id="of-body-all-error">[^<]*意见内容[^<]*<\/strong>/);
        assert.match(blankOpinion.body, /<textarea id="of-body-all"[^>]* aria-describedby="of-body-all-error of-body-all-hint" aria-invalid="true">/);

        const asked = await question({ interviewId: String(interview.id), nickname: '网友戊', body: '' });
        assertPage(asked, 400, 'blank question');
        assert.match(asked.body, /<strong class="field-error" id="iv-body-error">请填写问题内容<\/strong>/);
        assert.match(asked.body, /<textarea id="iv-body"[^>]* aria-describedby="iv-body-error iv-body-hint" aria-invalid="true">/);
        assert.match(asked.body, /id="iv-nickname"[^>]* value="网友戊"/);

        // A refused report opens its form again with the reason and its message.
        const approved = await h.comment(h.openDoc, { body: '一条将被举报的评论' });
        const commentId = approved.json<{ id: number }>().id;
        assert.equal((await h.moderate(commentId, 'approve')).statusCode, 200);
        const report = await h.formPost('/comments/report.html', { doc: String(h.openDoc), comment: String(commentId), reason: '举报\u0007理由' }, false);
        assertPage(report, 400, 'report');
        assert.match(report.body, new RegExp(`<strong class="field-error" id="rp-${commentId}-error">举报理由含有不允许的字符</strong>`));
        assert.match(report.body, new RegExp(`<input id="rp-${commentId}"[^>]* value="举报理由" aria-invalid="true" aria-describedby="rp-${commentId}-error">`));
      });

      test('a form posted as something else than multipart is the page with a message (415), not problem+json', async () => {
        const res = await h.ctx.app.inject({ method: 'POST', url: '/comments.html', payload: `doc=${h.openDoc}&body=x`, headers: { 'content-type': 'application/x-www-form-urlencoded', host: PORTAL_HOST, referer: `http://${PORTAL_HOST}/comments.html?doc=${h.openDoc}` } });
        assertPage(res, 415, 'urlencoded');
        assert.match(res.body, /提交的方式不正确/);
        assert.match(res.body, /网友评论/);
      });
    });
  });
}

for (const engine of selectedEngines()) {
  describe(`public forms over the per-address limit keep what was typed [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(engine, { config: { letterSubmitRatePerHour: 1 } });
    });
    after(async () => { await ctx.close(); });
    const post = (path: string, fields: Record<string, string>) => {
      const { payload, headers } = multipartBody(fields);
      return ctx.app.inject({ method: 'POST', url: path, payload, remoteAddress: '192.0.2.9', headers: { ...headers, host: PORTAL_HOST } });
    };

    test('a question and an opinion: 429 with Retry-After, the page they were sent from, the text kept (without forbidden characters)', async () => {
      const interview = await seedInterview(ctx.platform);
      assertPage(await post('/interviews/question.html', { interviewId: String(interview.id), body: '第一问' }), 400, 'no captcha, counted');
      const limited = await post('/interviews/question.html', { interviewId: String(interview.id), nickname: '网友己', body: '限流时的\u0007提问' });
      assertPage(limited, 429, 'question');
      assert.equal(limited.headers['retry-after'], '3600');
      assert.match(limited.body, /提交过于频繁，请稍后再试。您填写的内容保留在下方。/);
      assert.match(limited.body, /<textarea id="iv-body"[^>]*>限流时的提问<\/textarea>/);
      assert.match(limited.body, /id="iv-nickname"[^>]* value="网友己"/);

      const editor = await signIn(ctx.app, ctx.accounts.editor!);
      const now = ctx.platform.clock.now();
      const made = await editor.request('POST', '/api/v1/sites/1/consultations', { title: '限流测试办法（征求意见稿）', draftText: DRAFT, opensAt: now - 1000, closesAt: now + 31 * DAY });
      assert.equal(made.statusCode, 201, made.body);
      const id = made.json<{ consultation: { id: number } }>().consultation.id;
      assertPage(await post('/consultation.html', { consultation: String(id), body: '第一条意见' }), 400, 'no captcha, counted');
      const opinion = await post('/consultation.html', { consultation: String(id), clauseNo: '2', body: '限流时的意见', contact: '025-12345678' });
      assertPage(opinion, 429, 'opinion');
      assert.match(opinion.body, /<h1>限流测试办法（征求意见稿）<\/h1>/, 'the consultation itself, not the list');
      assert.match(opinion.body, /<textarea id="of-body-2"[^>]*>限流时的意见<\/textarea>/);
      assert.match(opinion.body, /id="of-contact-2"[^>]* value="025-12345678"/);
    });
  });
}
