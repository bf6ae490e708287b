import { sql } from 'kysely';
import type { Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { DocumentKind, DocumentStatus, EditionStatus } from '../content.tables.js';
import { ContentErrors } from '../errors.js';
import { documentReadScope, type ReadScope } from '../read-scope.js';

export interface ListDocumentsInput {
  readonly siteId?: number | undefined;
  readonly columnId?: number | undefined;
  readonly status?: DocumentStatus | undefined;
  readonly kind?: DocumentKind | undefined;
  /** Part of the title, the index number or the document number. */
  readonly q?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

export interface DocumentListItem {
  readonly id: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly kind: DocumentKind;
  readonly status: DocumentStatus;
  readonly indexNumber: string | null;
  readonly title: string;
  readonly documentNumber: string | null;
  readonly editionNumber: number;
  readonly editionStatus: EditionStatus;
  /** A newer edition than the public one is being worked on. */
  readonly hasUnpublishedChanges: boolean;
  readonly firstPublishedAt: number | null;
  readonly updatedAt: number;
}

/** Keyset cursor: the (updated_at, id) of the last row shown, opaque to clients. */
export function encodeCursor(updatedAt: number, id: number): string {
  return Buffer.from(`${updatedAt}.${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: number; id: number } {
  const m = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m) throw new AppError(ContentErrors['content.list.bad_cursor']);
  return { updatedAt: Number(m[1]), id: Number(m[2]) };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The admin document list: newest change first, keyset-paginated on (updated_at, id) so a page
 * deep in a million rows costs the same as the first. Rows are limited to what the actor may
 * read (whole sites, or the column subtrees granted to them).
 */
export async function listDocuments({ db, actor, input }: { db: Db; actor: Actor; input: ListDocumentsInput }): Promise<DocumentList> {
  return queryDocumentList(db, await documentReadScope(db, actor), input, 'd.current_edition_id');
}

/**
 * The resource library: published documents of every site, for editors choosing what to place
 * into their own columns. Only the public state is listed, so no draft of another site shows.
 */
export async function listLibrary({ db, input }: { db: Db; input: Omit<ListDocumentsInput, 'status'> }): Promise<DocumentList> {
  // Joined on the published edition: a newer draft's title must not show to other sites.
  return queryDocumentList(db, 'all', { ...input, status: 'published' }, 'd.published_edition_id');
}

export interface DocumentList {
  readonly items: DocumentListItem[];
  readonly nextCursor: string | null;
}

async function queryDocumentList(db: Db, scope: ReadScope, input: ListDocumentsInput, edition: 'd.current_edition_id' | 'd.published_edition_id'): Promise<DocumentList> {
  const limit = input.limit ?? 20;
  if (scope !== 'all' && scope.siteIds.length === 0 && scope.columnIds.length === 0) return { items: [], nextCursor: null };
  let q = db.selectFrom('documents as d').innerJoin('document_editions as e', 'e.id', edition)
    .select(['d.id', 'd.site_id', 'd.column_id', 'd.kind', 'd.status', 'd.index_number', 'd.published_edition_id', 'd.first_published_at', 'd.updated_at',
      'e.title', 'e.document_number', 'e.number', 'e.status as edition_status']);
  if (scope !== 'all') {
    const { siteIds, columnIds } = scope;
    // Unary + makes the scope a filter only: as an index constraint SQLite would read every
    // document in scope and sort them all; an index in list order then drives the query instead.
    const filterOnly = (col: 'd.site_id' | 'd.column_id') => sql<number>`+${sql.ref(col)}`;
    q = q.where((eb) => eb.or([
      ...(siteIds.length > 0 ? [eb(filterOnly('d.site_id'), 'in', [...siteIds])] : []),
      ...(columnIds.length > 0 ? [eb(filterOnly('d.column_id'), 'in', [...columnIds])] : []),
    ]));
  }
  if (input.siteId !== undefined) q = q.where('d.site_id', '=', input.siteId);
  if (input.columnId !== undefined) q = q.where('d.column_id', '=', input.columnId);
  if (input.status !== undefined) q = q.where('d.status', '=', input.status);
  if (input.kind !== undefined) q = q.where('d.kind', '=', input.kind);
  const text = input.q?.trim();
  if (text) {
    const pattern = `%${escapeLike(text)}%`;
    // An explicit ESCAPE: SQLite has no default escape character for LIKE.
    const like = (col: 'e.title' | 'd.index_number' | 'e.document_number') => sql<boolean>`${sql.ref(col)} like ${pattern} escape '\\'`;
    q = q.where((eb) => eb.or([like('e.title'), like('d.index_number'), like('e.document_number')]));
  }
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    // A row-value comparison, so both engines seek to the cursor in the index instead of scanning from the top.
    q = q.where((eb) => eb(eb.refTuple('d.updated_at', 'd.id'), '<', eb.tuple(c.updatedAt, c.id)));
  }
  const rows = await q.orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: Number(r.id), siteId: Number(r.site_id), columnId: Number(r.column_id), kind: r.kind, status: r.status, indexNumber: r.index_number,
      title: r.title, documentNumber: r.document_number, editionNumber: Number(r.number), editionStatus: r.edition_status,
      hasUnpublishedChanges: r.published_edition_id !== null && r.edition_status !== 'published',
      firstPublishedAt: r.first_published_at === null ? null : Number(r.first_published_at), updatedAt: Number(r.updated_at),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(Number(last.updated_at), Number(last.id)) : null,
  };
}
