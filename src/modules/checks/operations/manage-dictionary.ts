import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { announceChecksChanged } from '../check-context.js';
import {
  allPhrases, deleteEntry, getEntry, getEntryByPhrase, insertEntriesIfAbsent, insertEntry, offeredStarterPhrases, recordStarterPhrases, updateEntry,
  type DictionaryEntryView, type EntryValues,
} from '../checks.repo.js';
import type { ChecksDeps } from '../deps.js';
import { ChecksErrors } from '../errors.js';
import { STARTER_DICTIONARY } from '../starter-dictionary.js';
import { requireManage } from './require-manage.js';
import { validateEntry, type EntryInput } from './validate-entry.js';

interface Op<I> {
  readonly db: Db;
  readonly actor: Actor;
  readonly input: I;
  readonly deps: ChecksDeps;
}

/** A unique-constraint race lost to a concurrent insert is reported like the pre-check would have. */
async function duplicateAware<T>(db: Db, phrase: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof AppError) && (await getEntryByPhrase(db, phrase))) {
      throw new AppError(ChecksErrors['checks.dictionary.duplicate'], { phrase });
    }
    throw err;
  }
}

function auditDetail(v: EntryValues): Record<string, unknown> {
  return { phrase: v.phrase, suggestion: v.suggestion, category: v.category, severity: v.severity };
}

function sameValues(a: EntryValues, b: EntryValues): boolean {
  return a.phrase === b.phrase && a.suggestion === b.suggestion && a.category === b.category && a.severity === b.severity;
}

/** Adds an entry: validate → authorize → refuse duplicates (409) → insert → audit. */
export async function createDictionaryEntry({ db, actor, input, deps }: Op<EntryInput>): Promise<DictionaryEntryView> {
  const values = validateEntry(input);
  requireManage(actor);
  const entry = await duplicateAware(db, values.phrase, () => inTransaction(db, async (trx) => {
    if (await getEntryByPhrase(trx, values.phrase)) throw new AppError(ChecksErrors['checks.dictionary.duplicate'], { phrase: values.phrase });
    const created = await insertEntry(trx, values, deps.clock.now());
    await deps.audit.append(trx, actor, { action: 'checks.dictionary.create', result: 'success', targetType: 'check_dictionary', targetId: created.id, detail: auditDetail(values) });
    return created;
  }));
  await announceChecksChanged(deps.events);
  return entry;
}

export interface UpdateEntryInput {
  readonly id: number;
  readonly phrase?: string | undefined;
  readonly suggestion?: string | undefined;
  readonly category?: string | undefined;
  readonly severity?: string | undefined;
}

/** Changes an entry; the result is validated as a whole. 404 if gone, 409 if the new phrase is taken. */
export async function updateDictionaryEntry({ db, actor, input, deps }: Op<UpdateEntryInput>): Promise<DictionaryEntryView> {
  requireManage(actor);
  const current = await getEntry(db, input.id);
  if (!current) throw new AppError(ChecksErrors['checks.dictionary.not_found'], { id: input.id });
  const values = validateEntry({
    phrase: input.phrase ?? current.phrase, suggestion: input.suggestion ?? current.suggestion,
    category: input.category ?? current.category, severity: input.severity ?? current.severity,
  });
  // Nothing to change (`{}`, or the values it has): no write and no audit event saying nothing.
  if (sameValues(values, current)) return current;
  const entry = await duplicateAware(db, values.phrase, () => inTransaction(db, async (trx) => {
    const other = await getEntryByPhrase(trx, values.phrase);
    if (other && other.id !== input.id) throw new AppError(ChecksErrors['checks.dictionary.duplicate'], { phrase: values.phrase });
    const updated = await updateEntry(trx, input.id, values);
    if (!updated) throw new AppError(ChecksErrors['checks.dictionary.not_found'], { id: input.id });
    await deps.audit.append(trx, actor, {
      action: 'checks.dictionary.update', result: 'success', targetType: 'check_dictionary', targetId: input.id,
      detail: { before: auditDetail(current), after: auditDetail(values) },
    });
    return updated;
  }));
  await announceChecksChanged(deps.events);
  return entry;
}

export async function deleteDictionaryEntry({ db, actor, input, deps }: Op<{ readonly id: number }>): Promise<void> {
  requireManage(actor);
  await inTransaction(db, async (trx) => {
    const current = await getEntry(trx, input.id);
    if (!current || !(await deleteEntry(trx, input.id))) throw new AppError(ChecksErrors['checks.dictionary.not_found'], { id: input.id });
    await deps.audit.append(trx, actor, { action: 'checks.dictionary.delete', result: 'success', targetType: 'check_dictionary', targetId: input.id, detail: auditDetail(current) });
  });
  await announceChecksChanged(deps.events);
}

/**
 * Adds the starter entries never offered before (check_starter_imports) whose phrase is not in
 * the dictionary, and records every starter phrase as offered: an entry an administrator deleted
 * or renamed is not brought back, an edited one is left as it is. One audit event with the counts.
 */
export async function importStarterDictionary({ db, actor, deps }: Omit<Op<unknown>, 'input'>): Promise<{ added: number; skipped: number }> {
  requireManage(actor);
  const result = await inTransaction(db, async (trx) => {
    const have = await allPhrases(trx);
    const offered = await offeredStarterPhrases(trx);
    const fresh = STARTER_DICTIONARY.filter((e) => !offered.has(e.phrase));
    const now = deps.clock.now();
    const added = await insertEntriesIfAbsent(trx, fresh.filter((e) => !have.has(e.phrase)), now);
    await recordStarterPhrases(trx, fresh.map((e) => e.phrase), now);
    const counts = { added, skipped: STARTER_DICTIONARY.length - added };
    await deps.audit.append(trx, actor, { action: 'checks.dictionary.import_starter', result: 'success', targetType: 'check_dictionary', detail: counts });
    return counts;
  });
  await announceChecksChanged(deps.events);
  return result;
}
