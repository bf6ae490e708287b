import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';

let parsersSet = false;
/** int8 as number (our ids and epoch-ms times fit in 2^53) and `date` as plain string. */
function setTypeParsers(): void {
  if (parsersSet) return;
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1082, (v) => v);
  parsersSet = true;
}

export function connectPostgres<T>(url: string, poolSize = 10): { db: Kysely<T>; pool: pg.Pool; close: () => Promise<void> } {
  setTypeParsers();
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}
