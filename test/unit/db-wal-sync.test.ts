import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { walSync } from '../../src/db/dialect/sqlite/wal-sync.js';

/** Counts fdatasync calls on every FileHandle (Node's, not ours), and when each started. */
async function countSyncs(dir: string): Promise<{ starts: number[]; restore: () => void }> {
  const probe = await fs.promises.open(path.join(dir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(probe) as { datasync: (this: fs.promises.FileHandle) => Promise<void> };
  await probe.close();
  const original = proto.datasync;
  const starts: number[] = [];
  proto.datasync = function datasync(this: fs.promises.FileHandle) {
    starts.push(performance.now());
    return original.call(this);
  };
  return { starts, restore: () => { proto.datasync = original; } };
}

describe('SQLite durability on demand (wal-sync)', () => {
  test('syncs the WAL and the database file; concurrent callers share syncs (group commit)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-walsync-'));
    const file = path.join(dir, 'x.db');
    const raw = new SqliteDatabase(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec('create table t (v integer)');
    const wal = walSync(file);
    const counter = await countSyncs(dir);
    try {
      raw.prepare('insert into t values (1)').run();
      await wal.durable();
      assert.equal(counter.starts.length, 2, 'one sync of the WAL and one of the database file');

      counter.starts.length = 0;
      const calls: Promise<void>[] = [];
      for (let i = 0; i < 50; i++) {
        raw.prepare('insert into t values (?)').run(i);
        calls.push(wal.durable());
      }
      await Promise.all(calls);
      // The first call starts a sync; the 49 made while it ran share exactly one more.
      assert.equal(counter.starts.length, 4, `50 callers, ${counter.starts.length} datasyncs`);
    } finally {
      counter.restore();
      await wal.close();
      raw.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a caller that arrives during a sync is answered only by a sync that started after its call', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-walsync-'));
    const file = path.join(dir, 'x.db');
    const raw = new SqliteDatabase(file);
    raw.pragma('journal_mode = WAL');
    raw.exec('create table t (v integer)');
    const wal = walSync(file);
    const counter = await countSyncs(dir);
    try {
      const first = wal.durable();
      await new Promise((r) => setImmediate(r));
      const calledAt = performance.now();
      await Promise.all([first, wal.durable()]);
      assert.equal(counter.starts.length, 4, 'two syncs of two files: the second caller did not ride on the first sync');
      assert.ok((counter.starts[2] ?? 0) >= calledAt, 'the second sync began after the second call');
    } finally {
      counter.restore();
      await wal.close();
      raw.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without a WAL file yet it syncs the database file and keeps looking', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-walsync-'));
    const file = path.join(dir, 'x.db');
    fs.writeFileSync(file, '');
    const wal = walSync(file);
    const counter = await countSyncs(dir);
    try {
      await wal.durable();
      assert.equal(counter.starts.length, 1, 'only the database file exists');
      fs.writeFileSync(`${file}-wal`, '');
      await wal.durable();
      assert.equal(counter.starts.length, 3, 'the WAL, once it exists, is synced too');
    } finally {
      counter.restore();
      await wal.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
