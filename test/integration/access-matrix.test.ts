import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createUser } from '../../src/platform/identity/operations/manage-users.js';
import { identityDeps } from '../../src/platform/identity/identity-deps.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { inTransaction } from '../../src/db/index.js';
import { ACCESS_MATRIX, PUBLIC_PREFIXES, ROLE_COLUMNS, SKIPPED } from './access-matrix.table.js';

/** Demo account holding each role (see src/demo/seed-demo.ts). */
const ACCOUNT_OF_ROLE: Readonly<Record<string, string>> = {
  system_admin: 'sysadmin', security_admin: 'secadmin', audit_admin: 'auditor', platform_supervisor: 'supervisor',
  site_admin: 'siteadmin', editor: 'editor', reviewer: 'reviewer', secrecy_reviewer: 'secrecy',
  interaction_handler: 'handler', template_developer: 'templater',
};

type Prepared = { url: string; body?: unknown };
let counter = 0;

async function freshUserId(ctx: TestContext): Promise<number> {
  const { user } = await createUser({ db: ctx.platform.db, actor: systemActor('test'), input: { username: `m${Date.now().toString(36)}${counter++}`, displayName: '矩阵', orgId: 1 }, deps: identityDeps(ctx.platform) });
  return user.id;
}

async function job(ctx: TestContext, status: 'queued' | 'failed'): Promise<number> {
  const id = await inTransaction(ctx.platform.db, (trx) => ctx.platform.jobs.enqueue(trx, { kind: 'matrix.noop', runAt: ctx.platform.clock.now() + 86_400_000 }));
  if (status === 'failed') await ctx.platform.db.updateTable('jobs').set({ status: 'failed', last_error: 'x' }).where('id', '=', id).execute();
  return id;
}

/** A request that succeeds for a permitted role. */
const REQUESTS: Readonly<Record<string, (ctx: TestContext) => Promise<Prepared>>> = {
  'POST /api/v1/orgs': async () => ({ url: '/api/v1/orgs', body: { parentId: 1, name: `矩阵测试部门${counter++}`, kind: 'department' } }),
  'POST /api/v1/users': async () => ({ url: '/api/v1/users', body: { username: `matrix${counter++}`, displayName: '矩阵用户', orgId: 1 } }),
  'PATCH /api/v1/users/:id': async (ctx) => ({ url: `/api/v1/users/${await freshUserId(ctx)}`, body: { displayName: '改名' } }),
  'POST /api/v1/users/:id/reset-password': async (ctx) => ({ url: `/api/v1/users/${await freshUserId(ctx)}/reset-password` }),
  'POST /api/v1/users/:id/unlock': async (ctx) => ({ url: `/api/v1/users/${await freshUserId(ctx)}/unlock` }),
  'POST /api/v1/users/:id/reset-totp': async (ctx) => ({ url: `/api/v1/users/${await freshUserId(ctx)}/reset-totp` }),
  'POST /api/v1/grants': async (ctx) => ({ url: '/api/v1/grants', body: { userId: await freshUserId(ctx), role: 'editor', scopeType: 'org', scopeId: 1 } }),
  'DELETE /api/v1/grants/:id': async (ctx) => {
    const userId = await freshUserId(ctx);
    const { id } = await ctx.platform.db.insertInto('role_grants').values({ user_id: userId, role: 'editor', scope_type: 'org', scope_id: 1, granted_by: null, granted_at: 0 }).returning('id').executeTakeFirstOrThrow();
    return { url: `/api/v1/grants/${id}` };
  },
  'GET /api/v1/jobs/:id': async (ctx) => ({ url: `/api/v1/jobs/${await job(ctx, 'queued')}` }),
  'POST /api/v1/jobs/:id/retry': async (ctx) => ({ url: `/api/v1/jobs/${await job(ctx, 'failed')}/retry` }),
  'POST /api/v1/jobs/:id/cancel': async (ctx) => ({ url: `/api/v1/jobs/${await job(ctx, 'queued')}/cancel` }),
  'POST /api/v1/jobs/demo': async () => ({ url: '/api/v1/jobs/demo', body: { steps: 1, stepMs: 10 } }),
  'GET /api/v1/calendar/years/:year': async () => ({ url: '/api/v1/calendar/years/2026' }),
  'GET /api/v1/calendar/check': async () => ({ url: '/api/v1/calendar/check?date=2026-10-01&add=5' }),
  'POST /api/v1/calendar/import': async () => ({ url: '/api/v1/calendar/import', body: { csv: 'date,kind,name\n2030-01-01,holiday,元旦\n' } }),
};

for (const engine of selectedEngines()) {
  describe(`role × route access matrix [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    const sessions = new Map<string, TestSession>();
    before(async () => {
      ctx = await createTestContext(engine, { clock });
      ctx.platform.jobs.define('matrix.noop', async () => null);
      for (const [role, username] of Object.entries(ACCOUNT_OF_ROLE)) {
        clock.advance(31_000); // TOTP codes are single-use per time step
        sessions.set(role, await signIn(ctx.app, ctx.accounts[username]!, clock));
      }
    });
    after(async () => { await ctx.close(); });

    test('the table lists every route the app serves', () => {
      const served = ctx.app.jiyueRoutes()
        .filter((r) => r.method !== 'HEAD' && !PUBLIC_PREFIXES.some((p) => r.url === p || r.url.startsWith(`${p}/`)))
        .map((r) => `${r.method} ${r.url}`);
      const listed = new Set([...Object.keys(ACCESS_MATRIX), ...Object.keys(SKIPPED)]);
      const missing = served.filter((k) => !listed.has(k));
      assert.deepEqual(missing, [], 'add these routes to test/integration/access-matrix.table.ts');
      const stale = [...listed].filter((k) => !served.includes(k));
      assert.deepEqual(stale, [], 'routes in the table that the app no longer serves');
    });

    test('plugin routes (console, API docs) are public by declaration', () => {
      for (const r of ctx.app.jiyueRoutes().filter((x) => PUBLIC_PREFIXES.some((p) => x.url.startsWith(p)))) {
        assert.equal(r.access?.kind, 'public', `${r.method} ${r.url}`);
      }
    });

    for (const [route, row] of Object.entries(ACCESS_MATRIX)) {
      const expected = row.trim().split(/\s+/);
      test(`${route}: ${expected.join(' ')}`, async () => {
        assert.equal(expected.length, ROLE_COLUMNS.length, 'one cell per role column');
        const [method, pattern] = route.split(' ') as [string, string];
        const outcomes: string[] = [];
        for (const [i, role] of ROLE_COLUMNS.entries()) {
          const prepared = REQUESTS[route] ? await REQUESTS[route](ctx) : { url: pattern };
          const s = sessions.get(role);
          const res = s
            ? await s.request(method, prepared.url, prepared.body)
            : await ctx.app.inject({ method: method as 'GET', url: prepared.url, ...(prepared.body !== undefined ? { payload: prepared.body as object } : {}) });
          const got = res.statusCode >= 200 && res.statusCode < 300 ? '2' : res.statusCode === 403 ? '3' : res.statusCode === 401 ? '1' : String(res.statusCode);
          outcomes.push(got === expected[i] ? got : `${got}(${role}: ${res.statusCode} ${res.body.slice(0, 120)})`);
        }
        assert.deepEqual(outcomes, expected);
      });
    }
  });
}
