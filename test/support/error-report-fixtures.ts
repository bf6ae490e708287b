/**
 * Shared by the error-report tests: a platform per engine with the operator (the demo platform
 * supervisor), the owner (the demo site admin, scoped on the province), a site admin of the
 * Nanjing portal only, signed in again after every clock jump; and submitting a report the way
 * the public API takes it (captcha solved).
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/platform/clock.js';
import type { Engine } from '../../src/db/index.js';
import { generateTotpSecret } from '../../src/platform/crypto/index.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { createUser } from '../../src/platform/identity/operations/manage-users.js';
import { identityDeps } from '../../src/platform/identity/identity-deps.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import type { Config } from '../../src/config/index.js';
import { createTestContext, type TestContext } from './platform.js';
import { signIn, type TestSession } from './session.js';
import { idemKey, solvedCaptcha } from './letter-fixtures.js';

export const PORTAL = '3200000001';
export const NANJING = '3201000001';
/** The portal's primary domain (the demo seed), as canonical addresses carry it. */
export const PORTAL_DOMAIN = 'www.jiangsu.gov.cn';

/** 10:00 Asia/Shanghai on the given day; the end of a day in Asia/Shanghai (where deadlines fall). */
export const at10 = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 2, 0, 0);
export const endOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 15, 59, 59, 999);

export const CONTACT = { name: '纠错张三丰', phone: '13912345678', email: 'planted.reporter@example.cn' };

type Role = 'operator' | 'owner' | 'handler' | 'njAdmin';

export function errorReportHarness(engine: Engine, opts: { config?: Partial<Config> } = {}) {
  let ctx: TestContext | undefined;
  // Tests move the clock forward only: TOTP codes are refused for a step earlier than the last used.
  const clock = new ManualClock(at10(2026, 9, 1));
  const sessions = new Map<Role, TestSession>();
  let njCreds: { username: string; password: string; totpSecret: string } | undefined;
  const context = (): TestContext => { if (!ctx) throw new Error('not set up'); return ctx; };
  const as = (role: Role): TestSession => ({
    get cookie() { return sessions.get(role)!.cookie; },
    get csrf() { return sessions.get(role)!.csrf; },
    request: (...args) => sessions.get(role)!.request(...args),
  });

  async function signAll(): Promise<void> {
    const c = context();
    clock.advance(31_000); // TOTP codes are single-use per time step
    sessions.set('operator', await signIn(c.app, c.accounts.supervisor!, clock));
    sessions.set('owner', await signIn(c.app, c.accounts.siteadmin!, clock));
    sessions.set('handler', await signIn(c.app, c.accounts.handler!, clock));
    sessions.set('njAdmin', await signIn(c.app, njCreds!, clock));
  }

  before(async () => {
    ctx = await createTestContext(engine, { clock, ...(opts.config ? { config: opts.config } : {}) });
    const nj = await getSiteByCode(ctx.platform.db, NANJING);
    const { user, initialPassword } = await createUser({ db: ctx.platform.db, actor: systemActor('test'), input: { username: `njadmin${Date.now().toString(36)}`, displayName: '南京站务', orgId: 1 }, deps: identityDeps(ctx.platform) });
    // A site admin needs a second factor (mfaRequiredRoles): a TOTP secret as the demo seed sets one.
    const totpSecret = generateTotpSecret();
    await ctx.platform.db.updateTable('users').set({ must_change_password: 0, totp_secret_enc: ctx.platform.cipher.encrypt(totpSecret, `totp:${user.id}`), totp_enabled: 1 }).where('id', '=', user.id).execute();
    await ctx.platform.db.insertInto('role_grants').values({ user_id: user.id, role: 'site_admin', scope_type: 'site', scope_id: nj!.id, granted_by: null, granted_at: 0 }).execute();
    njCreds = { username: user.username, password: initialPassword, totpSecret };
    await signAll();
  });
  after(async () => { await ctx?.close(); });

  return {
    get ctx() { return context(); },
    clock,
    operator: as('operator'), owner: as('owner'), handler: as('handler'), njAdmin: as('njAdmin'),
    setClock: async (ms: number) => { clock.set(ms); await signAll(); },
    /** A report through the public JSON API, captcha solved; the answer's receipt. */
    submit: async (extra: Record<string, unknown> = {}, siteCode = PORTAL) => {
      const c = context();
      const res = await c.app.inject({
        method: 'POST', url: `/api/v1/public/sites/${siteCode}/error-reports`, headers: { 'idempotency-key': idemKey() },
        payload: { errorType: 'typo', pageUrl: `https://${PORTAL_DOMAIN}/index.html`, description: '首页第二段“政府”写成了“正府”', altcha: await solvedCaptcha(c.app), ...extra },
      });
      assert.equal(res.statusCode, 201, res.body);
      const receipt = res.json<{ queryCode: string; triageDueAt: number }>();
      const row = await c.platform.db.selectFrom('error_reports').selectAll().where('query_code', '=', receipt.queryCode).executeTakeFirstOrThrow();
      return { ...receipt, id: Number(row.id) };
    },
    row: (id: number) => context().platform.db.selectFrom('error_reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    expectProblem: (res: { statusCode: number; body: string; json: <T>() => T }, status: number, code: string) => {
      assert.equal(res.statusCode, status, res.body);
      const p = res.json<{ code: string; detail: string }>();
      assert.equal(p.code, code);
      assert.match(p.detail, /[\u4e00-\u9fff]/, 'the message is Chinese');
    },
  };
}

let seeded = 0;
/** A report written straight into the database at the given step (no captcha round trip), on the portal. */
export async function seedErrorReport(ctx: TestContext, status: 'received' | 'forwarded' = 'received'): Promise<number> {
  const now = ctx.platform.clock.now();
  const code = `JC9${String(Date.now() % 1e9).padStart(9, '0')}${String(seeded++).padStart(4, '0')}`;
  const r = await ctx.platform.db.insertInto('error_reports').values({
    site_id: 1, query_code: code, error_type: 'typo', page_url: `https://${PORTAL_DOMAIN}/`, description: '矩阵', name_enc: null, phone_enc: null, email_enc: null,
    status, idempotency_key: `seed-${code}`, received_at: now, triage_due_at: now + 86_400_000, triaged_at: status === 'forwarded' ? now : null,
    forwarded_at: status === 'forwarded' ? now : null, owner_due_at: status === 'forwarded' ? now + 86_400_000 : null, step_due_at: now + 86_400_000,
    dismiss_kind: null, reason: '', answer: null, answered_at: null, answered_by: null, escalated_due_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}
