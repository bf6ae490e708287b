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

type QueryFn = (...args: unknown[]) => Promise<unknown>;

/**
 * Errors after which a named statement is forgotten and the query run once more, plain:
 * 0A000 from RevalidateCachedQuery, "cached plan must not change result type" (a migration in another process changed a
 * selected column), 26000 / 42P05 (no such / already such statement: a pooler in transaction
 * mode between us and PostgreSQL). Inside a transaction the retry fails with the transaction.
 */
const RETRY_PLAIN = new Set(['0A000', '26000', '42P05']);

/**
 * Kysely runs every query as `client.query(text, values)`: a registered text goes as a named
 * statement instead (named-statements.ts). Other calls (cursors, callbacks) pass through.
 */
function nameHotStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  // pg's record of what this connection has prepared (not public API; stable since pg 7).
  const prepared = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements;
  let pooled = false;
  const named = async (name: string, text: string, values: unknown[]): Promise<unknown> => {
    try {
      return await query({ name, text, values });
    } catch (err) {
      const { code, routine } = err as { code?: unknown; routine?: unknown };
      if (typeof code !== 'string' || !RETRY_PLAIN.has(code) || (code === '0A000' && routine !== 'RevalidateCachedQuery')) throw err;
      if (code === '0A000') {
        // A stale plan: dropped, so the next run prepares the new shape. In a failed transaction
        // the drop fails too; pg's record stays, and the next run meets the same error outside it.
        const dropped = await query(`deallocate ${pg.escapeIdentifier(name)}`).then(() => true, () => false);
        if (dropped && prepared) delete prepared[name];
      } else {
        // A pooler: stop naming on this connection.
        if (prepared) delete prepared[name];
        pooled = true;
      }
      return query(text, values);
    }
  };
  // Not async itself: other calls keep pg's own behaviour (callbacks, synchronous throws).
  (client as unknown as { query: QueryFn }).query = ((text: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' && !pooled && rest.length === 1 && Array.isArray(rest[0]) ? statementNameOf(text) : undefined;
    return name === undefined ? query(text, ...rest) : named(name, text as string, rest[0] as unknown[]);
  }) as QueryFn;
}
