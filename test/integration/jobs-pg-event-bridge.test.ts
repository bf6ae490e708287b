import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { inTransaction, openDatabase, type DatabaseHandle } from '../../src/db/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { EventBus } from '../../src/platform/events/event-bus.js';
import { createPgEventBus, PG_EVENTS_CHANNEL } from '../../src/platform/events/pg-event-bridge.js';
import { createJobService, type JobEvent } from '../../src/platform/jobs/index.js';
import { createTestDatabase, selectedEngines, type TestDatabase } from '../support/engines.js';

async function until(pred: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await delay(10);
  }
}

function collect(bus: EventBus, channel: string): unknown[] {
  const got: unknown[] = [];
  bus.subscribe(channel, (d) => { got.push(d); });
  return got;
}

// LISTEN/NOTIFY is PostgreSQL's; on SQLite (one process) the local bus is all there is.
if (selectedEngines().includes('postgres')) {
  describe('live events across processes (LISTEN/NOTIFY) [postgres]', () => {
    let tdb: TestDatabase;
    let dbh: DatabaseHandle;
    let url: string;
    const buses: EventBus[] = [];
    const errors: unknown[] = [];
    const open = async (): Promise<EventBus> => {
      const bus = await createPgEventBus(url, { reconnectMinMs: 20, reconnectMaxMs: 200, onError: (e) => { errors.push(e); } });
      buses.push(bus);
      return bus;
    };
    before(async () => {
      tdb = await createTestDatabase('postgres');
      url = tdb.databaseUrl ?? '';
      dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
      await dbh.migrate();
    });
    after(async () => {
      for (const b of buses) await b.close();
      await dbh.close();
      await tdb.drop();
    });

    test('an event published by one process reaches every subscriber once, the publisher\'s own included', async () => {
      const [a, b] = [await open(), await open()];
      const onA = collect(a, 'jobs');
      const onB = collect(b, 'jobs');
      const otherChannel = collect(b, 'job:1');
      await a.publish({ channel: 'jobs', data: { id: 1, message: '第一步' } });
      await b.publish({ channel: 'jobs', data: { id: 2 } });
      await until(() => onA.length >= 2 && onB.length >= 2);
      await delay(100); // anything duplicated would have arrived by now
      assert.deepEqual(onA, [{ id: 1, message: '第一步' }, { id: 2 }]);
      assert.deepEqual(onB, [{ id: 1, message: '第一步' }, { id: 2 }]);
      assert.deepEqual(otherChannel, []);
    });

    test('an event too large for NOTIFY arrives as a truncation marker', async () => {
      const [a, b] = [await open(), await open()];
      const got = collect(b, 'big');
      await a.publish({ channel: 'big', data: { text: '长'.repeat(5000) } });
      await until(() => got.length === 1);
      assert.deepEqual(got, [{ truncated: true }]);
    });

    test('the listener reconnects after its connection is killed', async () => {
      const [a, b] = [await open(), await open()];
      const got = collect(b, 'after');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const killed = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and query ilike $1`, [`listen ${PG_EVENTS_CHANNEL}`]);
        assert.ok((killed.rowCount ?? 0) >= 2);
      } finally {
        await admin.end();
      }
      // Publish until the re-opened listener hears it (events sent while it was down are missed).
      const deadline = Date.now() + 5000;
      while (got.length === 0 && Date.now() < deadline) {
        await a.publish({ channel: 'after', data: 'ping' });
        await delay(50);
      }
      assert.ok(got.length >= 1);
      assert.ok(errors.length >= 1, 'the lost connection was reported');
    });

    test('a worker\'s job progress reaches the admin process\'s subscribers', async () => {
      const [workerBus, adminBus] = [await open(), await open()];
      const seen = collect(adminBus, 'jobs') as JobEvent[];
      const jobs = createJobService({
        db: dbh.db, ops: dbh.ops, clock: new ManualClock(), events: workerBus, pollMs: 50, concurrency: 1, logger: { error: () => undefined },
      });
      jobs.define('t.steps', async (ctx) => {
        await ctx.progress(100, '全部完成');
        return null;
      });
      const id = await inTransaction(dbh.db, (trx) => jobs.enqueue(trx, { kind: 't.steps' }));
      await jobs.runDue();
      await until(() => seen.some((e) => e.status === 'succeeded'));
      assert.deepEqual(seen.map((e) => [e.id, e.status, e.progress, e.message]), [
        [id, 'running', 0, ''], [id, 'running', 100, '全部完成'], [id, 'succeeded', 100, '全部完成'],
      ]);
    });
  });
}
