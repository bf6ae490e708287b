import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { inTransaction, openDatabase, type DatabaseHandle } from '../../src/db/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { LocalEventBus } from '../../src/platform/events/event-bus.js';
import { createJobService } from '../../src/platform/jobs/index.js';
import { workerCommand } from '../../src/cli/worker-command.js';
import type { Config } from '../../src/config/index.js';
import { createTestDatabase, selectedEngines, type TestDatabase } from '../support/engines.js';
import { testConfig } from '../support/platform.js';

/** Enqueues demo jobs through a short-lived handle, as the admin process would. */
async function enqueueDemo(tdb: TestDatabase, count: number): Promise<number[]> {
  const dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
  try {
    await dbh.migrate();
    const jobs = createJobService({ db: dbh.db, ops: dbh.ops, clock: systemClock, events: new LocalEventBus(), pollMs: 1000, concurrency: 1 });
    const ids: number[] = [];
    for (let i = 0; i < count; i += 1) {
      ids.push(await inTransaction(dbh.db, (trx) => jobs.enqueue(trx, { kind: 'platform.demo_progress', payload: { steps: 2, stepMs: 0 } })));
    }
    return ids;
  } finally {
    await dbh.close();
  }
}

async function statuses(dbh: DatabaseHandle, ids: number[]): Promise<string[]> {
  const rows = await dbh.db.selectFrom('jobs').select(['id', 'status']).where('id', 'in', ids).orderBy('id').execute();
  return rows.map((r) => r.status);
}

for (const engine of selectedEngines()) {
  describe(`jiyue worker [${engine}]`, () => {
    let tdb: TestDatabase;
    let config: Config;
    before(async () => {
      tdb = await createTestDatabase(engine);
      config = testConfig(tdb, { jobsPollMs: 50 });
    });
    after(async () => { await tdb.drop(); });

    test('--once runs the due jobs and the due schedules, then exits 0', async () => {
      const ids = await enqueueDemo(tdb, 2);
      const lines: string[] = [];
      assert.equal(await workerCommand(config, ['--once'], { out: (l) => lines.push(l) }), 0);
      assert.match(lines.join('\n'), /jobs run 2: succeeded 2/);
      const dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
      try {
        assert.deepEqual(await statuses(dbh, ids), ['succeeded', 'succeeded']);
        const schedules = await dbh.db.selectFrom('job_schedules').select('name').execute();
        assert.ok(schedules.some((s) => s.name === 'audit.checkpoint'), 'the platform schedules were written');
      } finally {
        await dbh.close();
      }
    });

    test('without --once it keeps working until told to stop, then exits 0', async () => {
      const ids = await enqueueDemo(tdb, 1);
      const stop = new AbortController();
      const lines: string[] = [];
      const running = workerCommand(config, ['--concurrency', '3'], { out: (l) => lines.push(l), signal: stop.signal });
      const dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
      try {
        const deadline = Date.now() + 5000;
        while ((await statuses(dbh, ids))[0] !== 'succeeded') {
          assert.ok(Date.now() < deadline, 'the worker ran the job');
          await delay(25);
        }
      } finally {
        await dbh.close();
      }
      stop.abort();
      assert.equal(await running, 0);
      assert.match(lines[0] ?? '', /worker .* running \(.*concurrency 3/);
      assert.match(lines.at(-1) ?? '', /stopping/);
    });

    test('bad arguments exit 2 with the usage', async () => {
      const errs: string[] = [];
      assert.equal(await workerCommand(config, ['--concurrency', '0'], { err: (l) => errs.push(l) }), 2);
      assert.equal(await workerCommand(config, ['--bogus'], { err: (l) => errs.push(l) }), 2);
      assert.ok(errs.every((e) => e.includes('usage: jiyue worker')));
    });
  });
}
