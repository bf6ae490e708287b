import type { Db } from '../../db/index.js';
import { formatShanghai } from '../../platform/i18n/format-time.js';
import { listAttachments, type AttachmentView } from './attachments/attachments.repo.js';
import { attachmentsRoot, storedPath } from './attachments/attachment-store.js';
import { getDocument, type DocumentView } from './documents.repo.js';
import { getEdition, type EditionView } from './editions.repo.js';

/**
 * What the public may see of a document: only its published edition (never a draft or an
 * edition in review), its attachments, and — once withdrawn — the withdrawal notice. The
 * publishing module renders from this and nothing else.
 */
export interface PublicDocument {
  readonly document: DocumentView;
  /** The published edition; null when withdrawn (or never published). */
  readonly edition: EditionView | null;
  readonly attachments: readonly PublicAttachment[];
}

/** An attachment of the published edition, with where its bytes are stored (for copying into the page store). */
export interface PublicAttachment extends AttachmentView {
  readonly storedName: string;
}

export async function getPublicDocument(db: Db, documentId: number): Promise<PublicDocument | undefined> {
  const document = await getDocument(db, documentId);
  if (!document || document.firstPublishedAt === null) return undefined;
  const live = document.status === 'published' && document.publishedEditionId !== null;
  const edition = live ? (await getEdition(db, document.publishedEditionId!)) ?? null : null;
  if (!edition) return { document, edition, attachments: [] };
  const stored = new Map((await db.selectFrom('attachments').select(['id', 'stored_name']).where('edition_id', '=', edition.id).execute()).map((r) => [Number(r.id), r.stored_name]));
  const attachments = (await listAttachments(db, edition.id)).map((a) => ({ ...a, storedName: stored.get(a.id) ?? '' }));
  return { document, edition, attachments };
}

/**
 * The public address of a document's page on any site that shows it, fixed at first publication
 * (`/art/<yyyy>/<mm>/<id>.html`, Beijing time): moving the document to another column never
 * changes it, so links and bookmarks keep working.
 */
export function articlePath(documentId: number, firstPublishedAt: number): string {
  const ym = formatShanghai(firstPublishedAt).slice(0, 7).replace('-', '/');
  return `/art/${ym}/${documentId}.html`;
}

/** Where an attachment's bytes are on disk (the attachment store, outside every served folder). */
export function attachmentFilePath(dataDir: string, storedName: string): string {
  return storedPath(attachmentsRoot(dataDir), storedName);
}

/**
 * Published documents (of one site, or all), in order of first publication, a page at a time
 * after the cursor (full rebuilds number list positions in this order).
 */
export async function listPublishedDocumentIds(db: Db, q: { siteId?: number; after: { at: number; id: number } | null; limit: number }): Promise<{ id: number; at: number }[]> {
  let query = db.selectFrom('documents').select(['id', 'first_published_at']).where('status', '=', 'published').where('first_published_at', 'is not', null);
  if (q.siteId !== undefined) query = query.where('site_id', '=', q.siteId);
  const after = q.after;
  if (after) query = query.where((eb) => eb.or([eb('first_published_at', '>', after.at), eb.and([eb('first_published_at', '=', after.at), eb('id', '>', after.id)])]));
  const rows = await query.orderBy('first_published_at').orderBy('id').limit(q.limit).execute();
  return rows.map((r) => ({ id: Number(r.id), at: Number(r.first_published_at) }));
}

/** How many published documents (progress bars of full rebuilds). */
export async function countPublishedDocuments(db: Db, siteId?: number): Promise<number> {
  let query = db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published');
  if (siteId !== undefined) query = query.where('site_id', '=', siteId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
