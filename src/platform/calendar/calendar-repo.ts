import type { Db } from '../../db/index.js';
import type { CalendarDay, CalendarYear, DayKind } from './calendar-types.js';

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

function yearRange(year: number): [string, string] {
  const y = String(year).padStart(4, '0');
  return [`${y}-01-01`, `${y}-12-31`];
}

function toYear(r: { year: number; source: string; imported_at: number | string; imported_by: number | string | null }): CalendarYear {
  // bigint columns may arrive as strings from pg when no type parser is installed.
  return { year: Number(r.year), source: r.source, importedAt: Number(r.imported_at), importedBy: r.imported_by === null ? null : Number(r.imported_by) };
}

export async function listCalendarYears(db: Db): Promise<CalendarYear[]> {
  const rows = await db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  return rows.map(toYear);
}

export async function findCalendarYear(db: Db, year: number): Promise<CalendarYear | null> {
  const row = await db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
  return row ? toYear(row) : null;
}

export async function listCalendarDays(db: Db, year: number): Promise<CalendarDay[]> {
  const [from, to] = yearRange(year);
  const rows = await db.selectFrom('calendar_days').select(['date', 'kind', 'name'])
    .where('date', '>=', from).where('date', '<=', to).orderBy('date').execute();
  return rows.map((r) => ({ date: r.date, kind: r.kind as DayKind, name: r.name }));
}

async function replaceDays(trx: Db, year: number, days: readonly CalendarDay[]): Promise<void> {
  const [from, to] = yearRange(year);
  await trx.deleteFrom('calendar_days').where('date', '>=', from).where('date', '<=', to).execute();
  for (let i = 0; i < days.length; i += CHUNK) {
    const values = days.slice(i, i + CHUNK).map((d) => ({ date: d.date, kind: d.kind, name: d.name }));
    await trx.insertInto('calendar_days').values(values).execute();
  }
}

/**
 * Row-locks a year's calendar_years row (a no-op update) so concurrent imports of the same
 * year run one after the other instead of mixing their days. Works the same on both engines:
 * SQLite has a single writer anyway.
 */
export async function lockCalendarYear(trx: Db, year: number): Promise<void> {
  await trx.updateTable('calendar_years').set({ year }).where('year', '=', year).execute();
}

/**
 * Replaces a year's days and writes its calendar_years row. Call inside a transaction,
 * after lockCalendarYear. The year row is written first so that, when two imports of a new
 * year race, the second waits on it and then replaces the first one's days completely.
 */
export async function replaceCalendarYear(trx: Db, year: CalendarYear, days: readonly CalendarDay[]): Promise<void> {
  const row = { source: year.source, imported_at: year.importedAt, imported_by: year.importedBy };
  await trx.insertInto('calendar_years').values({ year: year.year, ...row })
    .onConflict((oc) => oc.column('year').doUpdateSet(row))
    .execute();
  await replaceDays(trx, year.year, days);
}

/**
 * Adds a year only if it is absent; returns whether this call added it. Conflict-tolerant,
 * so processes that start together and seed at the same moment do not fail: on PostgreSQL
 * the second insert waits for the first transaction and then does nothing.
 */
export async function insertCalendarYearIfAbsent(trx: Db, year: CalendarYear, days: readonly CalendarDay[]): Promise<boolean> {
  const res = await trx.insertInto('calendar_years')
    .values({ year: year.year, source: year.source, imported_at: year.importedAt, imported_by: year.importedBy })
    .onConflict((oc) => oc.column('year').doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  // Day rows without a year row can only be debris (imports write both in one transaction).
  await replaceDays(trx, year.year, days);
  return true;
}
