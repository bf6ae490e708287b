/**
 * Readers' comments on documents: only in columns that take comments, pending until a moderator
 * approves, the banned-expression dictionary at submission (blocking refuses, warning is shown to
 * the moderator), reports back to the queue, and what visitors write escaped on pages and API.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { feedbackHarness } from '../support/feedback-harness.js';

const SCRIPT = '<script>alert("x")</script>';

for (const engine of selectedEngines()) {
  describe(`comments on documents [${engine}]`, () => {
    const h = feedbackHarness(engine);
    const approvedBodies = async (doc: number) => (await h.ctx.app.inject({ method: 'GET', url: `/api/v1/public/documents/${doc}/comments` })).json<{ items: { body: string; nickname: string }[] }>().items.map((c) => c.body);

    test('a column without comments refuses them, by API and by form', async () => {
      h.expectProblem(await h.comment(h.closedDoc, { body: '我想评论' }), 403, 'interaction.comments.disabled');
      const page = await h.formPost('/comments.html', { doc: String(h.closedDoc), body: '我想评论' });
      assert.equal(page.statusCode, 404);
      assert.equal((await h.page(`/comments.html?doc=${h.closedDoc}`)).statusCode, 404);
      const rows = await h.ctx.platform.db.selectFrom('comments').select('id').where('document_id', '=', h.closedDoc).execute();
      assert.equal(rows.length, 0);
    });

    test('a comment waits for approval, then appears (nickname optional); rejecting takes it down', async () => {
      const res = await h.comment(h.openDoc, { body: '政策很好，希望尽快落实。' });
      assert.equal(res.statusCode, 201, res.body);
      const { id, status } = res.json<{ id: number; status: string }>();
      assert.equal(status, 'pending');
      assert.deepEqual(await approvedBodies(h.openDoc), []);
      assert.doesNotMatch((await h.page(`/comments.html?doc=${h.openDoc}`)).body, /尽快落实/);
      assert.ok((await h.queue()).some((q) => q.id === id && q.kind === 'comment'));
      // Without a site: every site the moderator holds the permission on.
      const all = await h.handler.request('GET', '/api/v1/moderation/comments');
      assert.ok(all.json<{ items: { id: number; siteName: string }[] }>().items.some((q) => q.id === id && q.siteName !== ''), all.body);

      const ok = await h.moderate(id, 'approve');
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(await approvedBodies(h.openDoc), ['政策很好，希望尽快落实。']);
      const page = await h.page(`/comments.html?doc=${h.openDoc}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /政策很好，希望尽快落实。/);
      assert.match(page.body, /网友/, 'no nickname shows as 网友');
      h.expectProblem(await h.moderate(id, 'approve'), 409, 'interaction.comments.bad_decision');

      assert.equal((await h.moderate(id, 'reject', '与主题无关')).statusCode, 200);
      assert.deepEqual(await approvedBodies(h.openDoc), []);
    });

    test('the form on the site posts a pending comment and says so', async () => {
      const res = await h.formPost('/comments.html', { doc: String(h.openDoc), body: '表单提交的评论', nickname: '南京市民' });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.body, /经审核后公开显示/);
      const row = await h.ctx.platform.db.selectFrom('comments').selectAll().where('body', '=', '表单提交的评论').executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.equal(row.nickname, '南京市民');
      const refused = await h.formPost('/comments.html', { doc: String(h.openDoc), body: '没有验证' }, false);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /人机验证/);
    });

    test('a blocking dictionary entry refuses the comment; a warning is held with its finding for the moderator', async () => {
      h.expectProblem(await h.comment(h.openDoc, { body: '这里有测试禁语甲的内容' }), 400, 'interaction.comments.blocked');
      // A zero-width space inside the word, invisible to readers, does not hide it from the check.
      h.expectProblem(await h.comment(h.openDoc, { body: '这里有测试禁\u200b语甲的内容' }), 400, 'interaction.comments.blocked');
      assert.equal((await h.ctx.platform.db.selectFrom('comments').select('id').where('body', 'like', '%测试禁语甲%').execute()).length, 0);

      const res = await h.comment(h.openDoc, { body: '这里有测试提示乙的内容' });
      assert.equal(res.statusCode, 201, res.body);
      const item = (await h.queue()).find((q) => q.id === res.json<{ id: number }>().id);
      assert.ok(item);
      assert.equal(item.findings.length, 1);
      assert.equal(item.findings[0]!.severity, 'warn');
      assert.match(item.findings[0]!.message, /测试提示乙/);
    });

    test('a report sends an approved comment back to the queue, with the reason', async () => {
      const { id } = (await h.comment(h.openDoc, { body: '将被举报的评论' })).json<{ id: number }>();
      h.expectProblem(await h.ctx.app.inject({ method: 'POST', url: `/api/v1/public/comments/${id}/report`, payload: { reason: '广告' } }), 409, 'interaction.comments.not_reportable');
      await h.moderate(id, 'approve');
      assert.ok((await approvedBodies(h.openDoc)).includes('将被举报的评论'));

      const rep = await h.formPost('/comments/report.html', { doc: String(h.openDoc), comment: String(id), reason: '含有广告内容' }, false);
      assert.equal(rep.statusCode, 200, rep.body);
      assert.ok(!(await approvedBodies(h.openDoc)).includes('将被举报的评论'));
      const item = (await h.queue()).find((q) => q.id === id);
      assert.ok(item, 'back in the pending queue');
      assert.equal(item.reportCount, 1);
      assert.equal(item.reportReason, '含有广告内容');
    });

    test('phone and ID numbers typed into a comment or its nickname are masked on the page and in the API', async () => {
      const { id } = (await h.comment(h.openDoc, { body: '表单评论 电话13912348888 身份证110101199003077571', nickname: '网友张三13912340000' })).json<{ id: number }>();
      await h.moderate(id, 'approve');
      const api = (await h.ctx.app.inject({ method: 'GET', url: `/api/v1/public/documents/${h.openDoc}/comments` })).json<{ items: { id: number; body: string; nickname: string }[] }>();
      const mine = api.items.find((c) => c.id === id);
      assert.deepEqual([mine?.body, mine?.nickname], ['表单评论 电话139****8888 身份证1101**********7571', '网友张三139****0000']);
      const page = (await h.page(`/comments.html?doc=${h.openDoc}`)).body;
      for (const r of ['13912348888', '110101199003077571', '13912340000']) assert.ok(!page.includes(r), `${r} is not on the page`);
      await h.moderate(id, 'reject', '测试结束');
    });

    test('a report must give a reason: blank or invisible text is refused and the comment stays', async () => {
      const { id } = (await h.comment(h.openDoc, { body: '不应被空理由举报的评论' })).json<{ id: number }>();
      await h.moderate(id, 'approve');
      for (const reason of [' ', '\u200b\u200b']) {
        h.expectProblem(await h.ctx.app.inject({ method: 'POST', url: `/api/v1/public/comments/${id}/report`, payload: { reason } }), 400, 'interaction.blank');
      }
      assert.ok((await approvedBodies(h.openDoc)).includes('不应被空理由举报的评论'), 'still on the page');
      await h.moderate(id, 'reject', '测试结束');
    });

    test('script in the body and nickname is escaped on the page and plain text in the API', async () => {
      const { id } = (await h.comment(h.openDoc, { body: `评论${SCRIPT}`, nickname: `<img src=x onerror=alert(1)>` })).json<{ id: number }>();
      await h.moderate(id, 'approve');
      const page = (await h.page(`/comments.html?doc=${h.openDoc}`)).body;
      assert.doesNotMatch(page, /<script>alert/);
      assert.doesNotMatch(page, /<img src=x/);
      assert.match(page, /&lt;script&gt;alert/);
      const api = await h.ctx.app.inject({ method: 'GET', url: `/api/v1/public/documents/${h.openDoc}/comments` });
      assert.match(api.headers['content-type'] as string, /application\/json/);
      assert.ok(api.json<{ items: { body: string }[] }>().items.some((c) => c.body === `评论${SCRIPT}`));
    });

    test('the moderator needs the permission on the site: the editor is refused', async () => {
      const { id } = (await h.comment(h.openDoc, { body: '编辑不能审核' })).json<{ id: number }>();
      const res = await h.editor.request('POST', `/api/v1/comments/${id}/moderation`, { decision: 'approve' });
      assert.equal(res.statusCode, 403);
      const row = await h.ctx.platform.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
    });
  });
}
