/**
 * One platform per engine for the comment and consultation tests: a column with comments on
 * and one without, a published document in each, the portal's handler (moderator) and editor
 * signed in, and a clock the tests move. Call inside a `describe`.
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/platform/clock.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import type { Engine } from '../../src/db/index.js';
import { columnsDeps, updateColumn } from '../../src/modules/columns/index.js';
import { checksDeps } from '../../src/modules/checks/index.js';
import { createDictionaryEntry } from '../../src/modules/checks/operations/manage-dictionary.js';
import { createTestContext, type TestContext } from './platform.js';
import { signIn, type TestSession } from './session.js';
import { PORTAL_CODE, PORTAL_HOST, multipartBody, solvedCaptcha } from './letter-fixtures.js';
import { publishedDocument, workflowColumn } from './workflow-fixtures.js';

const SYSTEM = systemActor('feedback-fixture');
export const DAY = 86_400_000;
export type Problem = { code: string; detail: string; status: number };

export function feedbackHarness(engine: Engine, opts: { logger?: object } = {}) {
  let ctx: TestContext | undefined;
  const clock = new ManualClock(Date.UTC(2026, 10, 2, 2, 0, 0));
  const state = { handler: undefined as TestSession | undefined, editor: undefined as TestSession | undefined, openDoc: 0, closedDoc: 0, siteId: 0 };
  const context = (): TestContext => { if (!ctx) throw new Error('the harness is not set up yet'); return ctx; };

  async function signAll(): Promise<void> {
    const c = context();
    clock.advance(31_000);
    state.handler = await signIn(c.app, c.accounts.handler!, clock);
    state.editor = await signIn(c.app, c.accounts.editor!, clock);
  }

  before(async () => {
    ctx = await createTestContext(engine, { clock, ...opts });
    const withComments = await workflowColumn(ctx.platform, { workflow: [{ name: '审核', role: 'reviewer' }] });
    await updateColumn({ db: ctx.platform.db, actor: SYSTEM, columnId: withComments.id, input: { commentsEnabled: true }, deps: columnsDeps(ctx.platform) });
    state.siteId = withComments.siteId;
    state.openDoc = (await publishedDocument(ctx.platform, { columnId: withComments.id, title: '关于开展评论测试的通知' })).documentId;
    state.closedDoc = (await publishedDocument(ctx.platform, { title: '关于不开放评论的通知' })).documentId;
    for (const [phrase, severity] of [['测试禁语甲', 'block'], ['测试提示乙', 'warn']] as const) {
      await createDictionaryEntry({ db: ctx.platform.db, actor: SYSTEM, input: { phrase, suggestion: '', category: 'banned', severity }, deps: checksDeps(ctx.platform) });
    }
    await signAll();
  });
  after(async () => { await ctx?.close(); });

  const app = () => context().app;
  return {
    get ctx() { return context(); },
    get handler() { return state.handler!; },
    get editor() { return state.editor!; },
    get openDoc() { return state.openDoc; },
    get closedDoc() { return state.closedDoc; },
    get siteId() { return state.siteId; },
    clock,
    setClock: async (ms: number) => { clock.set(ms); await signAll(); },
    comment: async (documentId: number, body: Record<string, unknown>) => app().inject({
      method: 'POST', url: `/api/v1/public/documents/${documentId}/comments`, payload: { altcha: await solvedCaptcha(app()), ...body },
    }),
    opinion: async (consultationId: number, body: Record<string, unknown>) => app().inject({
      method: 'POST', url: `/api/v1/public/sites/${PORTAL_CODE}/consultations/${consultationId}/opinions`, payload: { altcha: await solvedCaptcha(app()), ...body },
    }),
    /** A form post on the portal's host, as the theme's page sends it. */
    formPost: async (path: string, fields: Record<string, string>, withCaptcha = true) => {
      const { payload, headers } = multipartBody({ ...fields, ...(withCaptcha ? { altcha: await solvedCaptcha(app()) } : {}) });
      return app().inject({ method: 'POST', url: path, payload, headers: { ...headers, host: PORTAL_HOST } });
    },
    page: (path: string) => app().inject({ method: 'GET', url: path, headers: { host: PORTAL_HOST } }),
    moderate: (id: number, decision: 'approve' | 'reject', note = '') => state.handler!.request('POST', `/api/v1/comments/${id}/moderation`, { decision, note }),
    queue: async (status = 'pending') => (await state.handler!.request('GET', `/api/v1/moderation/comments?siteId=${state.siteId}&status=${status}`)).json<{ items: { id: number; kind: string; body: string; contact: string; reportCount: number; reportReason: string; findings: { severity: string; message: string }[] }[] }>().items,
    expectProblem: (res: { statusCode: number; body: string; json: <T>() => T }, status: number, code: string) => {
      assert.equal(res.statusCode, status, res.body);
      const p = res.json<Problem>();
      assert.equal(p.code, code);
      assert.match(p.detail, /[\u4e00-\u9fff]/, 'the message is Chinese');
    },
  };
}
