import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { inTransaction, openDatabase, type DatabaseHandle } from '../../src/db/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { LocalEventBus } from '../../src/platform/events/event-bus.js';
import { createJobService, type JobService } from '../../src/platform/jobs/index.js';
import { createTestDatabase, selectedEngines, type TestDatabase } from '../support/engines.js';

const JOBS = 200;

// Scale-out only exists on PostgreSQL: several `jiyue worker` processes on one database.
if (selectedEngines().includes('postgres')) {
  describe('two workers on PostgreSQL [postgres]', () => {
    let tdb: TestDatabase;
    const handles: DatabaseHandle[] = [];
    before(async () => {
      tdb = await createTestDatabase('postgres');
      for (let i = 0; i < 2; i += 1) handles.push(openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir, poolSize: 6 }));
      await handles[0]?.migrate();
    });
    after(async () => {
      for (const h of handles) await h.close();
      await tdb.drop();
    });

    test(`two workers draining ${JOBS} jobs at once run every job exactly once`, async () => {
      const ran: { id: number; worker: string }[] = [];
      const workers: JobService[] = handles.map((h, i) => {
        const jobs = createJobService({
          db: h.db, ops: h.ops, clock: systemClock, events: new LocalEventBus(), workerId: `worker-${i}`,
          pollMs: 50, concurrency: 8, logger: { error: () => undefined },
        });
        jobs.define<{ n: number }>('t.count', async (ctx) => {
          ran.push({ id: ctx.jobId, worker: jobs.workerId });
          await delay(ctx.payload.n % 3);
          return ctx.payload.n;
        });
        return jobs;
      });
      const first = handles[0];
      assert.ok(first);
      const ids = await inTransaction(first.db, async (trx) => {
        const out: number[] = [];
        for (let n = 0; n < JOBS; n += 1) out.push(await workers[0]!.enqueue(trx, { kind: 't.count', payload: { n } }));
        return out;
      });

      const reports = await Promise.all(workers.map((w) => w.runDue()));

      const ranIds = ran.map((r) => r.id).sort((a, b) => a - b);
      assert.equal(ranIds.length, JOBS, 'no job ran twice');
      assert.deepEqual(ranIds, [...ids].sort((a, b) => a - b), 'no job was missed');
      const perWorker = ['worker-0', 'worker-1'].map((w) => ran.filter((r) => r.worker === w).length);
      assert.ok(perWorker.every((n) => n > 0), `both workers took part: ${perWorker.join(' + ')}`);
      assert.equal(reports.reduce((s, r) => s + r.succeeded, 0), JOBS);
      const rows = await first.db.selectFrom('jobs').select(['status', 'attempts', 'locked_by']).execute();
      assert.ok(rows.every((r) => r.status === 'succeeded' && r.attempts === 1 && r.locked_by === null));
    });
  });
}
