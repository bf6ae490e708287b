import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { inTransaction, type Db } from '../../src/db/index.js';
import { AppError } from '../../src/platform/http/error-registry.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import type { JobService } from '../../src/platform/jobs/index.js';
import { selectedEngines } from '../support/engines.js';
import { nextEvent, openJobsFixture, recordEvents, T0, type JobsFixture } from './jobs-fixtures.js';

const actor = systemActor('test');

async function jobRow(db: Db, id: number) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function enqueue(jobs: JobService, db: Db, kind: string, payload: unknown = {}, extra: { maxAttempts?: number; runAt?: number } = {}): Promise<number> {
  return inTransaction(db, (trx) => jobs.enqueue(trx, { kind, payload, ...extra }));
}

for (const engine of selectedEngines()) {
  describe(`job queue [${engine}]`, () => {
    let fx: JobsFixture;
    before(async () => { fx = await openJobsFixture(engine); });
    after(async () => { await fx.close(); });
    beforeEach(async () => { await fx.reset(); });

    test('a job enqueued in a rolled-back transaction leaves no job; a committed one is queued', async () => {
      const jobs = fx.service();
      await assert.rejects(inTransaction(fx.dbh.db, async (trx) => {
        await jobs.enqueue(trx, { kind: 't.echo', payload: { n: 1 } });
        throw new Error('the change failed');
      }), /the change failed/);
      assert.equal((await fx.dbh.db.selectFrom('jobs').selectAll().execute()).length, 0);

      const id = await enqueue(jobs, fx.dbh.db, 't.echo', { n: 2 });
      const row = await jobRow(fx.dbh.db, id);
      assert.equal(row.status, 'queued');
      assert.equal(row.run_at, T0);
      assert.equal(row.attempts, 0);
      assert.equal(row.max_attempts, 5);
      assert.deepEqual(JSON.parse(row.payload), { n: 2 });
    });

    test('unlessQueued: a queued job of the same kind and payload answers; a different payload, or one no longer queued, does not', async () => {
      const jobs = fx.service();
      const once = (payload: unknown) => inTransaction(fx.dbh.db, (trx) => jobs.enqueue(trx, { kind: 't.echo', payload, unlessQueued: true }));
      const first = await once({ site: 'a' });
      assert.equal(await once({ site: 'a' }), first);
      const other = await once({ site: 'b' });
      assert.notEqual(other, first);
      await fx.dbh.db.updateTable('jobs').set({ status: 'running' }).where('id', '=', first).execute();
      const again = await once({ site: 'a' });
      assert.ok(again !== first && again !== other, 'a job under way does not answer for a new one');
      assert.equal((await fx.dbh.db.selectFrom('jobs').select('id').execute()).length, 3);
    });

    test('unlessQueued: two transactions enqueueing the same job at once leave one job (the second waits for the first to commit)', async () => {
      const jobs = fx.service();
      let entered!: () => void;
      const firstEnqueued = new Promise<void>((resolve) => { entered = resolve; });
      const first = inTransaction(fx.dbh.db, async (trx) => {
        const id = await jobs.enqueue(trx, { kind: 't.echo', payload: { site: 'c' }, unlessQueued: true });
        entered();
        // Still uncommitted while the second transaction looks for a queued job.
        await new Promise((resolve) => setTimeout(resolve, 150));
        return id;
      });
      await firstEnqueued;
      const second = inTransaction(fx.dbh.db, (trx) => jobs.enqueue(trx, { kind: 't.echo', payload: { site: 'c' }, unlessQueued: true }));
      const [a, b] = await Promise.all([first, second]);
      assert.equal(b, a);
      assert.equal((await fx.dbh.db.selectFrom('jobs').select('id').where('kind', '=', 't.echo').execute()).length, 1);
    });

    test('a due job runs once and records its result; a future job waits for its time', async () => {
      const jobs = fx.service();
      const seen: unknown[] = [];
      jobs.define<{ x: string }>('t.echo', async (ctx) => {
        seen.push(ctx.payload);
        return { echo: ctx.payload.x, attempt: ctx.attempt };
      });
      const now = await enqueue(jobs, fx.dbh.db, 't.echo', { x: '你好' });
      const later = await enqueue(jobs, fx.dbh.db, 't.echo', { x: 'later' }, { runAt: T0 + 60_000 });

      const r1 = await jobs.runDue();
      assert.equal(r1.claimed, 1);
      assert.equal(r1.succeeded, 1);
      const row = await jobRow(fx.dbh.db, now);
      assert.equal(row.status, 'succeeded');
      assert.deepEqual(JSON.parse(row.result ?? 'null'), { echo: '你好', attempt: 1 });
      assert.equal(row.progress, 100);
      assert.equal(row.attempts, 1);
      assert.equal(row.started_at, T0);
      assert.equal(row.finished_at, T0);
      assert.equal(row.locked_by, null);
      assert.equal((await jobs.runDue()).claimed, 0, 'a finished job never runs again');
      assert.equal((await jobRow(fx.dbh.db, later)).status, 'queued');

      fx.clock.advance(60_000);
      assert.equal((await jobs.runDue()).succeeded, 1);
      assert.deepEqual(seen, [{ x: '你好' }, { x: 'later' }]);
      const view = await jobs.get(fx.dbh.db, later);
      assert.equal(view.status, 'succeeded');
      assert.deepEqual(view.result, { echo: 'later', attempt: 1 });
    });

    test('a worker claims only kinds it has handlers for', async () => {
      const jobs = fx.service();
      jobs.define('t.known', async () => 'ok');
      const unknown = await enqueue(jobs, fx.dbh.db, 't.other');
      assert.equal((await jobs.runDue()).claimed, 0);
      assert.equal((await jobRow(fx.dbh.db, unknown)).status, 'queued');
    });

    test('progress is stored and published on `jobs` and `job:<id>`, with status changes', async () => {
      const jobs = fx.service();
      let midRun: { progress: number; progress_message: string } | undefined;
      jobs.define('t.progress', async (ctx) => {
        await ctx.progress(40, '已处理 4/10 个页面');
        const r = await jobRow(fx.dbh.db, ctx.jobId);
        midRun = { progress: r.progress, progress_message: r.progress_message };
        return null;
      });
      const all = recordEvents(fx.events);
      const id = await enqueue(jobs, fx.dbh.db, 't.progress');
      const mine = recordEvents(fx.events, `job:${id}`);
      await jobs.runDue();
      all.stop();
      mine.stop();
      assert.deepEqual(midRun, { progress: 40, progress_message: '已处理 4/10 个页面' });
      const expected = [
        { id, kind: 't.progress', status: 'running', progress: 0, message: '' },
        { id, kind: 't.progress', status: 'running', progress: 40, message: '已处理 4/10 个页面' },
        { id, kind: 't.progress', status: 'succeeded', progress: 100, message: '已处理 4/10 个页面' },
      ];
      assert.deepEqual(all.list, expected);
      assert.deepEqual(mine.list, expected);
    });

    test('progress writes are throttled: the latest value lands after the interval, 100 at once', async () => {
      const jobs = fx.service();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => { release = resolve; });
      jobs.define('t.chatty', async (ctx) => {
        for (const p of [10, 20, 30]) await ctx.progress(p, `p${p}`);
        await gate;
        await ctx.progress(100, 'done');
        return null;
      });
      const events = recordEvents(fx.events);
      const id = await enqueue(jobs, fx.dbh.db, 't.chatty');
      const run = jobs.runDue();
      await delay(450);
      const row = await jobRow(fx.dbh.db, id);
      assert.equal(row.progress, 30, 'the value held back is written when the interval ends');
      release();
      await run;
      events.stop();
      assert.deepEqual(events.list.filter((e) => e.status === 'running').map((e) => e.progress), [0, 10, 30, 100]);
    });

    test('a failing job is retried with exponential backoff, then fails for good with its error', async () => {
      const jobs = fx.service();
      let calls = 0;
      jobs.define('t.flaky', async () => {
        calls += 1;
        throw new Error('下游服务不可用 / upstream unavailable');
      }, { maxAttempts: 3 });
      const id = await enqueue(jobs, fx.dbh.db, 't.flaky');

      assert.equal((await jobs.runDue()).retrying, 1);
      let row = await jobRow(fx.dbh.db, id);
      assert.equal(row.status, 'queued');
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, '下游服务不可用 / upstream unavailable');
      assert.equal(row.run_at, T0 + 2000, 'first retry after 2^1 s');
      assert.equal((await jobs.runDue()).claimed, 0, 'not before its retry time');

      fx.clock.advance(1999);
      assert.equal((await jobs.runDue()).claimed, 0);
      fx.clock.advance(1);
      assert.equal((await jobs.runDue()).retrying, 1);
      row = await jobRow(fx.dbh.db, id);
      assert.equal(row.attempts, 2);
      assert.equal(row.run_at, fx.clock.now() + 4000, 'second retry after 2^2 s');

      fx.clock.advance(4000);
      const last = await jobs.runDue();
      assert.equal(last.failed, 1);
      row = await jobRow(fx.dbh.db, id);
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, 3);
      assert.equal(row.last_error, '下游服务不可用 / upstream unavailable');
      assert.equal(row.finished_at, fx.clock.now());
      assert.equal(row.locked_by, null);
      assert.equal(calls, 3);
      fx.clock.advance(3_600_000);
      assert.equal((await jobs.runDue()).claimed, 0, 'a failed job stays failed');
    });

    test('a job that fails once and then succeeds ends succeeded; long errors are cut to 2000 characters', async () => {
      const jobs = fx.service({ random: () => 0 });
      let calls = 0;
      jobs.define('t.once', async () => {
        calls += 1;
        if (calls === 1) throw new Error('x'.repeat(5000));
        return 'ok';
      });
      const id = await enqueue(jobs, fx.dbh.db, 't.once');
      await jobs.runDue();
      const failedOnce = await jobRow(fx.dbh.db, id);
      assert.equal(failedOnce.last_error?.length, 2000);
      assert.equal(failedOnce.run_at, T0 + 1000, 'jitter lies in the upper half of 2^attempt s');
      fx.clock.advance(1000);
      assert.equal((await jobs.runDue()).succeeded, 1);
      const row = await jobRow(fx.dbh.db, id);
      assert.equal(row.status, 'succeeded');
      assert.equal(row.attempts, 2);
    });

    test('a crashed worker\'s expired lease is reclaimed and the job runs again', async () => {
      const jobs = fx.service();
      let ran = 0;
      jobs.define('t.lease', async () => { ran += 1; return 'done'; }, { timeoutMs: 1000 });
      const id = await enqueue(jobs, fx.dbh.db, 't.lease');
      // Another worker claims it and dies without a word.
      const claimed = await fx.dbh.ops.claimJobs(fx.dbh.db, {
        workerId: 'dead-worker', now: T0, lockedUntil: T0 + 31_000, limit: 10, kinds: ['t.lease'],
      });
      assert.deepEqual(claimed.map((r) => r.id), [id]);
      assert.equal((await jobRow(fx.dbh.db, id)).locked_by, 'dead-worker');

      fx.clock.advance(30_000);
      assert.equal((await jobs.runDue()).claimed, 0, 'the lease still holds');
      fx.clock.advance(1_001);
      const report = await jobs.runDue();
      assert.equal(report.reclaimed, 1);
      assert.equal(report.succeeded, 1);
      const row = await jobRow(fx.dbh.db, id);
      assert.equal(row.status, 'succeeded');
      assert.equal(row.attempts, 2, 'the lost run counts as an attempt');
      assert.equal(ran, 1);
    });

    test('an expired lease on the last attempt fails the job with a clear error', async () => {
      const jobs = fx.service();
      jobs.define('t.lease', async () => 'never', { timeoutMs: 1000 });
      const id = await enqueue(jobs, fx.dbh.db, 't.lease', {}, { maxAttempts: 1 });
      await fx.dbh.ops.claimJobs(fx.dbh.db, { workerId: 'dead-worker', now: T0, lockedUntil: T0 + 5000, limit: 1, kinds: ['t.lease'] });
      fx.clock.advance(5001);
      const report = await jobs.runDue();
      assert.equal(report.reclaimed, 1);
      assert.equal(report.claimed, 0);
      const row = await jobRow(fx.dbh.db, id);
      assert.equal(row.status, 'failed');
      assert.match(row.last_error ?? '', /lease expired/);
      assert.equal(row.finished_at, fx.clock.now());
    });

    test('an attempt running past its timeout is aborted and counted as failed', async () => {
      const jobs = fx.service();
      let aborted = false;
      jobs.define('t.slow', async (ctx) => {
        ctx.signal.addEventListener('abort', () => { aborted = true; });
        await delay(10_000, undefined, { signal: ctx.signal });
      }, { timeoutMs: 50, maxAttempts: 1 });
      const id = await enqueue(jobs, fx.dbh.db, 't.slow');
      const started = Date.now();
      assert.equal((await jobs.runDue()).failed, 1);
      assert.ok(Date.now() - started < 2000);
      assert.equal(aborted, true);
      assert.match((await jobRow(fx.dbh.db, id)).last_error ?? '', /timed out after 50 ms/);
    });

    test('cancel takes a queued job out of the queue; retry sends a failed one back with fresh attempts', async () => {
      const jobs = fx.service();
      jobs.define('t.fail', async () => { throw new Error('boom'); }, { maxAttempts: 1 });
      const queued = await enqueue(jobs, fx.dbh.db, 't.fail');
      const cancelled = await jobs.cancel(fx.dbh.db, actor, queued);
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.finishedAt, T0);
      assert.equal((await jobs.runDue()).claimed, 0);
      await assert.rejects(jobs.cancel(fx.dbh.db, actor, queued), (e: unknown) => e instanceof AppError && e.code === 'jobs.bad_state');

      const failing = await enqueue(jobs, fx.dbh.db, 't.fail');
      await jobs.runDue();
      assert.equal((await jobRow(fx.dbh.db, failing)).status, 'failed');
      await assert.rejects(jobs.cancel(fx.dbh.db, actor, failing), (e: unknown) => e instanceof AppError && e.code === 'jobs.bad_state');
      const retried = await jobs.retry(fx.dbh.db, actor, failing);
      assert.equal(retried.status, 'queued');
      assert.equal(retried.attempts, 0);
      assert.equal(retried.lastError, 'boom', 'the last error stays visible until the next run');
      await assert.rejects(jobs.retry(fx.dbh.db, actor, failing), (e: unknown) => e instanceof AppError && e.code === 'jobs.bad_state');
      assert.equal((await jobs.runDue()).failed, 1, 'it ran once more');
      await assert.rejects(jobs.get(fx.dbh.db, 999_999), (e: unknown) => e instanceof AppError && e.code === 'jobs.not_found');
      await assert.rejects(jobs.retry(fx.dbh.db, actor, 999_999), (e: unknown) => e instanceof AppError && e.code === 'jobs.not_found');
    });

    test('list filters by status and kind, newest first, with a total', async () => {
      const jobs = fx.service();
      const a1 = await enqueue(jobs, fx.dbh.db, 't.a');
      const a2 = await enqueue(jobs, fx.dbh.db, 't.a');
      const b1 = await enqueue(jobs, fx.dbh.db, 't.b');
      await jobs.cancel(fx.dbh.db, actor, a1);
      const byKind = await jobs.list(fx.dbh.db, { kind: 't.a', page: 1, pageSize: 1 });
      assert.equal(byKind.total, 2);
      assert.deepEqual(byKind.items.map((j) => j.id), [a2]);
      const queued = await jobs.list(fx.dbh.db, { status: 'queued', page: 1, pageSize: 10 });
      assert.deepEqual(queued.items.map((j) => j.id), [b1, a2]);
      assert.equal(queued.total, 2);
    });

    test('start() runs jobs in the background soon after the enqueuing transaction commits', async () => {
      const jobs = fx.service({ pollMs: 5000 });
      jobs.define('t.bg', async () => 'bg');
      await jobs.runDue(); // nothing due: the loop's first look happens at start
      jobs.start();
      await delay(50);
      const done = nextEvent(fx.events, (e) => e.status === 'succeeded', 2000);
      const id = await enqueue(jobs, fx.dbh.db, 't.bg');
      const e = await done;
      assert.equal(e.id, id, 'woken by the enqueue, long before the 5 s poll');
      await jobs.stop();
    });

    test('stop() lets a running job finish within the grace period, else aborts it and requeues it uncounted', async () => {
      const jobs = fx.service({ pollMs: 20 });
      jobs.define('t.hang', (ctx) => new Promise((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error));
      }));
      jobs.define('t.quick', async () => { await delay(100); return 'finished'; });
      jobs.start();
      const hang = await enqueue(jobs, fx.dbh.db, 't.hang');
      const quick = await enqueue(jobs, fx.dbh.db, 't.quick');
      await nextEvent(fx.events, (e) => e.id === quick && e.status === 'running');
      await jobs.stop({ graceMs: 300 });
      assert.equal((await jobRow(fx.dbh.db, quick)).status, 'succeeded');
      const row = await jobRow(fx.dbh.db, hang);
      assert.equal(row.status, 'queued');
      assert.equal(row.attempts, 0);
      assert.equal(row.locked_by, null);
    });
  });
}
