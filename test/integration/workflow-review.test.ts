import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import type { TestSession } from '../support/session.js';
import { workflowColumn } from '../support/workflow-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { signInFresh } from './columns-fixtures.js';
import { actionTrail, auditCount, userWithRoles, type Problem, type WorkflowBody } from './workflow-fixtures.js';

interface InboxBody {
  items: { documentId: number; stepName: string; step: number; isSecrecy: boolean; blockingChecks: number }[];
  returned: { documentId: number; reason: string; rejectedBy: string; stepName: string }[];
  counts: { total: number; steps: { name: string; count: number }[]; returned: number };
}

for (const engine of selectedEngines()) {
  describe(`review workflow: 初审 → 复审 → 保密审查 with separated powers [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 6, 0, 0));
    let editor: TestSession;
    let reviewer: TestSession;
    let secrecy: TestSession;
    let reviewer2: TestSession;
    let columnId = 0;

    const draft = async (body: Record<string, unknown> = {}, as: TestSession = editor, column = columnId): Promise<number> => {
      const res = await as.request('POST', '/api/v1/documents', { columnId: column, kind: 'notice', title: '关于做好冬季安全生产工作的通知', bodyHtml: '<p>各设区市人民政府：现将有关事项通知如下。</p>', ...body });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { document: { id: number } }).document.id;
    };
    const submit = async (id: number, as: TestSession = editor): Promise<WorkflowBody> => {
      const res = await as.request('POST', `/api/v1/documents/${id}/submit`, {});
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as WorkflowBody;
    };
    const approve = (id: number, step: number, as: TestSession) => as.request('POST', `/api/v1/documents/${id}/approve`, { step });
    const inbox = async (as: TestSession): Promise<InboxBody> => (await as.request('GET', '/api/v1/review/inbox')).json() as InboxBody;

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      editor = await signInFresh(ctx, clock, ctx.accounts.editor!);
      reviewer = await signInFresh(ctx, clock, ctx.accounts.reviewer!);
      secrecy = await signInFresh(ctx, clock, ctx.accounts.secrecy!);
      reviewer2 = (await userWithRoles(ctx, clock, ['reviewer'])).session;
      columnId = (await workflowColumn(ctx.platform)).id; // default chain 初审 → 复审, then 保密审查
    });
    after(async () => { await ctx.close(); });

    test('the whole path: editor drafts → 初审 → 复审 (another reviewer) → 保密审查 → published at the system time', async () => {
      const id = await draft();
      const submitted = await submit(id);
      assert.equal(submitted.edition.status, 'in_review');
      assert.equal(submitted.edition.reviewStep, 0);
      assert.equal(submitted.checks?.blocking, false);

      const tasks = await inbox(reviewer);
      assert.ok(tasks.items.some((i) => i.documentId === id && i.stepName === '初审'), JSON.stringify(tasks));
      assert.ok(!(await inbox(secrecy)).items.some((i) => i.documentId === id), 'the secrecy reviewer is not asked before the last step');
      const counts = (await reviewer.request('GET', '/api/v1/review/counts')).json() as InboxBody['counts'];
      assert.ok(counts.steps.some((s) => s.name === '初审' && s.count >= 1));

      clock.advance(60_000);
      const first = await approve(id, 0, reviewer);
      assert.equal(first.statusCode, 200, first.body);
      assert.equal((first.json() as WorkflowBody).edition.reviewStep, 1);
      assert.ok(!(await inbox(reviewer)).items.some((i) => i.documentId === id), 'who approved 初审 is not asked for 复审');
      assert.ok((await inbox(reviewer2)).items.some((i) => i.documentId === id && i.stepName === '复审'));

      const second = await approve(id, 1, reviewer2);
      assert.equal(second.statusCode, 200, second.body);
      assert.ok((await inbox(secrecy)).items.some((i) => i.documentId === id && i.isSecrecy));

      clock.advance(600_000);
      const publishTime = clock.now();
      const last = await approve(id, 2, secrecy);
      assert.equal(last.statusCode, 200, last.body);
      const done = last.json() as WorkflowBody;
      assert.equal(done.edition.status, 'published');
      assert.equal(done.document.status, 'published');
      assert.equal(done.edition.publishedAt, publishTime, 'the publish time is the system clock at the last approval');
      assert.equal(done.document.firstPublishedAt, publishTime);
      assert.deepEqual(done.published, [id]);
      assert.deepEqual(await actionTrail(ctx, done.edition.id), ['submit:0', 'approve:0', 'approve:1', 'approve:2', 'publish:3']);
      assert.equal(await auditCount(ctx, 'content.workflow.approve', id), 3);
      assert.equal(await auditCount(ctx, 'content.workflow.publish', id), 1);

      const view = (await editor.request('GET', `/api/v1/documents/${id}/review`)).json() as { chain: { name: string; state: string; by: string | null }[] };
      assert.deepEqual(view.chain.map((s) => `${s.name}:${s.state}:${s.by}`), ['初审:done:杨审核', `复审:done:${view.chain[1]!.by}`, '保密审查:done:黄保密']);
    });

    test('an author who is also a reviewer cannot approve their own draft', async () => {
      const both = await userWithRoles(ctx, clock, ['editor', 'reviewer']);
      const id = await draft({}, both.session);
      await submit(id, both.session);
      assert.ok(!(await inbox(both.session)).items.some((i) => i.documentId === id), 'their own draft is not in their tasks');
      const res = await approve(id, 0, both.session);
      assert.equal(res.statusCode, 403, res.body);
      const p = res.json() as Problem;
      assert.equal(p.code, 'content.workflow.self_approval');
      assert.equal(p.detail, '不能审核自己撰写或已审核过的稿件');
      assert.equal((await approve(id, 0, reviewer)).statusCode, 200, 'another reviewer may');
    });

    test('the same person cannot approve two steps', async () => {
      const id = await draft();
      await submit(id);
      assert.equal((await approve(id, 0, reviewer)).statusCode, 200);
      const again = await approve(id, 1, reviewer);
      assert.equal(again.statusCode, 403, again.body);
      assert.equal((again.json() as Problem).code, 'content.workflow.self_approval');
    });

    test('approving out of order is 409: a later step, a step already approved, a draft, a published document', async () => {
      const id = await draft();
      const notSubmitted = await approve(id, 0, reviewer);
      assert.equal(notSubmitted.statusCode, 409, notSubmitted.body);
      assert.equal((notSubmitted.json() as Problem).code, 'content.workflow.out_of_order');
      await submit(id);
      const skip = await approve(id, 1, reviewer2);
      assert.equal(skip.statusCode, 409, skip.body);
      assert.match((skip.json() as Problem).detail, /第1步 初审/);
      assert.equal((await approve(id, 0, reviewer)).statusCode, 200);
      const twice = await approve(id, 0, reviewer2);
      assert.equal(twice.statusCode, 409, twice.body);
      assert.equal((twice.json() as Problem).code, 'content.workflow.out_of_order');
      assert.equal((await approve(id, 1, reviewer2)).statusCode, 200);
      assert.equal((await approve(id, 2, secrecy)).statusCode, 200);
      const afterPublish = await approve(id, 2, secrecy);
      assert.equal(afterPublish.statusCode, 409);
      assert.match((afterPublish.json() as Problem).detail, /已发布/);
    });

    test('two reviewers approving the same step at once: one succeeds, the other gets 409', async () => {
      const id = await draft();
      await submit(id);
      const [a, b] = await Promise.all([approve(id, 0, reviewer), approve(id, 0, reviewer2)]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409], `${a.body} ${b.body}`);
      const rows = await ctx.platform.db.selectFrom('review_actions').select('action').where('action', '=', 'approve')
        .where('edition_id', '=', (a.statusCode === 200 ? a.json() as WorkflowBody : b.json() as WorkflowBody).edition.id).execute();
      assert.equal(rows.length, 1, 'one approval recorded');
    });

    test('reject returns the draft to its author with the reason, shown in their inbox', async () => {
      const id = await draft({ title: '关于开展专项检查的通知' });
      await submit(id);
      assert.equal((await approve(id, 0, reviewer)).statusCode, 200);
      const blank = await reviewer2.request('POST', `/api/v1/documents/${id}/reject`, { step: 1, reason: '   ' });
      assert.equal(blank.statusCode, 400, blank.body);
      assert.equal((blank.json() as Problem).code, 'content.workflow.reason_required');
      const missing = await reviewer2.request('POST', `/api/v1/documents/${id}/reject`, { step: 1 });
      assert.equal(missing.statusCode, 400);
      const res = await reviewer2.request('POST', `/api/v1/documents/${id}/reject`, { step: 1, reason: '请补充检查范围和时间安排' });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as WorkflowBody;
      assert.equal(body.edition.status, 'draft');
      assert.equal(body.edition.reviewStep, 0);
      const mine = await inbox(editor);
      const returned = mine.returned.find((r) => r.documentId === id);
      assert.ok(returned, JSON.stringify(mine.returned));
      assert.equal(returned.reason, '请补充检查范围和时间安排');
      assert.equal(returned.stepName, '复审');
      assert.ok(mine.counts.returned >= 1);
      const view = (await editor.request('GET', `/api/v1/documents/${id}/review`)).json() as { returned: { reason: string } | null; can: { submit: boolean } };
      assert.equal(view.returned?.reason, '请补充检查范围和时间安排');
      assert.equal(view.can.submit, true);
      // The author edits and resubmits: the round starts again at 初审 and the rejection leaves the inbox.
      const detail = (await editor.request('GET', `/api/v1/documents/${id}`)).json() as { edition: { lockVersion: number } };
      assert.equal((await editor.request('PATCH', `/api/v1/documents/${id}`, { lockVersion: detail.edition.lockVersion, bodyHtml: '<p>检查范围：全省。时间：12 月。</p>' })).statusCode, 200);
      const again = await submit(id);
      assert.equal(again.edition.reviewStep, 0);
      assert.ok(!(await inbox(editor)).returned.some((r) => r.documentId === id));
      assert.equal((await approve(id, 0, reviewer)).statusCode, 200, 'the first-step reviewer may approve 初审 again in the new round');
    });

    test('a secrecy marking in the body blocks approval with the findings in Chinese', async () => {
      const id = await draft({ bodyHtml: '<p>机密★1年</p><p>关于调整部分工作安排的意见。</p>' });
      const submitted = await submit(id);
      assert.equal(submitted.checks?.blocking, true, 'the checks run on submit and are shown');
      const res = await approve(id, 0, reviewer);
      assert.equal(res.statusCode, 409, res.body);
      const p = res.json() as Problem;
      assert.equal(p.code, 'content.workflow.blocked_by_checks');
      assert.match(p.detail, /阻断问题/);
      assert.ok(p.errors?.some((e) => e.field === 'body' && e.code === 'checks.secrecy_marking'), res.body);
      const view = (await reviewer.request('GET', `/api/v1/documents/${id}/review`)).json() as { edition: { reviewStep: number; status: string } };
      assert.equal(view.edition.status, 'in_review');
      assert.equal(view.edition.reviewStep, 0, 'nothing advanced');
      const tasks = await inbox(reviewer);
      assert.ok((tasks.items.find((i) => i.documentId === id)?.blockingChecks ?? 0) > 0);
    });

    test('a reviewer outside the scope (Nanjing) is refused with 403, and a reviewer cannot do the secrecy step', async () => {
      const nanjing = (await userWithRoles(ctx, clock, ['reviewer'], '320100')).session;
      const id = await draft();
      await submit(id);
      const res = await approve(id, 0, nanjing);
      assert.equal(res.statusCode, 403, res.body);
      assert.equal((res.json() as Problem).code, 'content.workflow.out_of_scope');
      const reject = await nanjing.request('POST', `/api/v1/documents/${id}/reject`, { step: 0, reason: '越权退回' });
      assert.equal(reject.statusCode, 403);
      assert.ok(!(await inbox(nanjing)).items.some((i) => i.documentId === id));
      assert.equal((await approve(id, 0, reviewer)).statusCode, 200);
      assert.equal((await approve(id, 1, reviewer2)).statusCode, 200);
      const wrongRole = await approve(id, 2, reviewer);
      assert.equal(wrongRole.statusCode, 403, wrongRole.body);
      assert.equal((wrongRole.json() as Problem).code, 'content.workflow.not_permitted');
      assert.match((wrongRole.json() as Problem).detail, /保密审查.*保密审查员/);
      const editorTries = await approve(id, 2, editor);
      assert.equal(editorTries.statusCode, 403);
    });

    test('a site-admin step (终审) needs a site admin; reviewers are refused', async () => {
      const siteadmin = await signInFresh(ctx, clock, ctx.accounts.siteadmin!);
      const column = await workflowColumn(ctx.platform, { workflow: [{ name: '初审', role: 'reviewer' }, { name: '终审', role: 'site_admin' }] });
      const id = await draft({}, editor, column.id);
      await submit(id);
      assert.equal((await approve(id, 0, reviewer)).statusCode, 200);
      const byReviewer = await approve(id, 1, reviewer2);
      assert.equal(byReviewer.statusCode, 403);
      assert.equal((byReviewer.json() as Problem).code, 'content.workflow.not_permitted');
      assert.ok((await inbox(siteadmin)).items.some((i) => i.documentId === id && i.stepName === '终审'));
      assert.equal((await approve(id, 1, siteadmin)).statusCode, 200);
      assert.equal((await approve(id, 2, secrecy)).statusCode, 200);
    });
  });
}
