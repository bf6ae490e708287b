import type { Db } from '../../db/index.js';

export interface PublishedItem {
  readonly siteId: number;
  readonly columnId: number;
  readonly documentId: number;
  readonly seq: number;
  readonly title: string;
  readonly path: string;
  readonly kind: string;
  readonly publishedAt: number;
  readonly via: 'own' | 'reference';
}

type Row = { site_id: number; column_id: number; document_id: number; seq: number; title: string; path: string; kind: string; published_at: number; via: string };

function toItem(r: Row): PublishedItem {
  return {
    siteId: Number(r.site_id), columnId: Number(r.column_id), documentId: Number(r.document_id), seq: Number(r.seq), title: r.title,
    path: r.path, kind: r.kind, publishedAt: Number(r.published_at), via: r.via === 'reference' ? 'reference' : 'own',
  };
}

/** Next position in the column: one statement creates or increments the counter under its row lock. */
async function nextSeq(trx: Db, columnId: number): Promise<number> {
  const r = await trx.insertInto('column_sequences').values({ column_id: columnId, last_seq: 1 })
    .onConflict((oc) => oc.column('column_id').doUpdateSet((eb) => ({ last_seq: eb('column_sequences.last_seq', '+', 1) })))
    .returning('last_seq').executeTakeFirstOrThrow();
  return Number(r.last_seq);
}

export async function lastSeq(db: Db, columnId: number): Promise<number> {
  const r = await db.selectFrom('column_sequences').select('last_seq').where('column_id', '=', columnId).executeTakeFirst();
  return r ? Number(r.last_seq) : 0;
}

/** Adds the document to the column (a new position) or refreshes its title and path (same position). */
export async function upsertItem(trx: Db, item: Omit<PublishedItem, 'seq'>): Promise<{ seq: number; isNew: boolean }> {
  const existing = await trx.selectFrom('published_items').select('seq').where('column_id', '=', item.columnId).where('document_id', '=', item.documentId).executeTakeFirst();
  if (existing) {
    await trx.updateTable('published_items').set({ title: item.title, path: item.path, kind: item.kind, published_at: item.publishedAt, via: item.via, site_id: item.siteId })
      .where('column_id', '=', item.columnId).where('document_id', '=', item.documentId).execute();
    return { seq: Number(existing.seq), isNew: false };
  }
  const seq = await nextSeq(trx, item.columnId);
  await trx.insertInto('published_items').values({
    site_id: item.siteId, column_id: item.columnId, document_id: item.documentId, seq, title: item.title, path: item.path,
    kind: item.kind, published_at: item.publishedAt, via: item.via,
  }).execute();
  return { seq, isNew: true };
}

export async function removeItem(trx: Db, columnId: number, documentId: number): Promise<void> {
  await trx.deleteFrom('published_items').where('column_id', '=', columnId).where('document_id', '=', documentId).execute();
}

export async function itemsOfDocument(db: Db, documentId: number): Promise<PublishedItem[]> {
  return (await db.selectFrom('published_items').selectAll().where('document_id', '=', documentId).orderBy('column_id').execute()).map(toItem);
}

/** Items with positions in [from, to], newest first. */
export async function itemsInRange(db: Db, columnId: number, from: number, to: number): Promise<PublishedItem[]> {
  const rows = await db.selectFrom('published_items').selectAll().where('column_id', '=', columnId)
    .where('seq', '>=', from).where('seq', '<=', to).orderBy('seq', 'desc').execute();
  return rows.map(toItem);
}

async function latestInColumn(db: Db, columnId: number, limit: number): Promise<PublishedItem[]> {
  return (await db.selectFrom('published_items').selectAll().where('column_id', '=', columnId).orderBy('seq', 'desc').limit(limit).execute()).map(toItem);
}

/** The newest items of a site by publish time (feeds), each document once. */
export async function latestInSite(db: Db, siteId: number, limit: number): Promise<PublishedItem[]> {
  const rows = await db.selectFrom('published_items').selectAll().where('site_id', '=', siteId)
    .orderBy('published_at', 'desc').orderBy('document_id', 'desc').limit(limit * 2).execute();
  const seen = new Set<number>();
  return rows.map(toItem).filter((i) => (seen.has(i.documentId) ? false : (seen.add(i.documentId), true))).slice(0, limit);
}

/** A site's items published in [from, to) (one sitemap chunk), each path once. */
export async function siteItemsBetween(db: Db, siteId: number, from: number, to: number): Promise<PublishedItem[]> {
  const rows = await db.selectFrom('published_items').selectAll().where('site_id', '=', siteId)
    .where('published_at', '>=', from).where('published_at', '<', to).orderBy('published_at').orderBy('document_id').execute();
  const seen = new Set<string>();
  return rows.map(toItem).filter((i) => (seen.has(i.path) ? false : (seen.add(i.path), true)));
}

/** The earliest publish time of a site's items at or after `from` (null: none), by one seek in the (site, time) index. */
export async function firstItemTimeFrom(db: Db, siteId: number, from: number | null): Promise<number | null> {
  let q = db.selectFrom('published_items').select('published_at').where('site_id', '=', siteId);
  if (from !== null) q = q.where('published_at', '>=', from);
  const r = await q.orderBy('published_at').limit(1).executeTakeFirst();
  return r ? Number(r.published_at) : null;
}

/** The latest publish time of a site's items before `to` (null: none), by one index seek. */
export async function lastItemTimeBefore(db: Db, siteId: number, to: number): Promise<number | null> {
  const r = await db.selectFrom('published_items').select('published_at').where('site_id', '=', siteId).where('published_at', '<', to)
    .orderBy('published_at', 'desc').limit(1).executeTakeFirst();
  return r ? Number(r.published_at) : null;
}

/** Deletes a site's items other than the `column:document` pairs named (full rebuilds). */
export async function removeItemsExcept(db: Db, siteId: number, keep: ReadonlySet<string>): Promise<{ columnId: number; documentId: number }[]> {
  const rows = await db.selectFrom('published_items').select(['column_id', 'document_id']).where('site_id', '=', siteId).execute();
  const stale = rows.map((r) => ({ columnId: Number(r.column_id), documentId: Number(r.document_id) })).filter((r) => !keep.has(`${r.columnId}:${r.documentId}`));
  for (const r of stale) await db.deleteFrom('published_items').where('column_id', '=', r.columnId).where('document_id', '=', r.documentId).execute();
  return stale;
}

/**
 * The newest items of one or several columns together by publish time (feeds, the JSON API, a
 * parent column's block showing its sub-columns too), each document once.
 */
export async function latestInColumns(db: Db, columnIds: readonly number[], limit: number): Promise<PublishedItem[]> {
  if (columnIds.length === 0) return [];
  // Each column's newest by its list position (one short index range each: no sort of a whole
  // subtree's items, which took 24–36 ms at 100,000 documents), merged by publish time.
  // Twice the limit per column: positions follow the order publish jobs ran in, which concurrent
  // workers may swap for items approved moments apart; sorting twice as many by time covers it.
  const rows = (await Promise.all([...new Set(columnIds)].map((id) => latestInColumn(db, id, limit * 2)))).flat();
  rows.sort((a, b) => b.publishedAt - a.publishedAt || b.documentId - a.documentId);
  const seen = new Set<number>();
  return rows.filter((i) => (seen.has(i.documentId) ? false : (seen.add(i.documentId), true))).slice(0, limit);
}
