import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import type { TestSession } from '../support/session.js';
import { ONE_STEP, workflowColumn } from '../support/workflow-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { signInFresh } from './columns-fixtures.js';
import type { Problem, WorkflowBody } from './workflow-fixtures.js';

interface LinksView {
  links: { isMajor: boolean; interprets: { id: number; title: string | null } | null; interpretations: { id: number; title: string | null }[]; waitingFor: string | null };
}

const POLICY_FIELDS = { documentNumber: '苏政办发〔2026〕12号', topicCategory: '综合政务\\政务公开', genre: '通知', dateWritten: '2026-11-20', source: '江苏省人民政府办公厅' };

for (const engine of selectedEngines()) {
  describe(`a major policy publishes together with its interpretation [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 2, 0, 0));
    let editor: TestSession;
    let reviewer: TestSession;
    let secrecy: TestSession;
    let policyColumn = 0;
    let interpretationColumn = 0;

    const create = async (kind: 'policy' | 'interpretation', title: string): Promise<number> => {
      const res = await editor.request('POST', '/api/v1/documents', {
        columnId: kind === 'policy' ? policyColumn : interpretationColumn, kind, title, bodyHtml: `<p>${title}正文。</p>`, ...POLICY_FIELDS,
      });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { document: { id: number } }).document.id;
    };
    const link = (id: number, body: Record<string, unknown>) => editor.request('PUT', `/api/v1/documents/${id}/policy-link`, body);
    /** Submit, 审核 by the reviewer, then 保密审查: the answer of the last approval. */
    const review = async (id: number): Promise<WorkflowBody> => {
      assert.equal((await editor.request('POST', `/api/v1/documents/${id}/submit`, {})).statusCode, 200);
      assert.equal((await reviewer.request('POST', `/api/v1/documents/${id}/approve`, { step: 0 })).statusCode, 200);
      const res = await secrecy.request('POST', `/api/v1/documents/${id}/approve`, { step: 1 });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as WorkflowBody;
    };
    const view = async (id: number): Promise<LinksView> => (await editor.request('GET', `/api/v1/documents/${id}/review`)).json() as LinksView;

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      editor = await signInFresh(ctx, clock, ctx.accounts.editor!);
      reviewer = await signInFresh(ctx, clock, ctx.accounts.reviewer!);
      secrecy = await signInFresh(ctx, clock, ctx.accounts.secrecy!);
      policyColumn = (await workflowColumn(ctx.platform, { kind: 'policy', workflow: ONE_STEP })).id;
      interpretationColumn = (await workflowColumn(ctx.platform, { kind: 'interpretation', workflow: ONE_STEP })).id;
    });
    after(async () => { await ctx.close(); });

    test('links are checked: major only for policies, an interpretation names a policy', async () => {
      const policy = await create('policy', '关于进一步优化营商环境的若干措施');
      const interpretation = await create('interpretation', '《关于进一步优化营商环境的若干措施》政策解读');
      assert.equal(((await link(interpretation, { isMajor: true })).json() as Problem).code, 'content.workflow.not_policy');
      assert.equal(((await link(policy, { interpretsId: interpretation })).json() as Problem).code, 'content.workflow.not_interpretation');
      assert.equal(((await link(interpretation, { interpretsId: interpretation })).json() as Problem).code, 'content.workflow.bad_interprets');
      assert.equal(((await link(interpretation, { interpretsId: 999_999 })).json() as Problem).code, 'content.workflow.bad_interprets');
      assert.equal((await link(policy, {})).statusCode, 400);
      assert.equal((await reviewer.request('PUT', `/api/v1/documents/${policy}/policy-link`, { isMajor: true })).statusCode, 403, 'reviewers do not write');
    });

    test('the major policy waits for its interpretation; when that is approved both publish in one transaction at the same time', async () => {
      const policy = await create('policy', '江苏省促进数字经济发展条例实施办法');
      const interpretation = await create('interpretation', '《江苏省促进数字经济发展条例实施办法》解读');
      const marked = await link(policy, { isMajor: true });
      assert.equal(marked.statusCode, 200, marked.body);
      assert.equal((marked.json() as WorkflowBody).document.isMajor, true);
      assert.equal((await link(interpretation, { interpretsId: policy })).statusCode, 200);

      const policyDone = await review(policy);
      assert.equal(policyDone.edition.status, 'approved', 'approved but not public');
      assert.equal(policyDone.document.publishedEditionId, null);
      assert.equal(policyDone.waitingFor, 'interpretation');
      const policyView = await view(policy);
      assert.equal(policyView.links.isMajor, true);
      assert.equal(policyView.links.waitingFor, 'interpretation');
      assert.deepEqual(policyView.links.interpretations.map((d) => d.id), [interpretation], 'policy → interpretation');
      assert.equal((await view(interpretation)).links.interprets?.id, policy, 'interpretation → policy');
      assert.equal((await link(policy, { isMajor: false })).statusCode, 409, 'the flag cannot change while approved and waiting');

      clock.advance(120_000);
      const together = await review(interpretation);
      assert.deepEqual([...together.published].sort((a, b) => a - b), [policy, interpretation].sort((a, b) => a - b));
      const rows = await ctx.platform.db.selectFrom('documents as d').innerJoin('document_editions as e', 'e.id', 'd.published_edition_id')
        .select(['d.id', 'd.status', 'e.published_at', 'd.first_published_at']).where('d.id', 'in', [policy, interpretation]).execute();
      assert.equal(rows.length, 2);
      for (const r of rows) {
        assert.equal(r.status, 'published');
        assert.equal(Number(r.published_at), clock.now(), 'the same publish time, from the clock');
        assert.equal(Number(r.first_published_at), clock.now());
      }
      const audits = await ctx.platform.db.selectFrom('audit_events').select(['target_id', 'detail']).where('action', '=', 'content.workflow.publish')
        .where('target_id', 'in', [String(policy), String(interpretation)]).execute();
      assert.equal(audits.length, 2);
      assert.ok(audits.every((a) => Array.isArray((JSON.parse(a.detail) as { together?: unknown }).together)));
    });

    test('an interpretation approved first waits for its major policy; the policy approval publishes both', async () => {
      const policy = await create('policy', '关于加快建设现代化产业体系的意见');
      const interpretation = await create('interpretation', '《关于加快建设现代化产业体系的意见》图解');
      assert.equal((await link(policy, { isMajor: true })).statusCode, 200);
      assert.equal((await link(interpretation, { interpretsId: policy })).statusCode, 200);
      const first = await review(interpretation);
      assert.equal(first.edition.status, 'approved');
      assert.equal(first.waitingFor, 'policy');
      assert.equal((await view(interpretation)).links.waitingFor, 'policy');
      clock.advance(60_000);
      const second = await review(policy);
      assert.equal(second.edition.status, 'published');
      assert.equal(second.published.length, 2);
    });

    test('the last approvals of the pair at the same moment still publish both', async () => {
      const policy = await create('policy', '关于支持民营经济高质量发展的若干政策措施');
      const interpretation = await create('interpretation', '《关于支持民营经济高质量发展的若干政策措施》解读');
      assert.equal((await link(policy, { isMajor: true })).statusCode, 200);
      assert.equal((await link(interpretation, { interpretsId: policy })).statusCode, 200);
      for (const id of [policy, interpretation]) {
        assert.equal((await editor.request('POST', `/api/v1/documents/${id}/submit`, {})).statusCode, 200);
        assert.equal((await reviewer.request('POST', `/api/v1/documents/${id}/approve`, { step: 0 })).statusCode, 200);
      }
      const answers = await Promise.all([policy, interpretation].map((id) => secrecy.request('POST', `/api/v1/documents/${id}/approve`, { step: 1 })));
      for (const a of answers) assert.equal(a.statusCode, 200, a.body);
      const rows = await ctx.platform.db.selectFrom('documents').select(['id', 'status', 'last_published_at']).where('id', 'in', [policy, interpretation]).execute();
      assert.deepEqual(rows.map((r) => r.status), ['published', 'published'], 'neither waits forever for the other');
      assert.equal(Number(rows[0]!.last_published_at), Number(rows[1]!.last_published_at));
    });

    test('a policy that is not major publishes alone', async () => {
      const policy = await create('policy', '关于印发全省政务公开工作要点的通知');
      const done = await review(policy);
      assert.equal(done.edition.status, 'published');
      assert.deepEqual(done.published, [policy]);
    });
  });
}
