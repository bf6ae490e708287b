import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import type { DocumentEditionsTable, EditionStatus } from './content.tables.js';
import type { EditionFields } from './metadata/validate-fields.js';
import { TOPIC_CATEGORY_VERSION } from './metadata/topic-categories.js';

/** One edition (版本) of a document: its content, metadata and place in the workflow. */
export interface EditionView extends EditionFields {
  readonly id: number;
  readonly documentId: number;
  readonly number: number;
  readonly status: EditionStatus;
  /** Optimistic lock: a save names the version it edited; monotonic across a document's editions. */
  readonly lockVersion: number;
  readonly topicCategoryVersion: string | null;
  readonly authorId: number;
  /** Who last changed this edition (content or state). */
  readonly lastEditorId: number;
  readonly reviewStep: number;
  /** Results of the machine checks (JSON written by the checks module). */
  readonly checks: unknown;
  readonly scheduledPublishAt: number | null;
  readonly scheduledUnpublishAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly submittedAt: number | null;
  readonly approvedAt: number | null;
  /** Set by the system (markPublished) when this edition went public. */
  readonly publishedAt: number | null;
}

export type EditionRow = Selectable<DocumentEditionsTable>;

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function parseChecks(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return [];
  }
}

export function toEditionView(r: EditionRow): EditionView {
  return {
    id: Number(r.id), documentId: Number(r.document_id), number: Number(r.number), status: r.status, lockVersion: Number(r.lock_version),
    title: r.title, subtitle: r.subtitle, bodyHtml: r.body_html, summary: r.summary, keywords: r.keywords,
    documentNumber: r.document_number, topicCategory: r.topic_category, topicCategoryVersion: r.topic_category_version, genre: r.genre,
    validity: r.validity, validityDate: r.validity_date, issuingOrgName: r.issuing_org_name, dateWritten: r.date_written, source: r.source,
    correctionNote: r.correction_note, authorId: Number(r.author_id), lastEditorId: Number(r.last_editor_id), reviewStep: Number(r.review_step),
    checks: parseChecks(r.checks), scheduledPublishAt: num(r.scheduled_publish_at), scheduledUnpublishAt: num(r.scheduled_unpublish_at),
    createdAt: Number(r.created_at), updatedAt: Number(r.updated_at), submittedAt: num(r.submitted_at), approvedAt: num(r.approved_at),
    publishedAt: num(r.published_at),
  };
}

/** The editable fields of an edition, e.g. to copy them into the next one. */
export function fieldsOf(e: EditionView): EditionFields {
  return {
    title: e.title, subtitle: e.subtitle, bodyHtml: e.bodyHtml, summary: e.summary, keywords: e.keywords, documentNumber: e.documentNumber,
    topicCategory: e.topicCategory, genre: e.genre, validity: e.validity, validityDate: e.validityDate, issuingOrgName: e.issuingOrgName,
    dateWritten: e.dateWritten, source: e.source, correctionNote: e.correctionNote,
  };
}

/** Field values as columns. The topic category is stamped with the tree version it was checked against. */
export function fieldColumns(f: EditionFields): Updateable<DocumentEditionsTable> {
  return {
    title: f.title, subtitle: f.subtitle, body_html: f.bodyHtml, summary: f.summary, keywords: f.keywords, document_number: f.documentNumber,
    topic_category: f.topicCategory, topic_category_version: f.topicCategory === null ? null : TOPIC_CATEGORY_VERSION, genre: f.genre,
    validity: f.validity, validity_date: f.validityDate, issuing_org_name: f.issuingOrgName, date_written: f.dateWritten, source: f.source,
    correction_note: f.correctionNote,
  };
}

export async function getEditionRow(db: Db, id: number): Promise<EditionRow | undefined> {
  return db.selectFrom('document_editions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An edition by id (no scope check). */
export async function getEdition(db: Db, id: number): Promise<EditionView | undefined> {
  const r = await getEditionRow(db, id);
  return r ? toEditionView(r) : undefined;
}

/** Every edition of a document, newest first. */
export async function listEditions(db: Db, documentId: number): Promise<EditionView[]> {
  const rows = await db.selectFrom('document_editions').selectAll().where('document_id', '=', documentId).orderBy('number', 'desc').execute();
  return rows.map(toEditionView);
}

export interface NewEdition {
  readonly documentId: number;
  readonly number: number;
  readonly lockVersion: number;
  readonly fields: EditionFields;
  readonly authorId: number;
  readonly now: number;
}

/** Inserts a draft edition. */
export async function insertEdition(trx: Db, e: NewEdition): Promise<number> {
  const f = fieldColumns(e.fields);
  const { id } = await trx.insertInto('document_editions').values({
    document_id: e.documentId, number: e.number, status: 'draft', lock_version: e.lockVersion,
    title: e.fields.title, subtitle: e.fields.subtitle, body_html: e.fields.bodyHtml, summary: e.fields.summary, keywords: e.fields.keywords,
    document_number: e.fields.documentNumber, topic_category: e.fields.topicCategory, topic_category_version: f.topic_category_version ?? null,
    genre: e.fields.genre, validity: e.fields.validity, validity_date: e.fields.validityDate, issuing_org_name: e.fields.issuingOrgName,
    date_written: e.fields.dateWritten, source: e.fields.source, correction_note: e.fields.correctionNote,
    author_id: e.authorId, last_editor_id: e.authorId, review_step: 0, checks: '[]', scheduled_publish_at: null, scheduled_unpublish_at: null,
    created_at: e.now, updated_at: e.now, submitted_at: null, approved_at: null, published_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/**
 * Saves fields when the edition still has the lock version the editor loaded; bumps it.
 * Returns false when someone else saved first (the caller answers 409).
 */
export async function updateEditionFields(trx: Db, q: { id: number; lockVersion: number; fields: EditionFields; editorId: number; now: number }): Promise<boolean> {
  const res = await trx.updateTable('document_editions')
    .set({ ...fieldColumns(q.fields), lock_version: q.lockVersion + 1, last_editor_id: q.editorId, updated_at: q.now })
    .where('id', '=', q.id).where('lock_version', '=', q.lockVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
