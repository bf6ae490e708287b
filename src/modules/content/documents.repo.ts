import type { Selectable } from 'kysely';
import type { Db } from '../../db/index.js';
import type { DocumentKind, DocumentStatus, DocumentsTable } from './content.tables.js';

/** A document (the stable identity across editions) as other modules and the API see it. */
export interface DocumentView {
  readonly id: number;
  readonly siteId: number;
  readonly columnId: number;
  /** Issuing organization (index numbers are allocated per organization and year). */
  readonly orgId: number;
  readonly kind: DocumentKind;
  readonly indexNumber: string | null;
  readonly status: DocumentStatus;
  readonly currentEditionId: number;
  readonly publishedEditionId: number | null;
  readonly isMajor: boolean;
  readonly interpretsId: number | null;
  readonly createdBy: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Set by the system when the document first went public; never by a user. */
  readonly firstPublishedAt: number | null;
  readonly lastPublishedAt: number | null;
  readonly withdrawnAt: number | null;
  readonly withdrawReason: string | null;
  readonly withdrawPublic: boolean;
  /** Set when the editor chose to send visitors elsewhere instead of showing the notice. */
  readonly withdrawRedirect: string | null;
}

export type DocumentRow = Selectable<DocumentsTable>;

const num = (v: number | null): number | null => (v === null ? null : Number(v));

export function toDocumentView(r: DocumentRow): DocumentView {
  return {
    id: Number(r.id), siteId: Number(r.site_id), columnId: Number(r.column_id), orgId: Number(r.org_id), kind: r.kind,
    indexNumber: r.index_number, status: r.status, currentEditionId: Number(r.current_edition_id), publishedEditionId: num(r.published_edition_id),
    isMajor: Number(r.is_major) === 1, interpretsId: num(r.interprets_id), createdBy: Number(r.created_by),
    createdAt: Number(r.created_at), updatedAt: Number(r.updated_at), firstPublishedAt: num(r.first_published_at),
    lastPublishedAt: num(r.last_published_at), withdrawnAt: num(r.withdrawn_at), withdrawReason: r.withdraw_reason,
    withdrawPublic: Number(r.withdraw_public) === 1, withdrawRedirect: r.withdraw_redirect ?? null,
  };
}

export async function getDocumentRow(db: Db, id: number): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A document by id (no scope check: callers that act for a user check scope themselves). */
export async function getDocument(db: Db, id: number): Promise<DocumentView | undefined> {
  const r = await getDocumentRow(db, id);
  return r ? toDocumentView(r) : undefined;
}

export interface NewDocument {
  readonly siteId: number;
  readonly columnId: number;
  readonly orgId: number;
  readonly kind: DocumentKind;
  readonly indexNumber: string | null;
  readonly createdBy: number;
  readonly now: number;
}

/** Inserts the document row; its first edition is attached right after (current_edition_id). */
export async function insertDocument(trx: Db, d: NewDocument): Promise<number> {
  const { id } = await trx.insertInto('documents').values({
    site_id: d.siteId, column_id: d.columnId, org_id: d.orgId, kind: d.kind, index_number: d.indexNumber, status: 'draft',
    current_edition_id: null, published_edition_id: null, is_major: 0, interprets_id: null, created_by: d.createdBy,
    created_at: d.now, updated_at: d.now, first_published_at: null, last_published_at: null, withdrawn_at: null,
    withdraw_reason: null, withdraw_public: 1, withdraw_redirect: null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}
