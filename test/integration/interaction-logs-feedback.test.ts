/**
 * Personal data never appears in logs, URLs or error messages: consultations, comments, surveys
 * and interviews. Each test submits planted values by the API and by the site's form, has one
 * submission refused for a bad field, walks the staff side (moderation, summary, results, CSV),
 * then greps the trace-level log, the URLs it names and the audit trail for the planted values.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { DAY, feedbackHarness } from '../support/feedback-harness.js';
import { PLANTED, PORTAL_CODE, PORTAL_HOST, solvedCaptcha } from '../support/letter-fixtures.js';
import { assertNotLeaked, assertRefusedQuietly, captureLogs } from '../support/personal-data-leaks.js';
import { formBody, surveyBody } from '../support/survey-fixtures.js';
import { seedInterview } from '../support/interview-fixtures.js';

const { name, phone, email, idNumber } = PLANTED;
/** Free text that carries a phone and an ID number, as visitors write them. */
const TEXT = `我的电话${phone}，身份证${idNumber}`;
const PLANTED_VALUES = [name, phone, email, idNumber];
/** A nickname over its 30 characters, made of the planted name. */
const LONG_NAME = name.repeat(7);

for (const engine of selectedEngines()) {
  describe(`consultations, comments, surveys, interviews: personal data stays out of logs, URLs, refusals and audit [${engine}]`, () => {
    const capture = captureLogs();
    const h = feedbackHarness(engine, { logger: capture.logger });
    const id = (res: { json: <T>() => T }) => res.json<{ id: number }>().id;

    test('comments: by API and form, a refused nickname, moderation and a reader\'s report', async () => {
      capture.clear();
      const api = await h.comment(h.openDoc, { body: `评论：${TEXT}`, nickname: name });
      assert.equal(api.statusCode, 201, api.body);
      const form = await h.formPost('/comments.html', { doc: String(h.openDoc), body: `表单评论：${TEXT}`, nickname: name });
      assert.equal(form.statusCode, 200, form.body);
      assertRefusedQuietly(await h.comment(h.openDoc, { body: TEXT, nickname: LONG_NAME }), 400, [name, phone]);
      assertRefusedQuietly(await h.formPost('/comments.html', { doc: String(h.openDoc), body: TEXT, nickname: LONG_NAME }), 400, [name, phone]);

      assert.ok((await h.queue()).some((q) => q.id === id(api)));
      assert.equal((await h.moderate(id(api), 'approve')).statusCode, 200);
      const report = await h.ctx.app.inject({ method: 'POST', url: `/api/v1/public/comments/${id(api)}/report`, payload: { reason: `泄露了${phone}` } });
      assert.equal(report.statusCode, 200, report.body);
      assert.equal((await h.moderate(id(api), 'approve')).statusCode, 200);
      const byForm = await h.formPost('/comments/report.html', { doc: String(h.openDoc), comment: String(id(api)), reason: `泄露了${idNumber}` }, false);
      assert.equal(byForm.statusCode, 200, byForm.body);
      assert.equal((await h.queue()).find((q) => q.id === id(api))?.reportCount, 2);
      assert.equal((await h.page(`/comments.html?doc=${h.openDoc}`)).statusCode, 200);

      await assertNotLeaked(capture, h.ctx.platform, PLANTED_VALUES, { logged: '/comments', audited: 'interaction.comment.report' });
    });

    test('surveys: a text answer, a refused over-long one, the results and the CSV export', async () => {
      capture.clear();
      const made = await h.editor.request('POST', '/api/v1/sites/1/surveys', surveyBody({ questions: [{ kind: 'text', title: '您的建议', required: true, maxLength: 50 }] }));
      assert.equal(made.statusCode, 201, made.body);
      const survey = made.json<{ survey: { id: number; questions: { id: number }[] } }>().survey;
      const qid = survey.questions[0]!.id;
      assert.equal((await h.editor.request('POST', `/api/v1/surveys/${survey.id}/state`, { status: 'open' })).statusCode, 200);
      const answer = async (text: string) => {
        const { payload, headers } = formBody([[`q${qid}`, text], ['altcha', await solvedCaptcha(h.ctx.app)]]);
        return h.ctx.app.inject({ method: 'POST', url: `/survey.html?id=${survey.id}`, payload, headers: { ...headers, host: PORTAL_HOST } });
      };
      assertRefusedQuietly(await answer(`${TEXT}，${name}，${email}`.repeat(2)), 400, PLANTED_VALUES);
      const ok = await answer(TEXT);
      assert.equal(ok.statusCode, 200, ok.body);

      const results = await h.editor.request('GET', `/api/v1/surveys/${survey.id}/results`);
      assert.equal(results.json<{ responses: number }>().responses, 1, results.body);
      const texts = await h.editor.request('GET', `/api/v1/surveys/${survey.id}/questions/${qid}/answers`);
      assert.deepEqual(texts.json<{ items: { text: string }[] }>().items.map((t) => t.text), [TEXT]);
      const csv = await h.editor.request('GET', `/api/v1/surveys/${survey.id}/responses.csv`);
      assert.equal(csv.statusCode, 200);
      assert.ok(csv.body.includes(phone), 'staff get the answer in the export');

      await assertNotLeaked(capture, h.ctx.platform, PLANTED_VALUES, { logged: '/survey.html', audited: 'interaction.survey.respond' });
    });

    test('interviews: a question by API and form, a refused nickname, the queue and the approval', async () => {
      capture.clear();
      const iv = await seedInterview(h.ctx.platform);
      const ask = async (payload: Record<string, string>) => h.ctx.app.inject({ method: 'POST', url: `/api/v1/public/interviews/${iv.id}/questions`, payload: { altcha: await solvedCaptcha(h.ctx.app), ...payload } });
      const api = await ask({ nickname: name, body: `提问：${TEXT}` });
      assert.equal(api.statusCode, 201, api.body);
      assertRefusedQuietly(await ask({ nickname: LONG_NAME, body: TEXT }), 400, [name, phone]);
      const form = await h.formPost('/interviews/question.html', { interviewId: String(iv.id), nickname: name, body: `表单提问：${TEXT}` });
      assert.equal(form.statusCode, 200, form.body);
      assertRefusedQuietly(await h.formPost('/interviews/question.html', { interviewId: String(iv.id), nickname: LONG_NAME, body: TEXT }), 400, [name, phone]);

      const queue = await h.handler.request('GET', `/api/v1/interviews/${iv.id}/questions?status=pending`);
      assert.equal(queue.json<{ items: unknown[] }>().items.length, 2, queue.body);
      assert.equal((await h.handler.request('POST', `/api/v1/interview-questions/${id(api)}/decision`, { decision: 'approve' })).statusCode, 200);
      assert.equal((await h.page(`/interview.html?id=${iv.id}`)).statusCode, 200);

      await assertNotLeaked(capture, h.ctx.platform, PLANTED_VALUES, { logged: '/interviews/', audited: 'interaction.interview.question_approve' });
    });

    // Last: it moves the clock past the consultation's close.
    test('consultations: opinions by API and form, a refused contact, the moderator\'s list and the published summary', async () => {
      capture.clear();
      const start = h.clock.now();
      const made = await h.editor.request('POST', `/api/v1/sites/${h.siteId}/consultations`, { title: '关于个人信息的征求意见', draftText: '第一条 甲。\n第二条 乙。', opensAt: start - 1000, closesAt: start + 30 * DAY });
      assert.equal(made.statusCode, 201, made.body);
      const cid = made.json<{ consultation: { id: number } }>().consultation.id;
      const api = await h.opinion(cid, { clauseNo: 1, nickname: name, contact: email, body: `意见：${TEXT}` });
      assert.equal(api.statusCode, 201, api.body);
      const form = await h.formPost('/consultation.html', { consultation: String(cid), clauseNo: '2', nickname: name, contact: phone, body: `表单意见：${TEXT}` });
      assert.equal(form.statusCode, 200, form.body);
      const longContact = `${email}；${phone}；`.repeat(4);
      assertRefusedQuietly(await h.opinion(cid, { contact: longContact, body: TEXT }), 400, PLANTED_VALUES);
      assertRefusedQuietly(await h.formPost('/consultation.html', { consultation: String(cid), contact: longContact, body: TEXT }), 400, PLANTED_VALUES);

      const mine = (await h.queue()).filter((q) => q.kind === 'opinion' && q.body.includes(TEXT));
      assert.equal(mine.length, 2);
      assert.ok(mine.every((q) => !q.contact.includes(phone) && !q.contact.includes(email)), 'the contact is masked for the moderator');
      assert.equal((await h.moderate(id(api), 'approve')).statusCode, 200);
      assert.equal((await h.editor.request('GET', `/api/v1/consultations/${cid}`)).statusCode, 200);

      await h.setClock(start + 31 * DAY);
      const summary = { overall: '共收到意见 2 条。', clauses: [{ clauseNo: 1, adoption: 'adopted', feedback: '已采纳' }] };
      assert.equal((await h.editor.request('PUT', `/api/v1/consultations/${cid}/summary`, summary)).statusCode, 200);
      assert.equal((await h.editor.request('POST', `/api/v1/consultations/${cid}/summary/publish`)).statusCode, 200);
      assert.match((await h.page(`/consultation.html?id=${cid}`)).body, /意见采纳情况/);
      assert.equal((await h.ctx.app.inject({ method: 'GET', url: `/api/v1/public/sites/${PORTAL_CODE}/consultations/${cid}` })).statusCode, 200);

      await assertNotLeaked(capture, h.ctx.platform, PLANTED_VALUES, { logged: '/consultation', audited: 'interaction.opinion.submit' });
    });
  });
}
