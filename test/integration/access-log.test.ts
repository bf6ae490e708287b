import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../support/platform.js';
import { captureLogs } from '../support/personal-data-leaks.js';

/** One access line per request (platform/http/access-log.ts). SQLite only: nothing here depends on the engine. */
describe('http: the access log', () => {
  const capture = captureLogs();
  let ctx: TestContext;
  before(async () => { ctx = await createTestContext('sqlite', { logger: capture.logger }); });
  after(async () => { await ctx.close(); });

  const lines = () => capture.text().split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

  test('a request writes one line, after its answer: method, URL, status, time', async () => {
    capture.clear();
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz?probe=1' });
    assert.equal(res.statusCode, 200);
    const mine = lines().filter((l) => (l.req as { url?: string } | undefined)?.url === '/healthz?probe=1');
    assert.equal(mine.length, 1, capture.text());
    const [line] = mine as [Record<string, unknown>];
    assert.equal(line.msg, 'request completed');
    assert.equal((line.req as { method: string }).method, 'GET');
    assert.equal((line.res as { statusCode: number }).statusCode, 200);
    assert.equal(typeof line.responseTime, 'number');
    assert.equal(lines().filter((l) => l.msg === 'incoming request').length, 0);
  });

  test('a refusal is logged with its status', async () => {
    capture.clear();
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    assert.equal(res.statusCode, 401);
    const line = lines().find((l) => l.msg === 'request completed');
    assert.equal((line?.res as { statusCode?: number } | undefined)?.statusCode, 401);
  });
});
