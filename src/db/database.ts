import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Engine } from './engine.js';
import type { Database } from './schema.js';
import { connectSqlite } from './dialect/sqlite/connect.js';
import { walSync } from './dialect/sqlite/wal-sync.js';
import { connectPostgres } from './dialect/postgres/connect.js';
import { dialectOps, type DialectOps } from './dialect/index.js';
import { migrate, type MigrationReport } from './migrator.js';
import { migrations } from './migrations/index.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  readonly db: Db;
  readonly engine: Engine;
  readonly ops: DialectOps;
  /** PostgreSQL connection string when on PostgreSQL (LISTEN/NOTIFY needs its own client). */
  readonly url: string | null;
  migrate(): Promise<MigrationReport>;
  /**
   * Resolves once every transaction committed before the call would survive a power cut. Await it
   * before an answer that promises durability (a citizen's receipt). PostgreSQL: nothing to do, a
   * commit returns after its WAL flush (synchronous_commit = on, the default; keep it on). SQLite:
   * see wal-sync.ts.
   */
  durable(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly poolSize?: number;
  /** PostgreSQL: run registered hot queries as named prepared statements (named-statements.ts); default on. */
  readonly namedStatements?: boolean;
}

export function openDatabase(opts: DatabaseOptions): DatabaseHandle {
  if (opts.databaseUrl) {
    const { db, close } = connectPostgres<Database>(opts.databaseUrl, opts.poolSize, opts.namedStatements ?? true);
    return handle(db, 'postgres', opts.databaseUrl, close, () => Promise.resolve());
  }
  const file = path.join(opts.dataDir, 'jiyue.db');
  const { db, close } = connectSqlite<Database>(file);
  const wal = walSync(file);
  return handle(db, 'sqlite', null, async () => {
    await wal.close();
    await close();
  }, () => wal.durable());
}

function handle(db: Db, engine: Engine, url: string | null, close: () => Promise<void>, durable: () => Promise<void>): DatabaseHandle {
  return {
    db, engine, url, ops: dialectOps(engine), close, durable,
    migrate: () => migrate(db as unknown as Kysely<unknown>, engine, migrations),
  };
}
