import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { selectedEngines } from '../support/engines.js';
import { blockEventLoop } from '../support/event-loop.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { installAccessControl } from '../../src/platform/http/access-hook.js';
import '../../src/platform/http/route-config.js';
import type { JiyueApp } from '../../src/app.js';

const PROBLEM = /^application\/problem\+json/;

async function countRows(ctx: TestContext, table: 'users' | 'organizations'): Promise<number> {
  const row = await ctx.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** GET that follows up to three redirects, as a browser would. */
async function getFollowing(app: JiyueApp, url: string): Promise<LightMyRequestResponse> {
  let res = await app.inject({ method: 'GET', url });
  for (let i = 0; i < 3 && res.statusCode >= 300 && res.statusCode < 400; i++) {
    res = await app.inject({ method: 'GET', url: new URL(String(res.headers.location), `http://localhost${url}`).pathname });
  }
  return res;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

for (const engine of selectedEngines()) {
  describe(`HTTP kernel [${engine}]`, () => {
    let ctx: TestContext;
    let sys: TestSession;
    const clock = new ManualClock();
    before(async () => {
      ctx = await createTestContext(engine, { clock });
      clock.advance(31_000);
      sys = await signIn(ctx.app, ctx.accounts.sysadmin!, clock);
    });
    after(async () => { await ctx.close(); });

    test('errors are problem+json with a stable code, Chinese by default and English on request', async () => {
      const zh = await ctx.app.inject({ method: 'GET', url: '/api/v1/users' });
      assert.equal(zh.statusCode, 401);
      assert.match(String(zh.headers['content-type']), PROBLEM);
      const body = zh.json() as Record<string, unknown>;
      assert.equal(body.code, 'auth.unauthenticated');
      assert.equal(body.status, 401);
      assert.equal(body.detail, '请先登录');
      assert.equal(body.title, '请先登录');
      assert.equal(body.type, 'https://jiyue.gov.cn/problems/auth.unauthenticated');
      assert.equal(body.instance, '/api/v1/users');
      const en = await ctx.app.inject({ method: 'GET', url: '/api/v1/users', headers: { 'accept-language': 'en' } });
      assert.equal(en.json().code, 'auth.unauthenticated');
      assert.equal(en.json().detail, 'Please sign in');
      const missing = await ctx.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
      assert.equal(missing.statusCode, 404);
      assert.match(String(missing.headers['content-type']), PROBLEM);
      assert.equal(missing.json().code, 'http.not_found');
      assert.equal(missing.json().detail, '请求的地址不存在');
    });

    test('validation errors name the field, in Chinese with the field label', async () => {
      const res = await sys.request('POST', '/api/v1/users', { username: 'nodisplay', orgId: 1 });
      assert.equal(res.statusCode, 400);
      assert.match(String(res.headers['content-type']), PROBLEM);
      const p = res.json() as { code: string; detail: string; errors: { field: string; code: string; message: string }[] };
      assert.equal(p.code, 'http.validation');
      assert.deepEqual(p.errors.map((e) => e.field), ['displayName']);
      assert.equal(p.errors[0]!.code, 'validation.required');
      assert.equal(p.errors[0]!.message, '缺少必填字段“姓名（displayName）”');
      assert.match(p.detail, /^请求参数有误：.*displayName/);
      const en = await sys.request('POST', '/api/v1/users', { username: 'nodisplay', orgId: 1 }, { 'accept-language': 'en' });
      assert.equal((en.json() as typeof p).errors[0]!.message, 'Missing required field "displayName"');
      const wrongType = await sys.request('POST', '/api/v1/users', { username: 'wrongtype', displayName: '类型', orgId: 'one' });
      assert.equal(wrongType.statusCode, 400);
      assert.deepEqual((wrongType.json() as typeof p).errors.map((e) => [e.field, e.code]), [['orgId', 'validation.type']]);
    });

    test('GET /api/openapi.json is an OpenAPI 3 document listing the /api/v1 paths', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = res.json() as { openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> };
      assert.match(doc.openapi, /^3\.\d+\.\d+$/);
      for (const p of ['/api/v1/auth/login', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/grants', '/api/v1/audit/events', '/api/v1/jobs', '/api/v1/calendar/check']) {
        assert.ok(doc.paths[p], `missing ${p}`);
      }
      assert.ok(doc.paths['/api/v1/grants']!.post, 'POST /api/v1/grants documented');
      // Every documented API route is under /api/v1 or a platform endpoint.
      const stray = Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/') && p !== '/healthz' && !p.startsWith('/admin'));
      assert.deepEqual(stray, []);
    });

    test('/api/docs answers an HTML page', async () => {
      const res = await getFollowing(ctx.app, '/api/docs');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.body, /<html/i);
      assert.match(res.body, /swagger/i);
    });

    test('/healthz answers 200 with the engine', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(res.statusCode, 200);
      const body = res.json() as { status: string; db: string };
      assert.equal(body.status, 'ok');
      assert.equal(body.db, engine);
    });

    test('/metrics is Prometheus text with the request-duration histogram', async () => {
      await ctx.app.inject({ method: 'GET', url: '/healthz' });
      const res = await ctx.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      assert.match(res.body, /# TYPE jiyue_http_request_duration_seconds histogram/);
      assert.match(res.body, /jiyue_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} [1-9]/);
    });

    test('security headers: a real CSP, nosniff, no X-Powered-By', async () => {
      for (const url of ['/healthz', '/api/v1/users', '/api/v1/no-such-thing']) {
        const res = await ctx.app.inject({ method: 'GET', url });
        const csp = String(res.headers['content-security-policy'] ?? '');
        const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
        assert.equal(directives.get('script-src'), "'self'", `${url}: ${csp}`);
        assert.equal(directives.get('object-src'), "'none'");
        assert.equal(directives.get('frame-ancestors'), "'self'");
        assert.equal(directives.get('default-src'), "'self'");
        assert.ok(!csp.includes('unsafe-eval'));
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.equal(res.headers['x-powered-by'], undefined);
      }
    });

    test('__proto__ and constructor.prototype in a JSON body: 400 http.forbidden_key, nothing written', async () => {
      const users = await countRows(ctx, 'users');
      const bodies = [
        '{"username":"protouser","displayName":"原型","orgId":1,"__proto__":{"isAdmin":true}}',
        '{"username":"ctoruser","displayName":"构造","orgId":1,"constructor":{"prototype":{"isAdmin":true}}}',
        '{"username":"nested","displayName":"嵌套","orgId":1,"x":[{"__proto__":{}}]}',
      ];
      for (const payload of bodies) {
        const res = await sys.request('POST', '/api/v1/users', payload, { 'content-type': 'application/json' });
        assert.equal(res.statusCode, 400, payload);
        assert.match(String(res.headers['content-type']), PROBLEM);
        assert.equal(res.json().code, 'http.forbidden_key', payload);
        assert.match(res.json().detail, /__proto__/);
      }
      assert.equal(await countRows(ctx, 'users'), users);
      // A plain syntax error stays a JSON error, even when the text mentions "constructor".
      const bad = await sys.request('POST', '/api/v1/users', '{"constructor": oops}', { 'content-type': 'application/json' });
      assert.equal(bad.json().code, 'http.bad_json');
    });

    test('unknown keys: 400 naming the key, nothing written', async () => {
      const orgs = await countRows(ctx, 'organizations');
      const res = await sys.request('POST', '/api/v1/orgs', { parentId: 1, name: '多余字段部门', kind: 'department', isAdmin: true });
      assert.equal(res.statusCode, 400);
      const p = res.json() as { code: string; errors: { field: string; code: string; message: string }[] };
      assert.equal(p.code, 'http.validation');
      assert.deepEqual(p.errors.map((e) => [e.field, e.code]), [['isAdmin', 'validation.additionalProperties']]);
      assert.match(p.errors[0]!.message, /不允许的字段.*isAdmin/);
      assert.equal(await countRows(ctx, 'organizations'), orgs);
      const q = await sys.request('GET', '/api/v1/users?sneaky=1');
      assert.equal(q.statusCode, 400);
      assert.deepEqual((q.json() as typeof p).errors.map((e) => e.field), ['querystring.sneaky']);
    });

    test('URLs Fastify cannot route (bad percent-encoding, over-long parameter) still get problem+json', async () => {
      const bad = await ctx.app.inject({ method: 'GET', url: '/api/v1/jobs/%E4%B8' });
      assert.equal(bad.statusCode, 400);
      assert.match(String(bad.headers['content-type']), PROBLEM);
      assert.equal(bad.json().code, 'http.bad_request');
      const long = await ctx.app.inject({ method: 'GET', url: `/api/v1/jobs/${'1'.repeat(150)}`, headers: { 'accept-language': 'en' } });
      assert.equal(long.statusCode, 414);
      assert.match(String(long.headers['content-type']), PROBLEM);
      assert.equal(long.json().code, 'http.uri_too_long');
      assert.equal(long.json().detail, 'The request URL is too long');
    });

    test('start-up fails naming a route that has no access rule', async () => {
      const bare = Fastify();
      installAccessControl(bare, ctx.platform);
      bare.get('/api/v1/forgotten', async () => ({ ok: true }));
      bare.get('/api/v1/declared', { config: { access: { kind: 'public' } } }, async () => ({ ok: true }));
      await assert.rejects(async () => { await bare.ready(); }, (err: Error) => {
        assert.match(err.message, /without an access rule/);
        assert.match(err.message, /GET \/api\/v1\/forgotten/);
        assert.ok(!err.message.includes('/api/v1/declared'));
        return true;
      });
      await bare.close().catch(() => undefined);
    });

    test('the real app declares an access rule on every route', () => {
      const routes = ctx.app.jiyueRoutes();
      assert.ok(routes.length > 30);
      assert.deepEqual(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`), []);
    });
  });

  describe(`body limit [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => { ctx = await createTestContext(engine, { config: { bodyLimitBytes: 2048 }, seed: false }); });
    after(async () => { await ctx.close(); });

    test('a body over JIYUE_BODY_LIMIT_BYTES gets 413 problem+json; a smaller one is parsed', async () => {
      const big = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'someone', password: 'x'.repeat(3000) } });
      assert.equal(big.statusCode, 413);
      assert.match(String(big.headers['content-type']), PROBLEM);
      assert.equal(big.json().code, 'http.body_too_large');
      assert.equal(big.json().detail, '请求体过大');
      const small = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'someone', password: 'x'.repeat(1500) } });
      assert.equal(small.statusCode, 400, 'parsed, then refused by the schema (password maxLength 256)');
      assert.equal(small.json().code, 'http.validation');
    });
  });

  describe(`overload [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    before(async () => {
      ctx = await createTestContext(engine, { clock, config: { pressureMaxEventLoopDelayMs: 10, pressureMaxEventLoopUtilization: 0.5 } });
    });
    after(async () => { await ctx.close(); });

    test('a blocked event loop makes the server answer 503 with Retry-After, write nothing, and recover', async () => {
      clock.advance(31_000);
      const sys = await signIn(ctx.app, ctx.accounts.sysadmin!, clock);
      // under-pressure samples once a second: keep the loop blocked until a sample sees it.
      let overloaded: LightMyRequestResponse | undefined;
      let usersBefore = 0;
      for (let i = 0; i < 40 && !overloaded; i++) {
        blockEventLoop(300);
        await new Promise((resolve) => setImmediate(resolve));
        usersBefore = await countRows(ctx, 'users');
        const res = await sys.request('POST', '/api/v1/users', { username: `busy${i}`, displayName: '繁忙', orgId: 1 });
        if (res.statusCode === 503) overloaded = res;
        else assert.equal(res.statusCode, 201, res.body);
      }
      assert.ok(overloaded, 'no 503 after 40 blocked intervals');
      assert.equal(overloaded.headers['retry-after'], '10');
      assert.match(String(overloaded.headers['content-type']), PROBLEM);
      assert.equal(overloaded.json().code, 'http.overloaded');
      assert.equal(overloaded.json().detail, '服务器繁忙，请稍后再试');
      await sleep(50);
      assert.equal(await countRows(ctx, 'users'), usersBefore, 'the refused request wrote nothing');
      // The process survives and serves again once the loop is free.
      let health: LightMyRequestResponse | undefined;
      for (let i = 0; i < 100; i++) {
        await sleep(200);
        health = await ctx.app.inject({ method: 'GET', url: '/healthz' });
        if (health.statusCode === 200) break;
        assert.equal(health.statusCode, 503);
      }
      assert.equal(health?.statusCode, 200, 'the server did not recover within 20 s');
      const metrics = await ctx.app.inject({ method: 'GET', url: '/metrics' });
      assert.match(metrics.body, /jiyue_http_overload_total [1-9]/);
    });
  });

  describe(`overload after an idle spell [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => {
      // Only the utilisation check: the delay check would refuse a blocked loop on its own.
      ctx = await createTestContext(engine, { config: { pressureMaxEventLoopDelayMs: 0, pressureMaxEventLoopUtilization: 0.9 } });
    });
    after(async () => { await ctx.close(); });

    test('a server idle for seconds still answers 503 as soon as its loop is saturated (utilisation per sample, not since start-up)', async () => {
      await sleep(4000);
      let status = 0;
      // Averaged since start-up, four saturated seconds after four idle ones stay near 0.5.
      for (let i = 0; i < 4 && status !== 503; i++) {
        blockEventLoop(1200);
        await new Promise((resolve) => setImmediate(resolve));
        status = (await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode;
      }
      assert.equal(status, 503);
    });
  });
}
