/**
 * One platform per engine for the letter workflow's tests (letter-workflow.test.ts,
 * letter-deadlines.test.ts): a handler, a supervisor, two handling units' handlers and a second
 * reviewer, signed in; a clock the tests move (everyone signs in again after a jump, as idle
 * sessions expire); and the requests and checks the tests share. Call inside a `describe`.
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/platform/clock.js';
import type { Engine } from '../../src/db/index.js';
import { createTestContext, type TestContext } from './platform.js';
import { signIn, type TestSession } from './session.js';
import { orgIdByCode, userWithGrant, type SeededLetter } from './letter-workflow-fixtures.js';

/** 10:00 Asia/Shanghai on the given day. */
export const at10 = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 2, 0, 0);
/** End of the given day in Asia/Shanghai: where working-day deadlines fall. */
export const endOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 15, 59, 59, 999);

export type Problem = { code: string; detail: string; status: number };
type Response = Awaited<ReturnType<TestSession['request']>>;

type Role = 'handler' | 'supervisor' | 'unitA' | 'unitB' | 'reviewer2';

/** `logger`: pino options for the app (silent unless given), e.g. to read what the server warned of. */
export function letterWorkflowHarness(engine: Engine, opts: { logger?: object } = {}) {
  let ctx: TestContext | undefined;
  const clock = new ManualClock(at10(2026, 11, 2));
  const current = new Map<Role, TestSession>();
  const creds: Record<string, { username: string; password: string }> = {};
  const orgs = { a: 0, b: 0 };
  const context = (): TestContext => { if (!ctx) throw new Error('the harness is not set up yet'); return ctx; };
  /** A session that stays valid across sign-ins: it always speaks with the role's latest session. */
  const handle = (role: Role): TestSession => ({
    get cookie() { return current.get(role)!.cookie; },
    get csrf() { return current.get(role)!.csrf; },
    request: (...args) => current.get(role)!.request(...args),
  });

  async function signAll(): Promise<void> {
    const c = context();
    clock.advance(31_000);
    current.set('handler', await signIn(c.app, c.accounts.handler!, clock));
    current.set('supervisor', await signIn(c.app, c.accounts.supervisor!, clock));
    for (const role of ['unitA', 'unitB', 'reviewer2'] as const) current.set(role, await signIn(c.app, { ...creds[role]!, totpSecret: null }, clock));
  }

  before(async () => {
    ctx = await createTestContext(engine, { clock, ...(opts.logger ? { logger: opts.logger } : {}) });
    orgs.a = await orgIdByCode(ctx, '320000-jyt');
    orgs.b = await orgIdByCode(ctx, '320000-rst');
    for (const [key, scope, name] of [['unitA', { type: 'org', id: orgs.a }, '教育厅办理员'], ['unitB', { type: 'org', id: orgs.b }, '人社厅办理员'], ['reviewer2', { type: 'site', id: 1 }, '门户审核员']] as const) {
      creds[key] = await userWithGrant(ctx, clock, 'interaction_handler', scope, name);
    }
    await signAll();
  });
  after(async () => { await ctx?.close(); });

  return {
    get ctx() { return context(); },
    get orgA() { return orgs.a; },
    get orgB() { return orgs.b; },
    clock,
    handler: handle('handler'),
    supervisor: handle('supervisor'),
    unitA: handle('unitA'),
    unitB: handle('unitB'),
    reviewer2: handle('reviewer2'),
    setClock: async (ms: number) => { clock.set(ms); await signAll(); },
    act: (s: TestSession, id: number, body: Record<string, unknown>) => s.request('POST', `/api/v1/letters/${id}/actions`, body),
    feedback: (l: SeededLetter, body: Record<string, unknown>) => context().app.inject({ method: 'POST', url: '/api/v1/public/letters/feedback', payload: { queryCode: l.queryCode, queryPassword: l.queryPassword, ...body } }),
    row: (id: number) => context().platform.db.selectFrom('letters').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    history: async (id: number) => (await context().platform.db.selectFrom('letter_history').selectAll().where('letter_id', '=', id).orderBy('id').execute()).map((h) => h.action),
    expectProblem: (res: Pick<Response, 'statusCode' | 'body' | 'json'>, status: number, code: string) => {
      assert.equal(res.statusCode, status, res.body);
      const p = res.json<Problem>();
      assert.equal(p.code, code);
      assert.match(p.detail, /[\u4e00-\u9fff]/, 'the message is Chinese');
    },
  };
}
