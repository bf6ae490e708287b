import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import type { TestSession } from '../support/session.js';
import { publishedDocument, workflowDraft } from '../support/workflow-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { fastTrackDocument, workflowDeps } from '../../src/modules/workflow/index.js';
import { lastAudit, signInFresh } from './columns-fixtures.js';
import { actionTrail, type Problem, type WorkflowBody } from './workflow-fixtures.js';

interface FastTrackedBody { items: { documentId: number; reason: string; fastTrackedBy: string; reviewBy: string | null; secrecyBy: string | null }[] }

for (const engine of selectedEngines()) {
  describe(`withdrawal and the emergency fast track [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 3, 0, 0));
    let editor: TestSession;
    let siteadmin: TestSession;
    let reviewer: TestSession;
    let secrecy: TestSession;

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      editor = await signInFresh(ctx, clock, ctx.accounts.editor!);
      siteadmin = await signInFresh(ctx, clock, ctx.accounts.siteadmin!);
      reviewer = await signInFresh(ctx, clock, ctx.accounts.reviewer!);
      secrecy = await signInFresh(ctx, clock, ctx.accounts.secrecy!);
    });
    after(async () => { await ctx.close(); });

    test('撤稿: a site admin withdraws a published document with a reason, shown publicly or not; audited', async () => {
      const { documentId, editionId } = await publishedDocument(ctx.platform);
      const byEditor = await editor.request('POST', `/api/v1/documents/${documentId}/withdraw`, { reason: '内容有误', showPublicly: true });
      assert.equal(byEditor.statusCode, 403, 'editors may not withdraw');
      const blank = await siteadmin.request('POST', `/api/v1/documents/${documentId}/withdraw`, { reason: ' ', showPublicly: true });
      assert.equal((blank.json() as Problem).code, 'content.workflow.reason_required');
      const res = await siteadmin.request('POST', `/api/v1/documents/${documentId}/withdraw`, { reason: '文件已被新文件替代', showPublicly: true });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as WorkflowBody;
      assert.equal(body.document.status, 'withdrawn');
      assert.equal(body.edition.status, 'withdrawn');
      assert.equal(body.document.withdrawReason, '文件已被新文件替代');
      assert.equal(body.document.withdrawPublic, true);
      assert.equal(body.document.withdrawnAt, clock.now());
      assert.equal(body.document.publishedEditionId, null);
      assert.deepEqual((await actionTrail(ctx, editionId)).slice(-1), ['withdraw:0']);
      const audit = await lastAudit(ctx, 'content.workflow.withdraw');
      assert.equal(audit?.target_id, String(documentId));
      assert.deepEqual(JSON.parse(audit!.detail), { editionId, reason: '文件已被新文件替代', showPublicly: true });

      const hidden = await publishedDocument(ctx.platform);
      const quiet = await siteadmin.request('POST', `/api/v1/documents/${hidden.documentId}/withdraw`, { reason: '涉及个人信息', showPublicly: false });
      assert.equal((quiet.json() as WorkflowBody).document.withdrawPublic, false);
      const again = await siteadmin.request('POST', `/api/v1/documents/${hidden.documentId}/withdraw`, { reason: '再次撤稿', showPublicly: false });
      assert.equal(again.statusCode, 409);
      assert.equal((again.json() as Problem).code, 'content.workflow.not_published');
    });

    test('fast track publishes at once, loudly, and stays listed until a reviewer and a secrecy reviewer post-review it', async () => {
      const { documentId } = await workflowDraft(ctx.platform);
      assert.equal((await editor.request('POST', `/api/v1/documents/${documentId}/fast-track`, { reason: '紧急' })).statusCode, 403, 'not for editors');
      const res = await siteadmin.request('POST', `/api/v1/documents/${documentId}/fast-track`, { reason: '突发自然灾害预警，须立即发布' });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as WorkflowBody;
      assert.equal(body.edition.status, 'published');
      assert.equal(body.edition.publishedAt, clock.now());
      const audit = await lastAudit(ctx, 'content.workflow.fast_track');
      assert.equal(audit?.result, 'success');
      assert.equal(JSON.parse(audit!.detail).reason, '突发自然灾害预警，须立即发布');

      const listed = async (as: TestSession) => ((await as.request('GET', '/api/v1/review/fast-tracked')).json() as FastTrackedBody).items.find((i) => i.documentId === documentId);
      const item = await listed(reviewer);
      assert.equal(item?.reason, '突发自然灾害预警，须立即发布');
      assert.equal(item?.fastTrackedBy, '陈站务');

      const self = await siteadmin.request('POST', `/api/v1/documents/${documentId}/post-review`, {});
      assert.equal(self.statusCode, 403, 'who fast-tracked does not review it');
      assert.equal((self.json() as Problem).code, 'content.workflow.self_approval');
      assert.equal((await editor.request('POST', `/api/v1/documents/${documentId}/post-review`, {})).statusCode, 403);

      const first = await reviewer.request('POST', `/api/v1/documents/${documentId}/post-review`, { note: '内容无误' });
      assert.equal(first.statusCode, 200, first.body);
      assert.equal((first.json() as { cleared: boolean }).cleared, false);
      assert.equal((await listed(secrecy))?.reviewBy, '杨审核', 'still listed after one post-review');
      assert.equal((await reviewer.request('POST', `/api/v1/documents/${documentId}/post-review`, {})).statusCode, 409);

      const second = await secrecy.request('POST', `/api/v1/documents/${documentId}/post-review`, { note: '无涉密内容' });
      assert.equal(second.statusCode, 200, second.body);
      assert.equal((second.json() as { cleared: boolean }).cleared, true);
      assert.equal(await listed(reviewer), undefined, 'off the list once both post-reviews are recorded');
      const done = await secrecy.request('POST', `/api/v1/documents/${documentId}/post-review`, {});
      assert.equal((done.json() as Problem).code, 'content.workflow.not_fast_tracked');
      const trail = await ctx.platform.db.selectFrom('review_actions').select(['action', 'step', 'step_name']).where('action', 'in', ['fast_track', 'post_review']).where('edition_id', '=', body.edition.id).orderBy('id').execute();
      assert.deepEqual(trail.map((r) => `${r.action}:${r.step_name}`), ['fast_track:紧急发布', 'post_review:事后审核', 'post_review:事后保密审查']);
    });

    test('the fast track logs a warning, needs a reason, and still refuses a secrecy marking', async () => {
      const warnings: string[] = [];
      const deps = { ...workflowDeps(ctx.platform), log: { warn: (_o: object, msg: string) => { warnings.push(msg); } } };
      const { documentId } = await workflowDraft(ctx.platform);
      await fastTrackDocument({ db: ctx.platform.db, actor: systemActor('test'), documentId, input: { reason: '紧急通知' }, deps });
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /fast_track/);

      const other = await workflowDraft(ctx.platform);
      const noReason = await siteadmin.request('POST', `/api/v1/documents/${other.documentId}/fast-track`, { reason: '   ' });
      assert.equal((noReason.json() as Problem).code, 'content.workflow.reason_required');
      const marked = await workflowDraft(ctx.platform, { bodyHtml: '<p>内部资料 不得外传</p>' });
      const blocked = await siteadmin.request('POST', `/api/v1/documents/${marked.documentId}/fast-track`, { reason: '紧急' });
      assert.equal(blocked.statusCode, 409, blocked.body);
      assert.equal((blocked.json() as Problem).code, 'content.workflow.blocked_by_checks');
    });
  });
}
