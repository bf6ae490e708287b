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
  cachePreparedStatements(raw);
  const db = new Kysely<T>({ dialect: new SqliteDialect({ database: raw }) });
  if (file !== ':memory:') files.set(db, file);
  return { db, close: () => db.destroy() };
}

/** The database file behind each connection opened here (bulk writes start a checkpoint thread on it). */
const files = new WeakMap<object, string>();

/** The file of a connection opened by connectSqlite; undefined for anything else (PostgreSQL, a transaction, memory). */
export function sqliteFileOf(db: object): string | undefined {
  return files.get(db);
}

/** Statements kept prepared, by SQL text (least recently used dropped first). */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver prepares every query it runs; compiling the same SQL again costs more
 * than running it for the small look-ups that make up most requests and every page a rebuild
 * renders. The one connection runs one query at a time (Kysely holds it for the length of a
 * query or stream), so a cached statement is never busy when it is handed out again.
 */
function cachePreparedStatements(raw: SqliteDatabase.Database): void {
  const prepare = raw.prepare.bind(raw);
  const cache = new Map<string, SqliteDatabase.Statement>();
  raw.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      cache.delete(source);
      cache.set(source, hit);
      return hit;
    }
    const stmt = prepare(source);
    if (!hit) {
      cache.set(source, stmt);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return stmt;
  }) as typeof raw.prepare;
}
