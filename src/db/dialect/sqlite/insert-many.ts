import { sql, type Kysely } from 'kysely';
import type { BulkRows } from '../bulk-rows.js';

/** Bound values per statement, at most: well under SQLite's 32,766, big enough to amortise each statement. */
const VALUES_PER_STATEMENT = 4000;

/**
 * Multi-row `insert … values (…), (…)` in the caller's transaction. Statements hold a power of two
 * of rows (the most that fit, then the remainder in halves), so a table gets at most a dozen
 * distinct statements whatever the batch sizes: the connection keeps its prepared statements,
 * and a statement of thousands of values is big.
 */
export async function insertMany<DB>(db: Kysely<DB>, q: BulkRows): Promise<void> {
  let per = 1;
  while (per * 2 * q.columns.length <= VALUES_PER_STATEMENT) per *= 2;
  const head = sql`insert into ${sql.table(q.table)} (${sql.join(q.columns.map(([c]) => sql.ref(c)))}) values `;
  let i = 0;
  while (i < q.rows.length) {
    while (per > q.rows.length - i) per /= 2;
    const part = q.rows.slice(i, i + per).map((r) => sql`(${sql.join(r)})`);
    await sql`${head}${sql.join(part)}`.execute(db);
    i += per;
  }
}

/** A page cache of 128 MiB (the default is 2 MiB): inserts into a dozen indexes of a growing table stop re-reading their pages. */
export async function prepareBulkLoad<DB>(db: Kysely<DB>): Promise<void> {
  await sql`pragma cache_size = -131072`.execute(db);
}
