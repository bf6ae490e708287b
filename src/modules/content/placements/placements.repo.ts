import type { Selectable } from 'kysely';
import type { Db } from '../../../db/index.js';
import type { PlacementsTable } from '../content.tables.js';

export type PlacementMode = PlacementsTable['mode'];
export type PlacementStatus = PlacementsTable['status'];
export type PlacementRow = Selectable<PlacementsTable>;

/** Statuses in which a placement occupies its column (a second one of the same origin is refused). */
export const ACTIVE_PLACEMENT_STATUSES: readonly PlacementStatus[] = ['pending', 'accepted'];

export interface PlacementView {
  readonly id: number;
  /** For a reference: the source document. For a copy: the copy (a document of the receiving site). */
  readonly documentId: number;
  readonly originDocumentId: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly mode: PlacementMode;
  readonly status: PlacementStatus;
  readonly createdBy: number;
  readonly createdAt: number;
  readonly decidedBy: number | null;
  readonly decidedAt: number | null;
  readonly note: string | null;
}

export function toPlacementView(r: PlacementRow): PlacementView {
  return {
    id: Number(r.id), documentId: Number(r.document_id), originDocumentId: Number(r.origin_document_id), siteId: Number(r.site_id),
    columnId: Number(r.column_id), mode: r.mode, status: r.status, createdBy: Number(r.created_by), createdAt: Number(r.created_at),
    decidedBy: r.decided_by === null ? null : Number(r.decided_by), decidedAt: r.decided_at === null ? null : Number(r.decided_at), note: r.note,
  };
}

export async function getPlacementRow(db: Db, id: number): Promise<PlacementRow | undefined> {
  return db.selectFrom('placements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The active placement of this origin document in that column, if any. */
export async function findActivePlacement(db: Db, originDocumentId: number, columnId: number): Promise<PlacementRow | undefined> {
  return db.selectFrom('placements').selectAll()
    .where('origin_document_id', '=', originDocumentId).where('column_id', '=', columnId)
    .where('status', 'in', [...ACTIVE_PLACEMENT_STATUSES]).executeTakeFirst();
}

export interface NewPlacement {
  readonly documentId: number;
  readonly originDocumentId: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly mode: PlacementMode;
  readonly status: PlacementStatus;
  readonly createdBy: number;
  readonly now: number;
}

export async function insertPlacement(trx: Db, p: NewPlacement): Promise<number> {
  const { id } = await trx.insertInto('placements').values({
    document_id: p.documentId, origin_document_id: p.originDocumentId, site_id: p.siteId, column_id: p.columnId, mode: p.mode,
    status: p.status, created_by: p.createdBy, created_at: p.now, decided_by: null, decided_at: null, note: null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/**
 * Moves a placement from one status to another; false when someone else moved it first (the
 * status guard makes concurrent decisions on one placement resolve to exactly one winner).
 */
export async function decidePlacementRow(trx: Db, q: { id: number; from: readonly PlacementStatus[]; to: PlacementStatus; by: number; note: string | null; now: number }): Promise<boolean> {
  const res = await trx.updateTable('placements').set({ status: q.to, decided_by: q.by, decided_at: q.now, note: q.note })
    .where('id', '=', q.id).where('status', 'in', [...q.from]).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Every placement that came from this document (references to it and copies of it), newest first. */
export async function listPlacementsOfOrigin(db: Db, originDocumentId: number): Promise<PlacementView[]> {
  const rows = await db.selectFrom('placements').selectAll().where('origin_document_id', '=', originDocumentId).orderBy('id', 'desc').execute();
  return rows.map(toPlacementView);
}

/** The placement that made this document a copy, if it is one. */
export async function copyOriginOf(db: Db, documentId: number): Promise<PlacementView | undefined> {
  const r = await db.selectFrom('placements').selectAll().where('document_id', '=', documentId).where('mode', '=', 'copy').executeTakeFirst();
  return r ? toPlacementView(r) : undefined;
}

/** Accepted references shown in a column (for list pages): the source documents' ids. */
export async function acceptedReferencesInColumn(db: Db, columnId: number): Promise<PlacementView[]> {
  const rows = await db.selectFrom('placements').selectAll()
    .where('column_id', '=', columnId).where('mode', '=', 'reference').where('status', '=', 'accepted').orderBy('id').execute();
  return rows.map(toPlacementView);
}

/** Columns of other sites that show this document by accepted reference (a publish must re-render them too). */
export async function referencingColumns(db: Db, documentId: number): Promise<{ siteId: number; columnId: number }[]> {
  const rows = await db.selectFrom('placements').select(['site_id', 'column_id'])
    .where('document_id', '=', documentId).where('mode', '=', 'reference').where('status', '=', 'accepted').orderBy('id').execute();
  return rows.map((r) => ({ siteId: Number(r.site_id), columnId: Number(r.column_id) }));
}
