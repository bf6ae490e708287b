import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/index.js';
import type { LetterAttachmentsTable, LettersTable } from './interaction.tables.js';
import { isCodeClash } from './query-credentials.js';

export type LetterRow = Selectable<LettersTable>;

export async function letterByIdempotencyKey(db: Db, siteId: number, key: string): Promise<LetterRow | undefined> {
  return db.selectFrom('letters').selectAll().where('site_id', '=', siteId).where('idempotency_key', '=', key).executeTakeFirst();
}

/** The letters already holding any of these idempotency keys on the site, by key. */
export async function lettersByIdempotencyKeys(db: Db, siteId: number, keys: readonly string[]): Promise<Map<string, LetterRow>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('letters').selectAll().where('site_id', '=', siteId).where('idempotency_key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.idempotency_key, r]));
}

export async function letterByQueryCode(db: Db, code: string): Promise<LetterRow | undefined> {
  return db.selectFrom('letters').selectAll().where('query_code', '=', code).executeTakeFirst();
}

export async function queryCodeTaken(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('letters').select('id').where('query_code', '=', code).executeTakeFirst()) !== undefined;
}

/** Which of these query codes letters already hold. */
export async function queryCodesTaken(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('letters').select('query_code').where('query_code', 'in', codes).execute();
  return new Set(rows.map((r) => r.query_code));
}

/** The error of an insert whose query code another letter took between the check and the insert (both engines' wording). */
export function isQueryCodeClash(err: unknown): boolean {
  return isCodeClash(err, 'letters');
}

export async function insertLetter(db: Db, values: Insertable<LettersTable>): Promise<number> {
  const r = await db.insertInto('letters').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Inserts several letters in one statement; their ids by query code (unique, so the map is exact). */
export async function insertLetters(db: Db, values: readonly Insertable<LettersTable>[]): Promise<Map<string, number>> {
  if (values.length === 0) return new Map();
  const rows = await db.insertInto('letters').values([...values]).returning(['id', 'query_code']).execute();
  return new Map(rows.map((r) => [r.query_code, Number(r.id)]));
}

export async function insertLetterAttachment(db: Db, values: Insertable<LetterAttachmentsTable>): Promise<void> {
  await db.insertInto('letter_attachments').values(values).execute();
}

export async function attachmentCounts(db: Db, letterIds: readonly number[]): Promise<Map<number, number>> {
  if (letterIds.length === 0) return new Map();
  const rows = await db.selectFrom('letter_attachments').select(['letter_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('letter_id', 'in', letterIds).groupBy('letter_id').execute();
  return new Map(rows.map((r) => [Number(r.letter_id), Number(r.n)]));
}

export async function setLookupFailures(db: Db, id: number, failures: number, lockedUntil: number | null): Promise<void> {
  await db.updateTable('letters').set({ lookup_failures: failures, lookup_locked_until: lockedUntil }).where('id', '=', id).execute();
}

/**
 * One more wrong password, counted in the database (concurrent failures all count); at `max`
 * the letter is locked until `lockUntil` and the count starts again. Null when there is no such letter.
 */
export async function recordLookupFailure(trx: Db, id: number, max: number, lockUntil: number): Promise<{ failures: number; locked: boolean } | null> {
  const r = await trx.updateTable('letters').set((eb) => ({ lookup_failures: eb('lookup_failures', '+', 1) }))
    .where('id', '=', id).returning('lookup_failures').executeTakeFirst();
  if (!r) return null;
  const failures = Number(r.lookup_failures);
  if (failures < max) return { failures, locked: false };
  await trx.updateTable('letters').set({ lookup_failures: 0, lookup_locked_until: lockUntil }).where('id', '=', id).execute();
  return { failures, locked: true };
}

/** What the central handler's desk (受理台) holds: waiting for acceptance or routing, a supplement, or the review of a reply. */
export const DESK_STATUSES = ['received', 'accepted', 'supplementing', 'reviewing'] as const;

/**
 * Soonest deadline first, in SQL: the current step's deadline (never later than the letter's), a
 * paused clock (waiting for the citizen) last. dueState follows this order (it is a function of
 * that deadline and today), so sorting needs no stored due state.
 */
export const byStepDeadline = {
  paused: sql<number>`case when status = 'supplementing' then 1 else 0 end`,
  deadline: sql<number>`coalesce(step_due_at, due_at)`,
};

export async function listLetterRows(db: Db, siteIds: readonly number[], page: number, pageSize: number, queue?: 'desk'): Promise<{ total: number; rows: LetterRow[] }> {
  if (siteIds.length === 0) return { total: 0, rows: [] };
  let q = db.selectFrom('letters').where('site_id', 'in', siteIds);
  if (queue === 'desk') {
    // A supplement asked by a handling unit belongs to the unit's list, not the desk.
    q = q.where('status', 'in', [...DESK_STATUSES]).where((eb) => eb.or([eb('status', '!=', 'supplementing'), eb('handling_org_id', 'is', null)]));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ordered = queue === 'desk' ? q.selectAll().orderBy(byStepDeadline.paused).orderBy(byStepDeadline.deadline).orderBy('id') : q.selectAll().orderBy('id', 'desc');
  const rows = await ordered.limit(pageSize).offset((page - 1) * pageSize).execute();
  return { total: Number(total.n), rows };
}
