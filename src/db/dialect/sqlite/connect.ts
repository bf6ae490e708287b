import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';

/** Opens the embedded database file with WAL so readers never block the single writer. */
export function connectSqlite<T>(file: string): { db: Kysely<T>; close: () => Promise<void> } {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  // A second process (e.g. `jiyue worker`) may hold the write lock briefly.
  raw.pragma('busy_timeout = 5000');
  const db = new Kysely<T>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, close: () => db.destroy() };
}
