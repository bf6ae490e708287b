import { sql, type Kysely } from 'kysely';
import type { BulkRows } from '../bulk-rows.js';

/** Rows per statement: one array parameter per column, so the count is bounded by memory, not by parameters. */
const ROWS_PER_STATEMENT = 5000;

/**
 * `insert … select * from unnest($1::bigint[], $2::text[], …)`: one parameter per column whatever
 * the row count, which PostgreSQL plans once and reads as fast as COPY for batches of this size.
 */
export async function insertMany<DB>(db: Kysely<DB>, q: BulkRows): Promise<void> {
  for (let i = 0; i < q.rows.length; i += ROWS_PER_STATEMENT) {
    const part = q.rows.slice(i, i + ROWS_PER_STATEMENT);
    const arrays = q.columns.map((_, c) => part.map((r) => r[c] ?? null));
    const unnest = sql.join(q.columns.map(([, type], c) => sql`${arrays[c]}::${sql.raw(type)}[]`));
    await sql`insert into ${sql.table(q.table)} (${sql.join(q.columns.map(([c]) => sql.ref(c)))}) select * from unnest(${unnest})`.execute(db);
  }
}

/** After rows were written with explicit ids: the identity sequence continues after the largest. */
export async function afterExplicitIds<DB>(db: Kysely<DB>, table: string): Promise<void> {
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), greatest((select max(id) from ${sql.table(table)}), 1))`.execute(db);
}
