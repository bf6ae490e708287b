import { createHash } from 'node:crypto';
import type { Compilable, Kysely } from 'kysely';

/**
 * Hot statements PostgreSQL keeps parsed, and usually planned, per connection (a named prepared
 * statement), by SQL text. Planning the session look-up (five tables joined) took 0.34 ms of its
 * 0.5 ms on the server, on every signed-in request. Opt-in, for fixed queries whose best plan
 * does not depend on the values (an index look-up by a unique key): after five executions
 * PostgreSQL may keep one generic plan for all values. SQLite ignores the names (its
 * statements are cached by text anyway: see dialect/sqlite/connect.ts).
 */
const names = new Map<string, string>();
/** A statement per name and engine; more than this means a query text is not fixed. */
const MAX_NAMED = 64;

/** The statement name for this SQL text, when it was registered. */
export function statementNameOf(text: string): string | undefined {
  return names.get(text);
}

/**
 * Runs the query as the named statement `name`. Select explicit columns, not `*`: PostgreSQL
 * refuses a prepared statement whose result columns changed (a migration adding a column).
 */
export async function executeNamed<DB, R>(db: Kysely<DB>, name: string, query: Compilable<R>): Promise<R[]> {
  const compiled = query.compile();
  if (!names.has(compiled.sql)) {
    // A plain identifier well below PostgreSQL's 63 bytes, with room for the digest suffix.
    if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error(`named statements: bad name "${name}"`);
    if (names.size >= MAX_NAMED) throw new Error(`named statements: more than ${MAX_NAMED} texts (is "${name}" built from varying SQL?)`);
    // The text's digest keeps names unique when one query compiles differently per engine.
    names.set(compiled.sql, `${name}_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 10)}`);
  }
  return (await db.executeQuery(compiled)).rows;
}
