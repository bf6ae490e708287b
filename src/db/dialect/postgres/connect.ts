import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { statementNameOf } from '../../named-statements.js';

let parsersSet = false;
/** int8 as number (our ids and epoch-ms times fit in 2^53) and `date` as plain string. */
function setTypeParsers(): void {
  if (parsersSet) return;
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1082, (v) => v);
  parsersSet = true;
}

export function connectPostgres<T>(url: string, poolSize = 10, namedStatements = true): { db: Kysely<T>; pool: pg.Pool; close: () => Promise<void> } {
  setTypeParsers();
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  if (namedStatements) pool.on('connect', nameHotStatements);
  const db = new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}

/**
 * Kysely runs every query as `client.query(text, values)`: a registered text goes as a named
 * statement instead, which pg parses once per connection and PostgreSQL keeps planned
 * (named-statements.ts). Cursors and other calls pass through.
 */
function nameHotStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' ? statementNameOf(text) : undefined;
    return name === undefined ? query(text, ...rest) : query({ name, text, values: rest[0] });
  };
}
