import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inTransaction } from '../../src/db/index.js';
import type { JobView } from '../../src/platform/jobs/index.js';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';

async function auditActions(ctx: TestContext, targetId: number): Promise<string[]> {
  const rows = await ctx.platform.db.selectFrom('audit_events').select(['action', 'result', 'actor_name'])
    .where('target_type', '=', 'job').where('target_id', '=', String(targetId)).orderBy('seq').execute();
  return rows.map((r) => `${r.action}:${r.result}:${r.actor_name}`);
}

/** Opens the SSE stream over a real socket; collects `event: job` payloads. */
function openStream(port: number, cookie: string, query = ''): Promise<{ res: http.IncomingMessage; events: unknown[]; raw: string[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/api/v1/jobs/stream${query}`, headers: { cookie } }, (res) => {
      const events: unknown[] = [];
      const raw: string[] = [];
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        raw.push(chunk);
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const lines = frame.split('\n');
          if (lines[0] === 'event: job') events.push(JSON.parse(lines.find((l) => l.startsWith('data: '))?.slice(6) ?? 'null'));
        }
      });
      resolve({ res, events, raw, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

async function until(pred: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

for (const engine of selectedEngines()) {
  describe(`jobs API [${engine}]`, () => {
    let ctx: TestContext;
    let admin: TestSession;
    let auditor: TestSession;
    let editor: TestSession;
    before(async () => {
      ctx = await createTestContext(engine);
      admin = await signIn(ctx.app, ctx.accounts.sysadmin!);
      auditor = await signIn(ctx.app, ctx.accounts.auditor!);
      editor = await signIn(ctx.app, ctx.accounts.editor!);
      ctx.platform.jobs.define('t.fail', async () => { throw new Error('模板渲染失败'); }, { maxAttempts: 1 });
    });
    after(async () => { await ctx.close(); });
    beforeEach(async () => { await ctx.platform.db.deleteFrom('jobs').execute(); });

    const enqueue = (kind: string) => inTransaction(ctx.platform.db, (trx) => ctx.platform.jobs.enqueue(trx, { kind }));

    test('the system admin lists and reads jobs; the auditor and an editor are refused', async () => {
      const id = await enqueue('t.fail');
      const list = await admin.request('GET', '/api/v1/jobs?status=queued&pageSize=5');
      assert.equal(list.statusCode, 200);
      const page = list.json() as { items: JobView[]; total: number };
      assert.equal(page.total, 1);
      assert.equal(page.items[0]?.id, id);
      const one = await admin.request('GET', `/api/v1/jobs/${id}`);
      assert.equal(one.statusCode, 200);
      assert.equal((one.json() as JobView).kind, 't.fail');
      assert.equal((await admin.request('GET', '/api/v1/jobs/999999')).json().code, 'jobs.not_found');
      assert.equal((await admin.request('GET', '/api/v1/jobs?status=bogus')).statusCode, 400);
      for (const who of [auditor, editor]) {
        assert.equal((await who.request('GET', '/api/v1/jobs')).statusCode, 403);
        assert.equal((await who.request('GET', `/api/v1/jobs/${id}`)).statusCode, 403);
        assert.equal((await who.request('GET', '/api/v1/jobs/stream')).statusCode, 403);
        assert.equal((await who.request('GET', '/api/v1/jobs/schedules')).statusCode, 403);
      }
      assert.equal((await ctx.app.inject({ method: 'GET', url: '/api/v1/jobs' })).statusCode, 401);
    });

    test('retrying a failed job requeues it and audits jobs.retry; others are refused', async () => {
      const id = await enqueue('t.fail');
      await ctx.platform.jobs.runDue();
      assert.equal((await editor.request('POST', `/api/v1/jobs/${id}/retry`)).statusCode, 403);
      const res = await admin.request('POST', `/api/v1/jobs/${id}/retry`);
      assert.equal(res.statusCode, 200);
      const job = res.json() as JobView;
      assert.equal(job.status, 'queued');
      assert.equal(job.attempts, 0);
      assert.equal(job.lastError, '模板渲染失败');
      assert.deepEqual(await auditActions(ctx, id), ['jobs.retry:success:sysadmin']);
      const again = await admin.request('POST', `/api/v1/jobs/${id}/retry`);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'jobs.bad_state');
      assert.match(String(again.headers['content-type']), /application\/problem\+json/);
      assert.equal((await admin.request('POST', '/api/v1/jobs/999999/retry')).statusCode, 404);
    });

    test('cancelling a queued job audits jobs.cancel; a finished job cannot be cancelled', async () => {
      const id = await enqueue('t.fail');
      assert.equal((await auditor.request('POST', `/api/v1/jobs/${id}/cancel`)).statusCode, 403);
      const res = await admin.request('POST', `/api/v1/jobs/${id}/cancel`);
      assert.equal(res.statusCode, 200);
      assert.equal((res.json() as JobView).status, 'cancelled');
      assert.deepEqual(await auditActions(ctx, id), ['jobs.cancel:success:sysadmin']);
      assert.equal((await admin.request('POST', `/api/v1/jobs/${id}/cancel`)).statusCode, 409);
    });

    test('the demo job is enqueued, audited, and runs to 100 % step by step', async () => {
      assert.equal((await admin.request('POST', '/api/v1/jobs/demo', { steps: 0 })).statusCode, 400);
      assert.equal((await editor.request('POST', '/api/v1/jobs/demo', { steps: 2 })).statusCode, 403);
      const res = await admin.request('POST', '/api/v1/jobs/demo', { steps: 3, stepMs: 0 });
      assert.equal(res.statusCode, 202);
      const { id } = res.json() as { id: number };
      assert.deepEqual(await auditActions(ctx, id), ['jobs.demo:success:sysadmin']);
      const progress: number[] = [];
      const stop = ctx.platform.events.subscribe(`job:${id}`, (e) => { progress.push((e as { progress: number }).progress); });
      await ctx.platform.jobs.runDue();
      stop();
      const job = (await admin.request('GET', `/api/v1/jobs/${id}`)).json() as JobView;
      assert.equal(job.status, 'succeeded');
      assert.equal(job.progress, 100);
      const sysadmin = await ctx.platform.db.selectFrom('users').select('id').where('username', '=', 'sysadmin').executeTakeFirstOrThrow();
      assert.equal(job.createdBy, sysadmin.id);
      assert.deepEqual(job.result, { steps: 3 });
      assert.equal(progress.at(-1), 100);
      assert.ok(progress.includes(0));
    });

    test('schedules declared by the platform are listed after the first tick', async () => {
      await ctx.platform.jobs.tickSchedules();
      const res = await admin.request('GET', '/api/v1/jobs/schedules');
      assert.equal(res.statusCode, 200);
      const names = (res.json() as { items: { name: string; cron: string }[] }).items.map((s) => s.name);
      assert.ok(names.includes('audit.checkpoint'), names.join(','));
    });
  });

  describe(`jobs live stream (SSE) [${engine}]`, () => {
    test('streams job events, stops delivering when the client leaves, and does not hold up shutdown', async () => {
      const ctx = await createTestContext(engine);
      try {
        const admin = await signIn(ctx.app, ctx.accounts.sysadmin!);
        await ctx.app.listen({ port: 0, host: '127.0.0.1' });
        const { port } = ctx.app.server.address() as AddressInfo;
        const all = await openStream(port, admin.cookie);
        assert.equal(all.res.statusCode, 200);
        assert.match(String(all.res.headers['content-type']), /^text\/event-stream/);
        assert.match(String(all.res.headers['cache-control']), /no-cache/);
        assert.equal(all.res.headers['x-accel-buffering'], 'no');
        assert.ok(all.res.headers['content-security-policy'], 'security headers survive the hijack');

        const res = await admin.request('POST', '/api/v1/jobs/demo', { steps: 2, stepMs: 0 });
        const { id } = res.json() as { id: number };
        const other = await inTransaction(ctx.platform.db, (trx) => ctx.platform.jobs.enqueue(trx, { kind: 'platform.demo_progress', payload: { steps: 1, stepMs: 0 } }));
        const one = await openStream(port, admin.cookie, `?id=${id}`);
        await until(() => one.raw.join('').includes(': connected'));
        await ctx.platform.jobs.runDue();
        await until(() => all.events.some((e) => (e as { id: number; status: string }).id === other && (e as { status: string }).status === 'succeeded'));
        await until(() => one.events.some((e) => (e as { status: string }).status === 'succeeded'));
        assert.deepEqual(all.events.find((e) => (e as { id: number }).id === id), { id, kind: 'platform.demo_progress', status: 'running', progress: 0, message: '' });
        assert.ok(one.events.every((e) => (e as { id: number }).id === id), 'the per-job stream carries only that job');

        const emitter = (ctx.platform.events as unknown as { emitter?: { listenerCount(c: string): number } }).emitter;
        const before = emitter?.listenerCount(`job:${id}`);
        one.close();
        if (emitter) await until(() => emitter.listenerCount(`job:${id}`) === (before ?? 1) - 1);

        const ended = new Promise<void>((resolve) => { all.res.on('close', () => resolve()); });
        const t = Date.now();
        await ctx.app.close();
        await ended;
        assert.ok(Date.now() - t < 3000, 'an open stream does not keep the server from closing');
      } finally {
        await ctx.close(); // closing the app a second time is harmless
      }
    });
  });
}
