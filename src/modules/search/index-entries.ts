import { inTransaction, type Db } from '../../db/index.js';
import { searchDialect, type PreparedRow, type SearchDb } from './dialect/index.js';
import { normalizeText } from './normalize.js';
import { tagsOf } from './reserved-tokens.js';
import { KIND_GROUP, type SearchEntry } from './search.types.js';
import { searchKey } from './search-key.js';
import { segmentNormalized } from './segmenter.js';
import { applyTermDeltas, termDeltas, type TermSource } from './suggestion-terms.js';

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
}

const seg = (text: string): string => segmentNormalized(normalizeText(text)).join(' ');

export function segmentEntry(entry: SearchEntry): SegmentedEntry {
  const body = entry.bodyText.slice(0, MAX_INDEXED_BODY);
  // The summary is often the body's first paragraph: indexing it twice would only inflate counts.
  const summary = entry.summary.trim() !== '' && !body.includes(entry.summary.trim()) ? `${entry.summary}\n` : '';
  return {
    entry,
    title: seg(entry.title),
    body: seg(summary + body),
    meta: seg([entry.keywords, entry.issuingOrgName, entry.documentNumber ?? ''].join('\n')),
    tags: tagsOf({ siteIds: [entry.siteId, ...entry.extraSiteIds], columnIds: [entry.columnId, ...entry.extraColumnIds], topicCategory: entry.topicCategory, genre: entry.genre }),
  };
}

function termSource(e: SearchEntry): TermSource {
  return { title: e.title, keywords: e.keywords, siteIds: [e.siteId, ...e.extraSiteIds] };
}

export interface WriteOptions {
  /** Epoch ms stored as indexed_at. */
  readonly now?: number;
  /** The suggestion vocabulary was emptied for a rebuild: add this entry's words, subtract nothing. */
  readonly freshTerms?: boolean;
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
      .select(['document_id', 'sk', 'title', 'keywords', 'site_ids']).where('document_id', 'in', docIds).execute();
    if (previous.length > 0) {
      await dialect.deleteText(sdb, previous.map((p) => Number(p.sk)));
      await sdb.deleteFrom('search_entries').where('document_id', 'in', previous.map((p) => Number(p.document_id))).execute();
    }
    const rows = await assignKeys(sdb, batch, opts.now ?? Date.now());
    await dialect.insertRows(sdb, rows);
    const before: TermSource[] = opts.freshTerms ? [] : previous.map((p) => ({
      title: p.title, keywords: p.keywords, siteIds: p.site_ids.split(',').filter(Boolean).map(Number),
    }));
    await applyTermDeltas(sdb, termDeltas(before, batch.map((i) => termSource(i.entry))));
  });
}

/** Gives each entry a search key no other document holds (see search-key.ts). */
async function assignKeys(db: SearchDb, batch: readonly SegmentedEntry[], now: number): Promise<PreparedRow[]> {
  const attempt = new Map<number, number>();
  const keyOf = (i: SegmentedEntry) => searchKey(KIND_GROUP[i.entry.kind], i.entry.publishedAt, i.entry.documentId, attempt.get(i.entry.documentId) ?? 0);
  for (let round = 0; ; round++) {
    const wanted = batch.map(keyOf);
    // Earlier versions of these documents were deleted: a key still present belongs to another document.
    const taken = new Set((await db.selectFrom('search_entries').select('sk').where('sk', 'in', wanted).execute()).map((t) => Number(t.sk)));
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
      row: {
        document_id: e.documentId, sk, site_id: e.siteId, column_id: e.columnId,
        site_ids: ids([e.siteId, ...e.extraSiteIds]), column_ids: ids([e.columnId, ...e.extraColumnIds]),
        kind: e.kind, grp: KIND_GROUP[e.kind], title: e.title, body: e.bodyText.slice(0, MAX_INDEXED_BODY), summary: e.summary, keywords: e.keywords,
        index_number: e.indexNumber, document_number: e.documentNumber, topic_category: e.topicCategory, genre: e.genre,
        issuing_org_name: e.issuingOrgName, published_at: e.publishedAt, url: e.url, indexed_at: now,
      },
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
    const previous = await sdb.selectFrom('search_entries').select(['document_id', 'sk', 'title', 'keywords', 'site_ids']).where('document_id', 'in', [...documentIds]).execute();
    if (previous.length === 0) return;
    await searchDialect(trx).deleteText(sdb, previous.map((p) => Number(p.sk)));
    await sdb.deleteFrom('search_entries').where('document_id', 'in', previous.map((p) => Number(p.document_id))).execute();
    await applyTermDeltas(sdb, termDeltas(previous.map((p) => ({ title: p.title, keywords: p.keywords, siteIds: p.site_ids.split(',').filter(Boolean).map(Number) })), []));
  });
}

export async function removeEntry(db: Db, documentId: number): Promise<void> {
  await removeEntries(db, [documentId]);
}
