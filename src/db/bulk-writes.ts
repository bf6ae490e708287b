import type { Db } from './database.js';
import { sqliteFileOf } from './dialect/sqlite/connect.js';
import { sqliteBulkWrites } from './dialect/sqlite/bulk-writes.js';

/**
 * Runs a bulk load (many large transactions in a row: the search reindex, `jiyue generate`).
 * On SQLite the WAL is checkpointed on a thread of its own meanwhile (dialect/sqlite/bulk-writes.ts).
 * On PostgreSQL (and in a transaction) it just runs `fn`: the server's checkpointer is a process
 * of its own already.
 */
export async function withBulkWrites<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const file = db.isTransaction ? undefined : sqliteFileOf(db);
  return file === undefined ? fn() : sqliteBulkWrites(db, file, fn);
}
