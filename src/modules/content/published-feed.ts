import type { Db } from '../../db/index.js';
import { bodyText } from './body/sanitize-body.js';
import type { DocumentKind } from './content.tables.js';
import { articlePath } from './public-view.js';

/**
 * The published edition of each live document, with the fields a derived index needs (the
 * search module builds its entries from these and never reads content tables itself). Plain
 * text of the body, the sites and columns that show it by accepted reference, and its public
 * address (`articlePath`, fixed at first publication).
 */
export interface PublishedFields {
  readonly documentId: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly extraSiteIds: readonly number[];
  readonly extraColumnIds: readonly number[];
  readonly kind: DocumentKind;
  readonly title: string;
  readonly bodyText: string;
  readonly summary: string;
  readonly keywords: string;
  readonly indexNumber: string | null;
  readonly documentNumber: string | null;
  readonly topicCategory: string | null;
  readonly genre: string | null;
  readonly issuingOrgName: string;
  /** First publication (the date a public page shows), epoch ms. */
  readonly publishedAt: number;
  /** Site-relative path of the public page. */
  readonly url: string;
}

async function fieldsOf(db: Db, documentIds: readonly number[]): Promise<PublishedFields[]> {
  if (documentIds.length === 0) return [];
  const rows = await db.selectFrom('documents as d')
    .innerJoin('document_editions as e', 'e.id', 'd.published_edition_id')
    .select(['d.id', 'd.site_id', 'd.column_id', 'd.kind', 'd.index_number', 'd.first_published_at', 'e.published_at', 'e.title', 'e.body_html', 'e.summary',
      'e.keywords', 'e.document_number', 'e.topic_category', 'e.genre', 'e.issuing_org_name'])
    .where('d.id', 'in', [...documentIds]).where('d.status', '=', 'published').where('d.published_edition_id', 'is not', null)
    .orderBy('d.id').execute();
  const refs = await db.selectFrom('placements').select(['document_id', 'site_id', 'column_id'])
    .where('document_id', 'in', rows.map((r) => Number(r.id))).where('mode', '=', 'reference').where('status', '=', 'accepted').orderBy('id').execute();
  return rows.map((r) => {
    const id = Number(r.id);
    const mine = refs.filter((p) => Number(p.document_id) === id);
    const firstPublishedAt = Number(r.first_published_at ?? r.published_at ?? 0);
    return {
      documentId: id, siteId: Number(r.site_id), columnId: Number(r.column_id),
      extraSiteIds: [...new Set(mine.map((p) => Number(p.site_id)))], extraColumnIds: mine.map((p) => Number(p.column_id)),
      kind: r.kind, title: r.title, bodyText: bodyText(r.body_html), summary: r.summary, keywords: r.keywords,
      indexNumber: r.index_number, documentNumber: r.document_number, topicCategory: r.topic_category, genre: r.genre,
      issuingOrgName: r.issuing_org_name, publishedAt: firstPublishedAt, url: articlePath(id, firstPublishedAt),
    };
  });
}

/** One live document's published fields; undefined when it is not public (never published, withdrawn). */
export async function getPublishedFields(db: Db, documentId: number): Promise<PublishedFields | undefined> {
  return (await fieldsOf(db, [documentId]))[0];
}

/** Live documents with id > afterId, in id order, a page at a time (full rebuilds of derived indexes). */
export async function listPublishedFields(db: Db, q: { afterId: number; limit: number }): Promise<PublishedFields[]> {
  const ids = await db.selectFrom('documents').select('id').where('status', '=', 'published').where('published_edition_id', 'is not', null)
    .where('id', '>', q.afterId).orderBy('id').limit(q.limit).execute();
  return fieldsOf(db, ids.map((r) => Number(r.id)));
}
