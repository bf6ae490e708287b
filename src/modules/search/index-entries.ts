import { inTransaction, type Db } from '../../db/index.js';
import { searchDialect, type PreparedRow, type SearchDb } from './dialect/index.js';
import { normalizeText } from './normalize.js';
import { tagsOf } from './reserved-tokens.js';
import { KIND_GROUP, type SearchEntry } from './search.types.js';
import { groupIndex, searchKey } from './search-key.js';
import { segmentNormalized, wordsOf } from './segmenter.js';
import { applyTermDeltas, termDeltas, termsOf, type TermSource } from './suggestion-terms.js';

/** Body text beyond this many characters is neither indexed nor kept (bounded tsvector and row size). */
export const MAX_INDEXED_BODY = 100_000;
/** How many keys are tried for one document before giving up (two documents of the same minute whose ids agree modulo 2^22). */
const MAX_KEY_ATTEMPTS = 64;

export function searchDb(db: Db): SearchDb {
  return db as unknown as SearchDb;
}

const ids = (list: readonly number[]): string => `,${[...new Set(list)].join(',')},`;

/** The segmented fields of an entry (CPU work only: the bulk path does it outside the transaction). */
export interface SegmentedEntry {
  readonly entry: SearchEntry;
  readonly title: string;
  readonly body: string;
  readonly meta: string;
  readonly tags: string;
  /** Suggestion words (suggestion-terms.ts), kept with the entry so replacing or removing it subtracts exactly these. */
  readonly terms: readonly string[];
}

/** The raw text of each indexed field: title, body (with the summary when it is not part of it), metadata. */
export function entryTexts(entry: SearchEntry): readonly [title: string, body: string, meta: string] {
  const body = entry.bodyText.slice(0, MAX_INDEXED_BODY);
  // The summary is often the body's first paragraph: indexing it twice would only inflate counts.
  const summary = entry.summary.trim() !== '' && !body.includes(entry.summary.trim()) ? `${entry.summary}\n` : '';
  return [entry.title, summary + body, [entry.keywords, entry.issuingOrgName, entry.documentNumber ?? ''].join('\n')];
}

export function entryTags(entry: SearchEntry): string {
  return tagsOf({ groupIndex: groupIndex(KIND_GROUP[entry.kind]), siteIds: [entry.siteId, ...entry.extraSiteIds], columnIds: [entry.columnId, ...entry.extraColumnIds], topicCategory: entry.topicCategory, genre: entry.genre });
}

const seg = (text: string): string => segmentNormalized(normalizeText(text)).join(' ');

export function segmentEntry(entry: SearchEntry): SegmentedEntry {
  const [title, body, meta] = entryTexts(entry);
  return { entry, title: seg(title), body: seg(body), meta: seg(meta), tags: entryTags(entry), terms: termsOf(wordsOf(title), entry.keywords) };
}

/** Stored terms of an entry row back into a term source. */
function storedTerms(p: { terms: string; site_ids: string }): TermSource {
  return { terms: p.terms === '' ? [] : p.terms.split(' '), siteIds: p.site_ids.split(',').filter(Boolean).map(Number) };
}


export interface WriteOptions {
  /** Epoch ms stored as indexed_at. */
  readonly now?: number;
  /** The suggestion vocabulary was emptied for a rebuild: add this entry's words, subtract nothing. */
  readonly freshTerms?: boolean;
  /**
   * Collect the suggestion-count changes here instead of writing them (a bulk load writes them
   * once every many batches: the same words recur batch after batch).
   */
  readonly termSink?: Map<string, number>;
}

/**
 * Writes segmented entries (replacing earlier versions of the same documents) in the caller's
 * transaction, or in one of its own: the entry rows, the full-text rows and the suggestion counts.
 */
export async function writeSegmented(db: Db, items: readonly SegmentedEntry[], opts: WriteOptions = {}): Promise<void> {
  if (items.length === 0) return;
  // The same document twice in one batch: the last version wins.
  const byDoc = new Map(items.map((i) => [i.entry.documentId, i]));
  const batch = [...byDoc.values()];
  await inTransaction(db, async (trx) => {
    const sdb = searchDb(trx);
    const dialect = searchDialect(trx);
    const docIds = batch.map((i) => i.entry.documentId);
    const previous = docIds.length === 0 ? [] : await sdb.selectFrom('search_entries')
      .select(['document_id', 'sk', 'terms', 'site_ids']).where('document_id', 'in', docIds).execute();
    // Earlier versions: their full-text rows go; their entry rows are overwritten in place (an
    // upsert costs a third of delete + insert on SQLite, whose rows carry the body text).
    if (previous.length > 0) await dialect.deleteText(sdb, previous.map((p) => Number(p.sk)));
    const rows = await assignKeys(sdb, batch, opts.now ?? Date.now());
    await dialect.insertRows(sdb, rows);
    const before = opts.freshTerms ? [] : previous.map(storedTerms);
    const deltas = termDeltas(before, batch.map((i) => ({ terms: i.terms, siteIds: [i.entry.siteId, ...i.entry.extraSiteIds] })), opts.termSink);
    if (!opts.termSink) await applyTermDeltas(sdb, deltas);
  });
}

/** Gives each entry a search key no other document holds (see search-key.ts). */
async function assignKeys(db: SearchDb, batch: readonly SegmentedEntry[], now: number): Promise<PreparedRow[]> {
  const attempt = new Map<number, number>();
  const keyOf = (i: SegmentedEntry) => searchKey(KIND_GROUP[i.entry.kind], i.entry.publishedAt, i.entry.documentId, attempt.get(i.entry.documentId) ?? 0);
  for (let round = 0; ; round++) {
    const wanted = batch.map(keyOf);
    // A key held by another document is taken; a document's own earlier key is free for it.
    const holders = await db.selectFrom('search_entries').select(['sk', 'document_id']).where('sk', 'in', wanted).execute();
    const wantedBy = new Map(batch.map((i) => [keyOf(i), i.entry.documentId]));
    const taken = new Set(holders.filter((h) => wantedBy.get(Number(h.sk)) !== Number(h.document_id)).map((h) => Number(h.sk)));
    const clash = new Set(taken);
    // Two entries of this batch may also want the same key.
    const seen = new Set<number>();
    for (const k of wanted) (seen.has(k) ? clash : seen).add(k);
    if (clash.size === 0) break;
    if (round >= MAX_KEY_ATTEMPTS) throw new Error(`search: no free key for documents ${batch.filter((i) => clash.has(keyOf(i))).map((i) => i.entry.documentId).join(', ')}`);
    const kept = new Set<number>();
    for (const i of batch) {
      const k = keyOf(i);
      // Keep the first holder of a key that only this batch wants; move every other.
      if (clash.has(k) && (taken.has(k) || kept.has(k))) attempt.set(i.entry.documentId, (attempt.get(i.entry.documentId) ?? 0) + 1);
      else kept.add(k);
    }
  }
  return batch.map((i) => {
    const e = i.entry;
    const sk = keyOf(i);
    return {
      documentId: e.documentId, sk, title: i.title, body: i.body, meta: i.meta, tags: i.tags,
      // ENTRY_COLUMNS order.
      row: [
        e.documentId, sk, e.siteId, e.columnId, ids([e.siteId, ...e.extraSiteIds]), ids([e.columnId, ...e.extraColumnIds]),
        e.kind, KIND_GROUP[e.kind], e.title, e.bodyText.slice(0, MAX_INDEXED_BODY), e.summary, e.keywords,
        e.indexNumber, e.documentNumber, e.topicCategory, e.genre, e.issuingOrgName, e.publishedAt, e.url, i.terms.join(' '), now,
      ],
    };
  });
}

/** Adds or replaces documents in the index (segmentation included), in the caller's transaction if given one. */
export async function indexEntries(db: Db, entries: readonly SearchEntry[], opts: WriteOptions = {}): Promise<void> {
  await writeSegmented(db, entries.map(segmentEntry), opts);
}

/** Adds or replaces one document (upsert by documentId), in the caller's transaction if given one. */
export async function indexEntry(db: Db, entry: SearchEntry): Promise<void> {
  await indexEntries(db, [entry]);
}

/** Takes documents out of the index (withdrawal, unpublish); unknown ids are ignored. */
export async function removeEntries(db: Db, documentIds: readonly number[]): Promise<void> {
  if (documentIds.length === 0) return;
  await inTransaction(db, async (trx) => {
    const sdb = searchDb(trx);
    const previous = await sdb.selectFrom('search_entries').select(['document_id', 'sk', 'terms', 'site_ids']).where('document_id', 'in', [...documentIds]).execute();
    if (previous.length === 0) return;
    await searchDialect(trx).deleteText(sdb, previous.map((p) => Number(p.sk)));
    await sdb.deleteFrom('search_entries').where('document_id', 'in', previous.map((p) => Number(p.document_id))).execute();
    await applyTermDeltas(sdb, termDeltas(previous.map(storedTerms), []));
  });
}

export async function removeEntry(db: Db, documentId: number): Promise<void> {
  await removeEntries(db, [documentId]);
}
