/**
 * The overload gate (platform/http/overload-gate.ts) on a real socket: while the check says
 * overloaded, every request is refused in front of Fastify with the platform's problem+json 503
 * (zh-CN or en, Retry-After, security headers) and no route runs; otherwise Fastify answers.
 * Then the whole application: a blocked event loop makes its own server refuse through the gate.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { createOverloadGate } from '../../src/platform/http/overload-gate.js';
import { platformSecurityHeaders } from '../../src/platform/http/security-headers.js';
import { selectedEngines } from '../support/engines.js';
import { blockEventLoop } from '../support/event-loop.js';
import { createTestContext, type TestContext } from '../support/platform.js';


describe('overload gate', () => {
  let app: FastifyInstance;
  let base: string;
  let overloaded = false;
  let routeRuns = 0;
  let refusals = 0;

  before(async () => {
    const gate = createOverloadGate({ securityHeaders: platformSecurityHeaders(), defaultLocale: 'zh-CN' });
    app = Fastify({ serverFactory: gate.serverFactory, keepAliveTimeout: 4_321 });
    app.post('/work', async () => { routeRuns += 1; return { done: true }; });
    gate.watch(() => overloaded, () => { refusals += 1; });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => { await app.close(); });

  test('answers through Fastify while not overloaded, with Fastify\'s server options', async () => {
    const res = await fetch(`${base}/work`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { done: true });
    assert.equal(routeRuns, 1);
    assert.equal(app.server.keepAliveTimeout, 4_321);
  });

  test('refuses every request in front of Fastify while overloaded: 503 problem+json, Retry-After, security headers, no route run', async () => {
    overloaded = true;
    const res = await fetch(`${base}/work`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"big":"x"}' });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '10');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    for (const [name, value] of Object.entries(platformSecurityHeaders())) assert.equal(res.headers.get(name), value, name);
    const problem = await res.json() as { code: string; status: number; detail: string };
    assert.deepEqual([problem.code, problem.status, problem.detail], ['http.overloaded', 503, '服务器繁忙，请稍后再试']);
    const en = await fetch(`${base}/nowhere`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    assert.equal(en.status, 503);
    assert.equal((await en.json() as { detail: string }).detail, 'The server is busy; please retry later');
    assert.equal(routeRuns, 1, 'the route never ran');
    assert.equal(refusals, 2);
    overloaded = false;
    const again = await fetch(`${base}/work`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(again.status, 200, 'served again once the check clears');
  });
});

/** A POST with `Expect: 100-continue`: whether the server asked for the body, and its answer. */
function expectContinue(base: string, overloadedGate: boolean): Promise<{ status: number; continued: boolean; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ upload: 'x'.repeat(1_000) });
    const req = http.request(`${base}/work`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), expect: '100-continue' } });
    let continued = false;
    req.on('continue', () => { continued = true; req.end(body); });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, continued, connection: res.headers.connection }));
      // Refused before the body was asked for: nothing more to send.
      if (!continued) req.destroy();
    });
    req.on('error', (err) => (overloadedGate ? undefined : reject(err)));
    req.flushHeaders();
  });
}

describe('overload gate: requests with a body', () => {
  let app: FastifyInstance;
  let base: string;
  let overloaded = false;
  before(async () => {
    const gate = createOverloadGate({ securityHeaders: platformSecurityHeaders(), defaultLocale: 'zh-CN' });
    app = Fastify({ serverFactory: gate.serverFactory });
    app.post('/work', async () => ({ done: true }));
    gate.watch(() => overloaded, () => undefined);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => { await app.close(); });

  test('a refused request with a body closes the connection instead of reading the body through', async () => {
    overloaded = true;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request(`${base}/work`, { method: 'POST', headers: { 'content-type': 'application/json' } }, resolve);
      req.on('error', reject);
      req.end(JSON.stringify({ upload: 'x'.repeat(10_000) }));
    });
    res.resume();
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers.connection, 'close');
    overloaded = false;
  });

  test('Expect: 100-continue is refused before the body is asked for, and continued otherwise', async () => {
    overloaded = true;
    const refused = await expectContinue(base, true);
    assert.deepEqual([refused.status, refused.continued, refused.connection], [503, false, 'close']);
    overloaded = false;
    const served = await expectContinue(base, false);
    assert.deepEqual([served.status, served.continued], [200, true]);
  });
});

const [engine = 'sqlite'] = selectedEngines();
describe(`overload gate in the application [${engine}]`, () => {
  let ctx: TestContext;
  let base: string;
  before(async () => {
    ctx = await createTestContext(engine, { config: { pressureMaxEventLoopDelayMs: 10, pressureMaxEventLoopUtilization: 0.5 } });
    base = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => { await ctx.close(); });

  test('a blocked event loop makes the listening server refuse at the gate, and the refusals are counted', async () => {
    // A malformed path: Fastify answers it 400 before any hook (the under-pressure plugin's
    // included), so a 503 for it comes from the gate.
    let refused: Response | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      blockEventLoop(300);
      const res = await fetch(`${base}/%E0%A4%A`);
      if (res.status === 503) refused = res;
      else assert.equal((await res.arrayBuffer(), res.status), 400);
    }
    assert.ok(refused, 'no 503 after 40 blocked intervals');
    assert.equal((await refused.json() as { code: string }).code, 'http.overloaded');
    let metrics = '';
    for (let i = 0; i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const res = await ctx.app.inject({ method: 'GET', url: '/metrics' });
      if (res.statusCode === 200) { metrics = res.body; break; }
    }
    assert.match(metrics, /jiyue_http_overload_total [1-9]/);
  });
});
