import type { Db } from '../../db/index.js';
import { toDocumentView, type DocumentView } from './documents.repo.js';
import type { ReadScope } from './read-scope.js';

/**
 * Edition and document changes the review workflow (src/modules/workflow) needs besides the
 * status transitions of edition-status.ts. They never touch content fields or the lock version
 * of a draft's text, so an editor's open form stays valid; none of them audits: the calling
 * workflow operation audits its action in the same transaction.
 */

/**
 * Moves an edition in review from step `from` to `to`. Returns false when the edition is no
 * longer in review at `from` (someone else acted first), so the caller answers 409.
 */
export async function setReviewStep(trx: Db, q: { editionId: number; from: number; to: number; now: number }): Promise<boolean> {
  const res = await trx.updateTable('document_editions')
    .set((eb) => ({ review_step: q.to, updated_at: q.now, lock_version: eb('lock_version', '+', 1) }))
    .where('id', '=', q.editionId).where('status', '=', 'in_review').where('review_step', '=', q.from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Stores the machine-check results of an edition (derived data: the lock version is unchanged):
 * replaces an edition's stored checks with what `next` makes of the stored ones and the body,
 * under the row's lock (call inside a transaction): two writers (a review action storing its
 * checks, the link-check job storing its findings) each see the other's last write. Nothing is
 * written when `next` returns null or the edition is gone.
 */
export async function mergeEditionChecks(trx: Db, editionId: number, next: (current: { checks: unknown; bodyHtml: string }) => unknown): Promise<void> {
  // A write first: on PostgreSQL it takes the row lock a plain read would not (SQLite has one writer).
  await trx.updateTable('document_editions').set((eb) => ({ checks: eb.ref('checks') })).where('id', '=', editionId).execute();
  const row = await trx.selectFrom('document_editions').select(['checks', 'body_html']).where('id', '=', editionId).executeTakeFirst();
  if (!row) return;
  let checks: unknown = [];
  try {
    checks = JSON.parse(row.checks) as unknown;
  } catch { /* unreadable: as none */ }
  const result = next({ checks, bodyHtml: row.body_html });
  if (result !== null) await trx.updateTable('document_editions').set({ checks: JSON.stringify(result) }).where('id', '=', editionId).execute();
}

/** Sets (number), clears (null) or keeps (undefined) the scheduled publish and unpublish times. */
export async function setEditionSchedule(trx: Db, q: { editionId: number; publishAt: number | null | undefined; unpublishAt: number | null | undefined; now: number }): Promise<void> {
  await trx.updateTable('document_editions').set({
    updated_at: q.now,
    ...(q.publishAt !== undefined ? { scheduled_publish_at: q.publishAt } : {}),
    ...(q.unpublishAt !== undefined ? { scheduled_unpublish_at: q.unpublishAt } : {}),
  }).where('id', '=', q.editionId).execute();
}

/** Records why a document was withdrawn (撤稿) and whether the notice is shown publicly; call before the edition becomes 'withdrawn'. */
export async function setWithdrawalInfo(trx: Db, q: { documentId: number; reason: string; showPublicly: boolean; redirectTo?: string | null; now: number }): Promise<void> {
  await trx.updateTable('documents')
    .set({ withdrawn_at: q.now, withdraw_reason: q.reason, withdraw_public: q.showPublicly ? 1 : 0, withdraw_redirect: q.redirectTo ?? null, updated_at: q.now })
    .where('id', '=', q.documentId).execute();
}

/** Marks a policy as major and/or links an interpretation to the policy it interprets. */
export async function setPolicyLinks(trx: Db, q: { documentId: number; isMajor?: boolean | undefined; interpretsId?: number | null | undefined; now: number }): Promise<void> {
  await trx.updateTable('documents').set({
    updated_at: q.now,
    ...(q.isMajor !== undefined ? { is_major: q.isMajor ? 1 : 0 } : {}),
    ...(q.interpretsId !== undefined ? { interprets_id: q.interpretsId } : {}),
  }).where('id', '=', q.documentId).execute();
}

/** Documents that interpret this policy (links both ways: policy → its interpretations). */
export async function listInterpretationsOf(db: Db, policyId: number): Promise<DocumentView[]> {
  const rows = await db.selectFrom('documents').selectAll().where('interprets_id', '=', policyId).orderBy('id').execute();
  return rows.map(toDocumentView);
}

/** Text extracted from an edition's Word/PDF attachments, for the personal-data checks. */
export async function editionAttachmentTexts(db: Db, editionId: number): Promise<{ name: string; text: string }[]> {
  const rows = await db.selectFrom('attachments').select(['original_name', 'extracted_text']).where('edition_id', '=', editionId).orderBy('id').execute();
  return rows.flatMap((r) => (r.extracted_text ? [{ name: r.original_name, text: r.extracted_text }] : []));
}

/** A document's current edition as review queues show it. */
export interface QueueEntry {
  readonly documentId: number;
  readonly editionId: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly kind: DocumentView['kind'];
  readonly title: string;
  readonly reviewStep: number;
  readonly authorId: number;
  readonly lastEditorId: number;
  readonly submittedAt: number | null;
  readonly updatedAt: number;
  /** The stored machine-check results (JSON text). */
  readonly checks: string;
}

function queueQuery(db: Db) {
  return db.selectFrom('documents as d').innerJoin('document_editions as e', 'e.id', 'd.current_edition_id')
    .select(['d.id as document_id', 'e.id as edition_id', 'd.site_id', 'd.column_id', 'd.kind', 'e.title', 'e.review_step', 'e.author_id',
      'e.last_editor_id', 'e.submitted_at', 'e.updated_at', 'e.checks']);
}

type QueueRow = Awaited<ReturnType<ReturnType<typeof queueQuery>['execute']>>[number];

function toQueueEntry(r: QueueRow): QueueEntry {
  return {
    documentId: Number(r.document_id), editionId: Number(r.edition_id), siteId: Number(r.site_id), columnId: Number(r.column_id), kind: r.kind,
    title: r.title, reviewStep: Number(r.review_step), authorId: Number(r.author_id), lastEditorId: Number(r.last_editor_id),
    submittedAt: r.submitted_at === null ? null : Number(r.submitted_at), updatedAt: Number(r.updated_at), checks: r.checks,
  };
}

/** Documents whose current edition is in review, within a read scope, oldest submission first. */
export async function listEditionsInReview(db: Db, scope: ReadScope): Promise<QueueEntry[]> {
  if (scope !== 'all' && scope.siteIds.length === 0 && scope.columnIds.length === 0) return [];
  let q = queueQuery(db).where('e.status', '=', 'in_review');
  if (scope !== 'all') {
    q = q.where((eb) => eb.or([
      ...(scope.siteIds.length > 0 ? [eb('d.site_id', 'in', [...scope.siteIds])] : []),
      ...(scope.columnIds.length > 0 ? [eb('d.column_id', 'in', [...scope.columnIds])] : []),
    ]));
  }
  const rows = await q.orderBy('e.submitted_at').orderBy('e.id').execute();
  return rows.map(toQueueEntry);
}

/** Documents whose current edition is a draft this user wrote or last changed (to find the ones returned to them). */
export async function listDraftsOf(db: Db, userId: number): Promise<QueueEntry[]> {
  const rows = await queueQuery(db).where('e.status', 'in', ['draft', 'rejected'])
    .where((eb) => eb.or([eb('e.author_id', '=', userId), eb('e.last_editor_id', '=', userId)]))
    .orderBy('e.updated_at', 'desc').limit(500).execute();
  return rows.map(toQueueEntry);
}
