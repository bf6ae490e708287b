import type { Db } from '../../db/index.js';

/** 9-digit organization code or 18-character unified social credit code (NORMS: index number). */
export const ORG_CODE = /^([0-9A-Z]{9}|[0-9A-Z]{18})$/;

/** `{organization code}/{year}-{5-digit sequence}`, e.g. `000014349/2026-00001`. */
export function formatIndexNumber(orgCode: string, year: number, sequence: number): string {
  return `${orgCode}/${year}-${String(sequence).padStart(5, '0')}`;
}

/**
 * Takes the next sequence number of an organization and year, inside the caller's
 * transaction. One statement (insert … on conflict do update … returning) both creates the
 * counter and increments it: the row lock it takes makes concurrent creators wait for each
 * other, so numbers never repeat, and a rolled-back creation gives its number back.
 * Works as written on PostgreSQL and on SQLite ≥ 3.35.
 */
export async function nextIndexSequence(trx: Db, orgId: number, year: number): Promise<number> {
  const row = await trx.insertInto('index_number_counters')
    .values({ org_id: orgId, year, last_value: 1 })
    .onConflict((oc) => oc.columns(['org_id', 'year']).doUpdateSet((eb) => ({ last_value: eb('index_number_counters.last_value', '+', 1) })))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

export async function allocateIndexNumber(trx: Db, q: { orgId: number; orgCode: string; year: number }): Promise<string> {
  return formatIndexNumber(q.orgCode, q.year, await nextIndexSequence(trx, q.orgId, q.year));
}
