import { CompiledQuery } from 'kysely';
import type { SearchDb } from './search-dialect.js';

/** A Buffer is bound in binary form (the column type's receive function reads it). */
type Value = string | number | null | Buffer;

/**
 * A multi-row INSERT as one precompiled statement. Building the same statement through
 * Kysely's query builder costs a few microseconds per value, which at thousands of values a
 * batch cost more than the database's own work; here the text is assembled once per shape.
 * `placeholder(i)` is `?` (SQLite) or `$i` (PostgreSQL); `cast` wraps a column's placeholder
 * (e.g. `$7::tsvector`). Column names are code constants, never input.
 */
export async function rawInsert(db: SearchDb, q: {
  table: string; columns: readonly string[]; rows: readonly (readonly Value[])[]; placeholder: (i: number) => string;
  cast?: Readonly<Record<string, string>>; suffix?: string;
}): Promise<void> {
  if (q.rows.length === 0) return;
  const params: Value[] = [];
  const tuples: string[] = [];
  for (const row of q.rows) {
    const cells: string[] = [];
    row.forEach((v, c) => {
      params.push(v);
      const p = q.placeholder(params.length);
      const cast = q.cast?.[q.columns[c]!];
      cells.push(cast ? `${p}::${cast}` : p);
    });
    tuples.push(`(${cells.join(',')})`);
  }
  const text = `insert into ${q.table} (${q.columns.join(', ')}) values ${tuples.join(',')}${q.suffix ? ` ${q.suffix}` : ''}`;
  await db.executeQuery(CompiledQuery.raw(text, params));
}
