import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import type { DictionaryEntry, RuleSeverity, Severity } from './check-types.js';
import type { DictionaryCategory } from './checks.tables.js';

export interface DictionaryEntryView extends DictionaryEntry {
  readonly id: number;
  readonly createdAt: number;
}

interface EntryRow {
  id: number;
  phrase: string;
  suggestion: string;
  category: DictionaryCategory;
  severity: Severity;
  created_at: number;
}

function view(r: EntryRow): DictionaryEntryView {
  return { id: Number(r.id), phrase: r.phrase, suggestion: r.suggestion, category: r.category, severity: r.severity, createdAt: Number(r.created_at) };
}

export interface ListEntriesQuery {
  readonly category?: DictionaryCategory | undefined;
  readonly q?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listEntries(db: Db, query: ListEntriesQuery): Promise<{ total: number; items: DictionaryEntryView[] }> {
  let base = db.selectFrom('banned_expressions');
  if (query.category) base = base.where('category', '=', query.category);
  const q = query.q?.trim();
  if (q) {
    const p = likePattern(q);
    base = base.where((eb) => eb.or([
      sql<boolean>`${eb.ref('phrase')} like ${p} escape '\\'`,
      sql<boolean>`${eb.ref('suggestion')} like ${p} escape '\\'`,
    ]));
  }
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // Newest first: an entry just added is at the top of the list.
  const rows = await base.selectAll().orderBy('id', 'desc')
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { total: Number(count.n), items: rows.map(view) };
}

/** The whole dictionary, for runChecks. */
export async function allEntries(db: Db): Promise<DictionaryEntryView[]> {
  const rows = await db.selectFrom('banned_expressions').selectAll().orderBy('id').execute();
  return rows.map(view);
}

export async function getEntry(db: Db, id: number): Promise<DictionaryEntryView | undefined> {
  const row = await db.selectFrom('banned_expressions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? view(row) : undefined;
}

export async function getEntryByPhrase(db: Db, phrase: string): Promise<DictionaryEntryView | undefined> {
  const row = await db.selectFrom('banned_expressions').selectAll().where('phrase', '=', phrase).executeTakeFirst();
  return row ? view(row) : undefined;
}

export interface EntryValues {
  readonly phrase: string;
  readonly suggestion: string;
  readonly category: DictionaryCategory;
  readonly severity: Severity;
}

export async function insertEntry(db: Db, v: EntryValues, now: number): Promise<DictionaryEntryView> {
  const row = await db.insertInto('banned_expressions')
    .values({ phrase: v.phrase, suggestion: v.suggestion, category: v.category, severity: v.severity, created_at: now })
    .returningAll().executeTakeFirstOrThrow();
  return view(row);
}

export async function updateEntry(db: Db, id: number, v: EntryValues): Promise<DictionaryEntryView | undefined> {
  const row = await db.updateTable('banned_expressions')
    .set({ phrase: v.phrase, suggestion: v.suggestion, category: v.category, severity: v.severity })
    .where('id', '=', id).returningAll().executeTakeFirst();
  return row ? view(row) : undefined;
}

export async function deleteEntry(db: Db, id: number): Promise<boolean> {
  const res = await db.deleteFrom('banned_expressions').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function allPhrases(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('banned_expressions').select('phrase').execute();
  return new Set(rows.map((r) => r.phrase));
}

/** Starter phrases the import has offered once (see CheckStarterImportsTable). */
export async function offeredStarterPhrases(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('check_starter_imports').select('phrase').execute();
  return new Set(rows.map((r) => r.phrase));
}

export async function recordStarterPhrases(db: Db, phrases: readonly string[], now: number): Promise<void> {
  if (phrases.length === 0) return;
  await db.insertInto('check_starter_imports').values(phrases.map((phrase) => ({ phrase, imported_at: now })))
    .onConflict((oc) => oc.column('phrase').doNothing()).execute();
}

/** Inserts entries whose phrase is free; returns how many went in (a concurrent writer may have taken one). */
export async function insertEntriesIfAbsent(db: Db, values: readonly EntryValues[], now: number): Promise<number> {
  if (values.length === 0) return 0;
  const rows = await db.insertInto('banned_expressions')
    .values(values.map((v) => ({ phrase: v.phrase, suggestion: v.suggestion, category: v.category, severity: v.severity, created_at: now })))
    .onConflict((oc) => oc.column('phrase').doNothing()).returning('id').execute();
  return rows.length;
}

export interface RuleRow {
  readonly rule: string;
  readonly severity: RuleSeverity;
  readonly updatedAt: number;
}

export async function ruleRows(db: Db): Promise<RuleRow[]> {
  const rows = await db.selectFrom('check_rules').selectAll().execute();
  return rows.map((r) => ({ rule: r.rule, severity: r.severity, updatedAt: Number(r.updated_at) }));
}

export async function upsertRule(db: Db, rule: string, severity: RuleSeverity, now: number): Promise<void> {
  await db.insertInto('check_rules').values({ rule, severity, updated_at: now })
    .onConflict((oc) => oc.column('rule').doUpdateSet({ severity, updated_at: now }))
    .execute();
}
