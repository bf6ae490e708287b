import type { Selectable } from 'kysely';
import type { Db } from '../../../db/index.js';
import type { AttachmentsTable } from '../content.tables.js';

/** An attachment as the API shows it (the stored path never leaves the server). */
export interface AttachmentView {
  readonly id: number;
  readonly documentId: number;
  readonly editionId: number;
  /** The uploader's file name, sanitized; metadata only, never a path on disk. */
  readonly originalName: string;
  readonly mime: string;
  readonly ext: string;
  readonly size: number;
  /** SM3 of the content, hex. */
  readonly sm3: string;
  readonly createdBy: number;
  readonly createdAt: number;
}

export type AttachmentRow = Selectable<AttachmentsTable>;

export function toAttachmentView(r: AttachmentRow): AttachmentView {
  return {
    id: Number(r.id), documentId: Number(r.document_id), editionId: Number(r.edition_id), originalName: r.original_name, mime: r.mime,
    ext: r.ext, size: Number(r.size), sm3: r.sm3, createdBy: Number(r.created_by), createdAt: Number(r.created_at),
  };
}

export async function getAttachmentRow(db: Db, id: number): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAttachments(db: Db, editionId: number): Promise<AttachmentView[]> {
  const rows = await db.selectFrom('attachments').selectAll().where('edition_id', '=', editionId).orderBy('id').execute();
  return rows.map(toAttachmentView);
}

export interface NewAttachment {
  readonly documentId: number;
  readonly editionId: number;
  readonly originalName: string;
  readonly storedName: string;
  readonly mime: string;
  readonly ext: string;
  readonly size: number;
  readonly sm3: string;
  readonly createdBy: number;
  readonly now: number;
}

export async function insertAttachment(trx: Db, a: NewAttachment): Promise<AttachmentView> {
  const row = await trx.insertInto('attachments').values({
    document_id: a.documentId, edition_id: a.editionId, original_name: a.originalName, stored_name: a.storedName, mime: a.mime,
    ext: a.ext, size: a.size, sm3: a.sm3, extracted_text: null, created_by: a.createdBy, created_at: a.now,
  }).returningAll().executeTakeFirstOrThrow();
  return toAttachmentView(row);
}

/**
 * A new edition starts with its predecessor's attachments: new rows, same stored files. A copy
 * placed into another site names its own document (`toDocumentId`).
 */
export async function copyAttachmentRows(trx: Db, q: { fromEditionId: number; toEditionId: number; toDocumentId?: number; now: number }): Promise<void> {
  const rows = await trx.selectFrom('attachments').selectAll().where('edition_id', '=', q.fromEditionId).orderBy('id').execute();
  if (rows.length === 0) return;
  await trx.insertInto('attachments').values(rows.map((r) => ({
    document_id: q.toDocumentId ?? r.document_id, edition_id: q.toEditionId, original_name: r.original_name, stored_name: r.stored_name, mime: r.mime,
    ext: r.ext, size: r.size, sm3: r.sm3, extracted_text: r.extracted_text, created_by: r.created_by, created_at: r.created_at,
  }))).execute();
}

/** How many attachment rows still use a stored file (a file is removed only when none do). */
export async function countStoredNameUses(db: Db, storedName: string): Promise<number> {
  const r = await db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('stored_name', '=', storedName).executeTakeFirstOrThrow();
  return Number(r.n);
}
