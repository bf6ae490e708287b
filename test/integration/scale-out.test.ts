/**
 * Scale-out (docs/scale-out.md): what each process role serves, and jobs shared by two real
 * `jiyue worker` processes on one PostgreSQL database with none run twice.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { buildApp, type JiyueApp } from '../../src/app.js';
import { rolesProblem } from '../../src/main.js';
import { createPlatform, type Platform } from '../../src/platform/platform.js';
import { access } from '../../src/platform/identity/permissions.js';
import { registerTier } from '../../src/platform/http/route-tiers.js';
import { createTestDatabase, selectedEngines, type TestDatabase } from '../support/engines.js';
import { createTestContext, testConfig, testProcessEnv, type TestContext } from '../support/platform.js';
import { signIn } from '../support/session.js';
import { goodPages, htmlPage, PORTAL } from '../support/page-fixtures.js';
import { freePort } from '../support/nginx.js';
import { claimReport, enqueueDemoJobs, installClaimLog, pidOfWorker, waitForSuccess } from '../support/job-claims.js';
import { spawnJiyue, stopAll, waitUntilUp, WORKER_READY, type JiyueProcess } from '../../scripts/lib/jiyue-process.js';

const PORTAL_HOST = `${PORTAL}.localhost`;
const routeKeys = (app: JiyueApp) => app.jiyueRoutes().map((r) => `${r.method} ${r.url}`).sort();

describe('process roles on SQLite and PostgreSQL', () => {
  test('SQLite serves admin and public from one process only; PostgreSQL takes any split', () => {
    for (const roles of [['public'], ['admin'], ['worker'], ['public', 'worker'], ['admin', 'worker']] as const) {
      assert.match(rolesProblem(roles, null) ?? '', /needs PostgreSQL/, roles.join(','));
      assert.equal(rolesProblem(roles, 'postgres://db/jiyue'), null);
    }
    assert.equal(rolesProblem(['admin', 'public', 'worker'], null), null);
    assert.equal(rolesProblem(['admin', 'public'], null), null, 'the console and the sites together, jobs elsewhere: allowed as before');
  });

  test('a route plugin of one tier cannot register a URL of the other (start-up fails)', async () => {
    for (const [tier, url] of [['admin', '/api/v1/public/x'], ['public', '/api/v1/x']] as const) {
      const app = Fastify();
      await assert.rejects(registerTier(app, tier, [async (scope) => { scope.get(url, { config: { access: access.public } }, async () => 'x'); }], {} as Platform),
        new RegExp(`${url.replace(/\//g, '\\/')} is registered by a ${tier} route plugin`));
      await app.close();
    }
  });
});

for (const engine of selectedEngines()) {
  describe(`what each role serves [${engine}]`, () => {
    let ctx: TestContext;
    let publicApp: JiyueApp;
    let adminApp: JiyueApp;
    let workerApp: JiyueApp;
    before(async () => {
      ctx = await createTestContext(engine);
      await goodPages(ctx.platform).publish(PORTAL, [{ path: '/', body: htmlPage('首页') }, { path: '/zwgk/index.html', body: htmlPage('政务公开') }]);
      publicApp = await buildApp({ platform: ctx.platform, roles: ['public'] });
      adminApp = await buildApp({ platform: ctx.platform, roles: ['admin'] });
      workerApp = await buildApp({ platform: ctx.platform, roles: ['worker'] });
    });
    after(async () => {
      await publicApp?.close();
      await adminApp?.close();
      await workerApp?.close();
      await ctx?.close();
    });

    const get = (app: JiyueApp, url: string) => app.inject({ method: 'GET', url, headers: { host: PORTAL_HOST } });

    test('public: the sites and the public API; no console, no console API, no API docs', async () => {
      assert.equal((await get(publicApp, '/')).statusCode, 200);
      assert.equal((await get(publicApp, '/zwgk/')).statusCode, 200);
      for (const url of ['/api/v1/public/search?q=%E6%94%BF%E5%8A%A1', '/api/v1/public/search/suggest?prefix=%E6%94%BF', '/api/v1/public/captcha',
        `/api/v1/public/sites/${PORTAL}/mailboxes`, `/api/v1/public/sites/${PORTAL}/letter-statistics`, `/api/v1/public/sites/${PORTAL}/interviews`, '/healthz', '/metrics']) {
        assert.equal((await get(publicApp, url)).statusCode, 200, url);
      }
      const letter = await publicApp.inject({ method: 'POST', url: `/api/v1/public/sites/${PORTAL}/letters`, payload: {} });
      assert.equal(letter.statusCode, 400, 'the letter API is there (and refuses an empty letter)');
      for (const url of ['/api/v1/auth/me', '/api/v1/documents', '/api/v1/letters', '/api/v1/search/stats', '/api/v1/letter-statistics', '/api/v1/jobs', '/admin/', '/admin', '/api/openapi.json', '/api/docs/']) {
        const res = await get(publicApp, url);
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.json().code, 'http.not_found', url);
      }
      const login = await publicApp.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'editor', password: ctx.accounts.editor!.password } });
      assert.equal(login.statusCode, 404, 'no sign-in on the public tier');
    });

    test('admin: the console, its API and the API docs; no public site, no public API', async () => {
      const session = await signIn(adminApp, ctx.accounts.editor!);
      assert.equal((await session.request('GET', '/api/v1/auth/me')).statusCode, 200);
      assert.equal((await session.request('GET', '/api/v1/documents')).statusCode, 200);
      assert.equal((await get(adminApp, '/api/v1/auth/me')).statusCode, 401);
      assert.equal((await get(adminApp, '/api/openapi.json')).statusCode, 200);
      assert.equal((await get(adminApp, '/healthz')).statusCode, 200);
      assert.notEqual((await get(adminApp, '/admin/')).statusCode, 404, 'the console (or its not-built notice)');
      const root = await get(adminApp, '/');
      assert.equal(root.statusCode, 302);
      assert.equal(root.headers.location, '/admin/');
      for (const url of ['/zwgk/', '/zwgk/index.html', '/api/v1/public/search?q=x', '/api/v1/public/captcha', `/api/v1/public/sites/${PORTAL}/letter-statistics`]) {
        assert.equal((await get(adminApp, url)).statusCode, 404, url);
      }
    });

    test('worker alone: health and metrics only; admin + public together are every route of the full app', async () => {
      assert.deepEqual(routeKeys(workerApp).filter((r) => !r.startsWith('HEAD')), ['GET /healthz', 'GET /metrics']);
      const shared = new Set(routeKeys(workerApp));
      const both = [...routeKeys(publicApp), ...routeKeys(adminApp).filter((r) => !shared.has(r))].sort();
      const full = routeKeys(ctx.app).filter((r) => r !== 'GET /' && r !== 'HEAD /');
      assert.deepEqual(both.filter((r) => r !== 'GET /' && r !== 'HEAD /'), full, 'no route lost, none in both tiers (but health and metrics)');
    });
  });
}

if (selectedEngines().includes('postgres')) {
  describe('jiyue processes on one PostgreSQL [postgres]', () => {
    const JOBS = 200;
    let tdb: TestDatabase;
    let platform: Platform;
    let workers: JiyueProcess[] = [];
    before(async () => {
      tdb = await createTestDatabase('postgres');
      // Migrates and creates the key file before the workers start (as scripts/scale-out.ts does).
      platform = await createPlatform(testConfig(tdb));
      await installClaimLog(platform.db);
    });
    after(async () => {
      await stopAll(workers);
      await platform?.close();
      await tdb?.drop();
    });

    test('jiyue serve --roles public and --roles admin processes each answer their own tier', { timeout: 120_000 }, async () => {
      const env = testProcessEnv(tdb);
      const [publicPort, adminPort] = [await freePort(), await freePort()];
      const servers = [
        spawnJiyue({ label: 'public', args: ['serve', '--roles', 'public'], port: publicPort, env }),
        spawnJiyue({ label: 'admin', args: ['serve', '--roles', 'admin'], port: adminPort, env }),
      ];
      try {
        await Promise.all(servers.map((p) => waitUntilUp(p)));
        const status = async (port: number, path: string) => (await fetch(`http://127.0.0.1:${port}${path}`, { redirect: 'manual' })).status;
        assert.equal(await status(publicPort, '/api/v1/public/captcha'), 200);
        assert.equal(await status(publicPort, '/api/v1/auth/me'), 404);
        assert.equal(await status(publicPort, '/admin/'), 404);
        assert.equal(await status(adminPort, '/api/v1/auth/me'), 401);
        assert.equal(await status(adminPort, '/api/v1/public/captcha'), 404);
      } finally {
        await stopAll(servers);
      }
      for (const p of servers) assert.equal(await p.exited, 0, `${p.label} stopped cleanly:\n${p.recentOutput()}`);
    });

    test(`${JOBS} jobs: each run exactly once, both workers take some`, { timeout: 120_000 }, async () => {
      const env = testProcessEnv(tdb, { JIYUE_JOBS_POLL_MS: '100' });
      workers = [1, 2].map((i) => spawnJiyue({ label: `worker ${i}`, args: ['worker', '--concurrency', '4'], env }));
      await Promise.all(workers.map((w) => waitUntilUp(w, { readyLine: WORKER_READY })));

      const ids = await enqueueDemoJobs(platform, JOBS, { steps: 2, stepMs: 10 });
      await waitForSuccess(platform.db, ids, 60_000);
      const attempts = await platform.db.selectFrom('jobs').select('attempts').where('id', 'in', ids).execute();
      assert.ok(attempts.every((j) => j.attempts === 1), 'no job was retried');

      const report = await claimReport(platform.db, ids);
      assert.equal(report.claimed, JOBS);
      assert.equal(report.duplicates, 0, 'no job claimed (run) twice');
      const pids = new Set(workers.map((w) => w.child.pid));
      assert.equal(report.byWorker.size, 2, `claims by ${[...report.byWorker.keys()].join(', ')}`);
      for (const [worker, n] of report.byWorker) {
        assert.ok(pids.has(pidOfWorker(worker)), `${worker} is one of the two processes`);
        assert.ok(n > 0);
      }

      await stopAll(workers);
      for (const w of workers) assert.equal(await w.exited, 0, `${w.label} stopped cleanly:\n${w.recentOutput()}`);
    });
  });
}
