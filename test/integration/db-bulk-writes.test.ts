import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { inTransaction, openDatabase, withBulkWrites, type Db } from '../../src/db/index.js';
import { BULK_AUTOCHECKPOINT_PAGES, checkpointThreadsStarted } from '../../src/db/dialect/sqlite/bulk-writes.js';
import { createTestDatabase, selectedEngines } from '../support/engines.js';

const autocheckpoint = async (db: Db): Promise<number> =>
  Number((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]?.wal_autocheckpoint);

/** Commits `transactions` transactions of 50 rows of 4 KiB (about 50 pages each). */
async function load(db: Db, transactions: number, from = 0): Promise<void> {
  for (let t = 0; t < transactions; t++) {
    await inTransaction(db, async (trx) => {
      for (let i = 0; i < 50; i++) await sql`insert into t (id, v) values (${from + t * 50 + i}, ${'x'.repeat(4096)})`.execute(trx);
    });
  }
}

async function sqliteFixture(): Promise<{ db: Db; file: string; closeDb: () => Promise<void>; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-bulk-'));
  const dbh = openDatabase({ databaseUrl: null, dataDir: dir });
  await sql`create table t (id integer primary key, v text not null)`.execute(dbh.db);
  return {
    db: dbh.db, file: path.join(dir, 'jiyue.db'), closeDb: () => dbh.close(),
    close: async () => { await dbh.close().catch(() => undefined); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

type Fixture = Awaited<ReturnType<typeof sqliteFixture>>;

/** A fresh SQLite database with table t for one test, removed afterwards. */
async function onSqlite(fn: (f: Fixture) => Promise<void>): Promise<void> {
  const f = await sqliteFixture();
  try {
    await fn(f);
  } finally {
    await f.close();
  }
}

const rowCount = async (db: Db): Promise<number> => Number((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]?.n);

describe('bulk writes (SQLite: the WAL checkpointed on a thread of its own)', () => {
  test('pages reach the database file while the load runs, though the connection no longer checkpoints; the setting comes back', () => onSqlite(async (f) => {
    assert.equal(await autocheckpoint(f.db), 1000);
    const before = fs.statSync(f.file).size;
    const threads = checkpointThreadsStarted();
    const n = await withBulkWrites(f.db, async () => {
      assert.equal(await autocheckpoint(f.db), BULK_AUTOCHECKPOINT_PAGES);
      // About 2,000 pages: below the connection's backstop, so only the thread can copy them.
      await load(f.db, 40);
      const wanted = before + 40 * 50 * 4096;
      for (let i = 0; i < 200 && fs.statSync(f.file).size < wanted; i++) await sleep(10);
      assert.ok(fs.statSync(f.file).size >= wanted, `database file ${fs.statSync(f.file).size} bytes while the load runs, expected ≥ ${wanted}`);
      return 7;
    });
    assert.equal(n, 7, 'the load\'s own result');
    assert.equal(checkpointThreadsStarted(), threads + 1);
    assert.equal(await autocheckpoint(f.db), 1000);
    assert.equal(await rowCount(f.db), 2000);
  }));

  test('without a bulk load the same writes stay in the WAL (the check above can fail)', () => onSqlite(async (f) => {
    await sql`pragma wal_autocheckpoint = ${sql.raw(String(BULK_AUTOCHECKPOINT_PAGES))}`.execute(f.db);
    const before = fs.statSync(f.file).size;
    await load(f.db, 40);
    await sleep(100);
    assert.ok(fs.statSync(f.file).size < before + 40 * 50 * 4096, 'no checkpoint copied the pages');
  }));

  test('a failing load rejects with its own error and still restores the setting; overlapping loads share one thread', () => onSqlite(async (f) => {
    await assert.rejects(withBulkWrites(f.db, async () => {
      await load(f.db, 2);
      throw new Error('feed broke');
    }), /feed broke/);
    assert.equal(await autocheckpoint(f.db), 1000);

    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const threads = checkpointThreadsStarted();
    const first = withBulkWrites(f.db, async () => { await load(f.db, 2, 1000); await held; });
    await sleep(20);
    await withBulkWrites(f.db, () => load(f.db, 2, 2000));
    // The second ended while the first still runs: the setting stays raised for the first.
    assert.equal(await autocheckpoint(f.db), BULK_AUTOCHECKPOINT_PAGES);
    release();
    await first;
    assert.equal(checkpointThreadsStarted(), threads + 1, 'one thread for both');
    assert.equal(await autocheckpoint(f.db), 1000);
    assert.equal(await rowCount(f.db), 300);
  }));

  test('a load that starts while the previous one is stopping its thread gets a thread of its own and the original setting back', () => onSqlite(async (f) => {
    const threads = checkpointThreadsStarted();
    let second!: Promise<void>;
    const first = withBulkWrites(f.db, async () => {
      await load(f.db, 1);
      // Runs once this work has returned and the first load has begun stopping its thread.
      setImmediate(() => {
        second = withBulkWrites(f.db, async () => {
          assert.equal(await autocheckpoint(f.db), BULK_AUTOCHECKPOINT_PAGES);
          await load(f.db, 4, 1000);
        });
      });
    });
    await first;
    await second;
    assert.equal(checkpointThreadsStarted(), threads + 2, 'the second load started its own thread after the first one stopped');
    assert.equal(await autocheckpoint(f.db), 1000, 'the setting the connection had before either load');
    assert.equal(await rowCount(f.db), 250);
  }));

  test('when the thread cannot open the file, the load runs as before (the connection keeps checkpointing)', () => onSqlite(async (f) => {
    // The open connection goes on with the unlinked file; a new connection finds nothing there.
    fs.rmSync(f.file);
    const threads = checkpointThreadsStarted();
    const n = await withBulkWrites(f.db, async () => {
      assert.equal(await autocheckpoint(f.db), 1000);
      await load(f.db, 2);
      return 2;
    });
    assert.equal(n, 2);
    assert.equal(checkpointThreadsStarted(), threads, 'no thread ran');
    assert.equal(await autocheckpoint(f.db), 1000);
  }));

  test('a thread that dies mid-load gives the connection its own checkpoints back at once', () => onSqlite(async (f) => {
    let thread: Worker | null = null;
    const seen = (w: Worker) => { thread = w; };
    process.on('worker', seen);
    try {
      await withBulkWrites(f.db, async () => {
        assert.ok(thread, 'the checkpoint thread started');
        assert.equal(await autocheckpoint(f.db), BULK_AUTOCHECKPOINT_PAGES);
        await (thread as Worker).terminate();
        for (let i = 0; i < 200 && await autocheckpoint(f.db) !== 1000; i++) await sleep(5);
        assert.equal(await autocheckpoint(f.db), 1000, 'restored while the load still runs');
        await load(f.db, 2);
      });
    } finally {
      process.off('worker', seen);
    }
    assert.equal(await autocheckpoint(f.db), 1000);
  }));

  test('a connection closed under a load: the load\'s own result still comes back (cleanup errors are not its errors)', () => onSqlite(async (f) => {
    const n = await withBulkWrites(f.db, async () => {
      await load(f.db, 1);
      await f.closeDb();
      return 5;
    });
    assert.equal(n, 5);
  }));

  test('inside a transaction it only runs the work (the connection is not touched)', () => onSqlite(async (f) => {
    await inTransaction(f.db, async (trx) => {
      await withBulkWrites(trx, async () => {
        assert.equal(await autocheckpoint(trx), 1000);
        await sql`insert into t (id, v) values (1, 'a')`.execute(trx);
      });
    });
    assert.equal(await rowCount(f.db), 1);
  }));
});

for (const engine of selectedEngines().filter((e) => e === 'postgres')) {
  describe(`bulk writes [${engine}]`, () => {
    test('run the work and return its result (the server checkpoints by itself)', async () => {
      const tdb = await createTestDatabase(engine);
      const dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
      try {
        await sql`create table t (id integer primary key, v text not null)`.execute(dbh.db);
        const n = await withBulkWrites(dbh.db, async () => { await load(dbh.db, 2); return 3; });
        assert.equal(n, 3);
        assert.equal(await rowCount(dbh.db), 100);
      } finally {
        await dbh.close();
        await tdb.drop();
      }
    });
  });
}
