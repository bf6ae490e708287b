import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import type { TestSession } from '../support/session.js';
import { documentInReview, ONE_STEP, workflowColumn } from '../support/workflow-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { runPublishDue, workflowDeps } from '../../src/modules/workflow/index.js';
import { signInFresh } from './columns-fixtures.js';
import { actionTrail, type Problem, type WorkflowBody } from './workflow-fixtures.js';

const HOUR = 3_600_000;

for (const engine of selectedEngines()) {
  describe(`scheduled publish and unpublish run as jobs [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 1, 0, 0));
    let editor: TestSession;
    let secrecy: TestSession;
    let reviewer: TestSession;
    let siteadmin: TestSession;
    let columnId = 0;

    /** Sessions end after 30 idle minutes: sign in again after the clock jumps. */
    const signInAll = async () => {
      editor = await signInFresh(ctx, clock, ctx.accounts.editor!);
      secrecy = await signInFresh(ctx, clock, ctx.accounts.secrecy!);
      reviewer = await signInFresh(ctx, clock, ctx.accounts.reviewer!);
      siteadmin = await signInFresh(ctx, clock, ctx.accounts.siteadmin!);
    };
    /** Submits and approves the first step, so the edition waits for the secrecy review (step 1). */
    const toSecrecyStep = async (id: number) => {
      assert.equal((await editor.request('POST', `/api/v1/documents/${id}/submit`, {})).statusCode, 200);
      const res = await reviewer.request('POST', `/api/v1/documents/${id}/approve`, { step: 0 });
      assert.equal(res.statusCode, 200, res.body);
    };
    const secrecyApprove = (id: number) => secrecy.request('POST', `/api/v1/documents/${id}/approve`, { step: 1 });
    const draft = async (): Promise<number> => {
      const res = await editor.request('POST', '/api/v1/documents', { columnId, kind: 'notice', title: '关于元旦放假安排的通知', bodyHtml: '<p>元旦放假一天。</p>' });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { document: { id: number } }).document.id;
    };
    const schedule = (id: number, body: Record<string, unknown>) => editor.request('POST', `/api/v1/documents/${id}/schedule`, body);
    const jobsOf = (kind: string) => ctx.platform.db.selectFrom('jobs').select(['id', 'run_at', 'status', 'payload', 'result']).where('kind', '=', kind).orderBy('id').execute();

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      await signInAll();
      columnId = (await workflowColumn(ctx.platform, { workflow: ONE_STEP })).id; // 审核 → 保密审查
    });
    after(async () => { await ctx.close(); });

    test('a past publish or unpublish time is refused with a clear message', async () => {
      const id = await draft();
      const past = await schedule(id, { publishAt: clock.now() - 60_000 });
      assert.equal(past.statusCode, 400, past.body);
      const p = past.json() as Problem;
      assert.equal(p.code, 'content.workflow.publish_time_past');
      assert.equal(p.detail, '不能设置过去的发布时间');
      assert.equal(p.errors?.[0]?.field, 'publishAt');
      const pastDown = await schedule(id, { unpublishAt: clock.now() });
      assert.equal((pastDown.json() as Problem).detail, '不能设置过去的下线时间');
      const inverted = await schedule(id, { publishAt: clock.now() + 2 * HOUR, unpublishAt: clock.now() + HOUR });
      assert.equal((inverted.json() as Problem).code, 'content.workflow.unpublish_before_publish');
      assert.equal((await schedule(id, {})).statusCode, 400, 'an empty schedule is a validation error');
      assert.equal((await jobsOf('workflow.publish_due')).length, 0, 'nothing enqueued');
    });

    test('approved with a future time: scheduled; the job publishes at the system time when due; a rerun does nothing', async () => {
      const id = await draft();
      const at = clock.now() + 2 * HOUR;
      const set = await schedule(id, { publishAt: at });
      assert.equal(set.statusCode, 200, set.body);
      assert.equal((set.json() as WorkflowBody).edition.scheduledPublishAt, at);
      const jobs = await jobsOf('workflow.publish_due');
      assert.equal(jobs.length, 1);
      assert.equal(Number(jobs[0]!.run_at), at, 'enqueued (outbox) for the publish time');

      await toSecrecyStep(id);
      const approved = await secrecyApprove(id);
      assert.equal(approved.statusCode, 200, approved.body);
      const body = approved.json() as WorkflowBody;
      assert.equal(body.edition.status, 'scheduled');
      assert.equal(body.document.status, 'scheduled');
      assert.equal(body.document.publishedEditionId, null);

      await ctx.platform.jobs.runDue();
      assert.equal((await jobsOf('workflow.publish_due'))[0]!.status, 'queued', 'not due yet');

      clock.set(at + 5 * 60_000);
      const report = await ctx.platform.jobs.runDue();
      assert.ok(report.succeeded >= 1, JSON.stringify(report));
      await signInAll();
      const doc = (await editor.request('GET', `/api/v1/documents/${id}`)).json() as { document: { status: string; firstPublishedAt: number }; edition: { status: string; publishedAt: number } };
      assert.equal(doc.edition.status, 'published');
      assert.equal(doc.document.status, 'published');
      assert.equal(doc.edition.publishedAt, at + 5 * 60_000, 'the publish time is when the job ran, from the clock');
      assert.deepEqual(await actionTrail(ctx, body.edition.id), ['schedule:0', 'submit:0', 'approve:0', 'approve:1', 'publish:2']);

      const rerun = await runPublishDue(ctx.platform, workflowDeps(ctx.platform), { editionId: body.edition.id });
      assert.equal(rerun.result, 'skipped', 'idempotent: already published');
    });

    test('a changed time leaves the old job doing nothing; the new one publishes', async () => {
      const { documentId, editionId } = await documentInReview(ctx.platform, { columnId, atStep: 1 });
      const first = clock.now() + HOUR;
      const later = clock.now() + 3 * HOUR;
      assert.equal((await schedule(documentId, { publishAt: first })).statusCode, 200);
      assert.equal((await schedule(documentId, { publishAt: later })).statusCode, 200);
      assert.equal((await secrecyApprove(documentId)).statusCode, 200);
      clock.set(first + 60_000);
      await ctx.platform.jobs.runDue();
      let edition = await ctx.platform.db.selectFrom('document_editions').select(['status', 'published_at']).where('id', '=', editionId).executeTakeFirstOrThrow();
      assert.equal(edition.status, 'scheduled', 'the stale job did not publish early');
      clock.set(later);
      await ctx.platform.jobs.runDue();
      edition = await ctx.platform.db.selectFrom('document_editions').select(['status', 'published_at']).where('id', '=', editionId).executeTakeFirstOrThrow();
      assert.equal(edition.status, 'published');
      assert.equal(Number(edition.published_at), later);
      await signInAll();
    });

    test('clearing the time of a scheduled edition publishes it now', async () => {
      const { documentId } = await documentInReview(ctx.platform, { columnId, atStep: 1 });
      assert.equal((await schedule(documentId, { publishAt: clock.now() + HOUR })).statusCode, 200);
      assert.equal((await secrecyApprove(documentId)).statusCode, 200);
      const cleared = await schedule(documentId, { publishAt: null });
      assert.equal(cleared.statusCode, 200, cleared.body);
      const body = cleared.json() as WorkflowBody;
      assert.equal(body.edition.status, 'published');
      assert.equal(body.edition.publishedAt, clock.now());
    });

    test('scheduled unpublish takes the document down when due, not shown publicly', async () => {
      const id = await draft();
      await toSecrecyStep(id);
      const published = (await secrecyApprove(id)).json() as WorkflowBody;
      assert.equal(published.edition.status, 'published');
      const down = clock.now() + 24 * HOUR;
      // Taking down a reviewed edition is a withdrawal that waits: the withdrawal's permission.
      const byEditor = await schedule(id, { unpublishAt: down });
      assert.equal(byEditor.statusCode, 403, byEditor.body);
      assert.equal((byEditor.json() as { code: string }).code, 'content.workflow.not_permitted');
      assert.equal((await jobsOf('workflow.unpublish_due')).filter((j) => JSON.parse(j.payload).editionId === published.edition.id).length, 0, 'nothing queued');
      const res = await siteadmin.request('POST', `/api/v1/documents/${id}/schedule`, { unpublishAt: down });
      assert.equal(res.statusCode, 200, res.body);
      const cancelled = await schedule(id, { unpublishAt: null });
      assert.equal(cancelled.statusCode, 403, 'nor may an editor cancel the takedown');
      const job = (await jobsOf('workflow.unpublish_due')).find((j) => JSON.parse(j.payload).editionId === published.edition.id);
      assert.equal(Number(job?.run_at), down);
      assert.equal((await schedule(id, { publishAt: clock.now() + HOUR })).statusCode, 409, 'a published edition has no publish time to set');

      clock.set(down + 1000);
      await ctx.platform.jobs.runDue();
      await signInAll();
      const after = (await editor.request('GET', `/api/v1/documents/${id}`)).json() as { document: { status: string; withdrawPublic: boolean; withdrawReason: string; publishedEditionId: number | null }; edition: { status: string } };
      assert.equal(after.edition.status, 'withdrawn');
      assert.equal(after.document.status, 'withdrawn');
      assert.equal(after.document.publishedEditionId, null);
      assert.equal(after.document.withdrawPublic, false);
      assert.match(after.document.withdrawReason, /定时下线/);
      assert.deepEqual((await actionTrail(ctx, published.edition.id)).slice(-1), ['unpublish:0']);
    });
  });
}
