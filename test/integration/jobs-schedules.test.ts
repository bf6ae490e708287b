import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatabaseHandle } from '../../src/db/index.js';
import { AppError } from '../../src/platform/http/error-registry.js';
import { selectedEngines } from '../support/engines.js';
import { MINUTE, openJobsFixture, T0, type JobsFixture } from './jobs-fixtures.js';

const isBadCron = (e: unknown): boolean => e instanceof AppError && e.code === 'jobs.bad_cron';

for (const engine of selectedEngines()) {
  describe(`job schedules [${engine}]`, () => {
    let fx: JobsFixture;
    let other: DatabaseHandle;
    before(async () => {
      fx = await openJobsFixture(engine);
      // Another process: its own pool on PostgreSQL. better-sqlite3 is synchronous, so a second
      // SQLite connection in the same thread would wait on the first one's lock while blocking it;
      // there the second "process" shares the handle (Kysely serialises its transactions).
      other = engine === 'postgres' ? fx.openSecondHandle() : fx.dbh;
    });
    after(async () => { await fx.close(); });
    beforeEach(async () => { await fx.reset(); });

    const scheduledJobs = () => fx.dbh.db.selectFrom('jobs').selectAll().where('schedule_name', 'is not', null).orderBy('id').execute();

    test('an invalid cron expression is refused', async () => {
      const jobs = fx.service();
      for (const cron of ['*/5 * * *', '* * * * * *', '61 * * * *', 'hello', '', '0 9 * * * extra']) {
        await assert.rejects(jobs.schedule({ name: 'bad', cron, kind: 't.x' }), isBadCron, cron);
        assert.throws(() => jobs.declareSchedule({ name: 'bad', cron, kind: 't.x' }), isBadCron, cron);
      }
      assert.deepEqual(await jobs.listSchedules(fx.dbh.db), []);
    });

    test('the next run follows the cron expression in Asia/Shanghai time', async () => {
      const jobs = fx.service();
      // T0 is 10:00 in Shanghai: the next 09:00 is tomorrow, 01:00 UTC.
      const s = await jobs.schedule({ name: 'morning', cron: '0 9 * * *', kind: 't.x', payload: { a: 1 } });
      assert.equal(s.nextRunAt, Date.UTC(2026, 10, 27, 1, 0, 0));
      assert.equal(s.enabled, true);
      assert.deepEqual(s.payload, { a: 1 });
      const daily = await jobs.schedule({ name: 'daily', cron: '@daily', kind: 't.x' });
      assert.equal(daily.nextRunAt, Date.UTC(2026, 10, 26, 16, 0, 0), 'midnight in Shanghai');
    });

    test('*/5 enqueues exactly one job per due occurrence, even when two processes tick at once', async () => {
      const a = fx.service({ workerId: 'a' });
      const b = fx.service({ workerId: 'b', db: other.db, ops: other.ops });
      await a.schedule({ name: 'every5', cron: '*/5 * * * *', kind: 't.tick', payload: { from: 'schedule' } });
      assert.deepEqual(await Promise.all([a.tickSchedules(), b.tickSchedules()]), [0, 0], 'not due yet');

      fx.clock.advance(5 * MINUTE);
      const counts = await Promise.all([a.tickSchedules(), b.tickSchedules(), a.tickSchedules(), b.tickSchedules()]);
      assert.equal(counts.reduce((x, y) => x + y, 0), 1);
      let jobs = await scheduledJobs();
      assert.equal(jobs.length, 1);
      assert.equal(jobs[0]?.kind, 't.tick');
      assert.equal(jobs[0]?.schedule_name, 'every5');
      assert.equal(jobs[0]?.run_at, T0 + 5 * MINUTE);
      assert.deepEqual(JSON.parse(jobs[0]?.payload ?? ''), { from: 'schedule' });
      const [s] = await a.listSchedules(fx.dbh.db);
      assert.equal(s?.nextRunAt, T0 + 10 * MINUTE);
      assert.equal(s?.lastRunAt, T0 + 5 * MINUTE);

      fx.clock.advance(4 * MINUTE);
      assert.equal(await a.tickSchedules(), 0);
      fx.clock.advance(MINUTE);
      assert.deepEqual((await Promise.all([b.tickSchedules(), a.tickSchedules()])).sort(), [0, 1]);
      assert.equal((await scheduledJobs()).length, 2);

      // Down for 12 minutes: the missed occurrences are coalesced into one run.
      fx.clock.advance(12 * MINUTE);
      assert.equal(await a.tickSchedules(), 1);
      jobs = await scheduledJobs();
      assert.equal(jobs.length, 3);
      assert.equal((await a.listSchedules(fx.dbh.db))[0]?.nextRunAt, T0 + 25 * MINUTE);
    });

    test('scheduled jobs run like any other job', async () => {
      const jobs = fx.service();
      const seen: unknown[] = [];
      jobs.define('t.tick', async (ctx) => { seen.push(ctx.payload); return null; });
      await jobs.schedule({ name: 'every5', cron: '*/5 * * * *', kind: 't.tick', payload: { n: 7 } });
      fx.clock.advance(5 * MINUTE);
      await jobs.tickSchedules();
      assert.equal((await jobs.runDue()).succeeded, 1);
      assert.deepEqual(seen, [{ n: 7 }]);
    });

    test('re-declaring an unchanged schedule keeps its due run; a new cron is recomputed', async () => {
      const jobs = fx.service();
      await jobs.schedule({ name: 'every5', cron: '*/5 * * * *', kind: 't.tick' });
      fx.clock.advance(6 * MINUTE); // due since T0+5min, not ticked yet (say the process restarted)
      const same = await jobs.schedule({ name: 'every5', cron: '*/5  *  * * *', kind: 't.tick', payload: { v: 2 } });
      assert.equal(same.nextRunAt, T0 + 5 * MINUTE, 'a restart does not skip the due run');
      assert.deepEqual(same.payload, { v: 2 });
      assert.equal(await jobs.tickSchedules(), 1);
      const changed = await jobs.schedule({ name: 'every5', cron: '0 * * * *', kind: 't.tick' });
      assert.equal(changed.nextRunAt, T0 + 60 * MINUTE);
    });

    test('a declared schedule is written by the first tick; a disabled schedule never fires', async () => {
      const jobs = fx.service();
      jobs.declareSchedule({ name: 'hourly', cron: '0 * * * *', kind: 't.tick' });
      assert.deepEqual(await jobs.listSchedules(fx.dbh.db), []);
      assert.equal(await jobs.tickSchedules(), 0);
      const [s] = await jobs.listSchedules(fx.dbh.db);
      assert.equal(s?.name, 'hourly');
      assert.equal(s?.nextRunAt, T0 + 60 * MINUTE);

      await fx.dbh.db.updateTable('job_schedules').set({ enabled: 0 }).where('name', '=', 'hourly').execute();
      fx.clock.advance(3 * 60 * MINUTE);
      assert.equal(await jobs.tickSchedules(), 0);
      jobs.declareSchedule({ name: 'hourly', cron: '0 * * * *', kind: 't.tick' });
      await jobs.tickSchedules();
      assert.equal((await jobs.listSchedules(fx.dbh.db))[0]?.enabled, false, 're-declaring keeps an operator\'s choice');
      assert.equal((await scheduledJobs()).length, 0);
    });
  });
}
