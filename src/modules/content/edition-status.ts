import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import type { Actor } from '../../platform/identity/actor.js';
import type { DocumentStatus, EditionStatus } from './content.tables.js';
import { getEditionRow, toEditionView, type EditionView } from './editions.repo.js';
import { ContentErrors } from './errors.js';

/**
 * The life of an edition. Review moves within `in_review` (review_step) are not status
 * changes. `published` is reached only through markPublished, which sets the publish times
 * from the clock. `superseded` and `withdrawn` are final: a change after them is a new edition.
 */
export const EDITION_TRANSITIONS: Readonly<Record<EditionStatus, readonly EditionStatus[]>> = {
  draft: ['in_review'],
  // Back to draft: the author recalls the submission.
  in_review: ['approved', 'rejected', 'draft'],
  rejected: ['draft', 'in_review'],
  approved: ['scheduled', 'published', 'draft'],
  scheduled: ['published', 'approved', 'draft'],
  published: ['superseded', 'withdrawn'],
  superseded: [],
  withdrawn: [],
};

/** The emergency fast track (publish first, review after) may publish from these states as well. */
export const FAST_TRACK_FROM: readonly EditionStatus[] = ['draft', 'rejected', 'in_review', 'approved', 'scheduled'];

/** Editions whose content an editor may still change. */
export const EDITABLE_STATUSES: readonly EditionStatus[] = ['draft', 'rejected'];

export const EDITION_STATUS_LABELS: Readonly<Record<EditionStatus, string>> = {
  draft: '草稿', in_review: '审核中', approved: '已审核', scheduled: '待定时发布', published: '已发布', superseded: '已被新版本取代',
  withdrawn: '已撤稿', rejected: '已退回',
};

export function canTransition(from: EditionStatus, to: EditionStatus, opts: { fastTrack?: boolean } = {}): boolean {
  if (EDITION_TRANSITIONS[from].includes(to)) return true;
  return to === 'published' && opts.fastTrack === true && FAST_TRACK_FROM.includes(from);
}

/**
 * The document's status as lists show it: public while an edition is published (a newer draft
 * does not hide it); otherwise the state of its current edition.
 */
export function documentStatusFor(current: EditionStatus, hasPublished: boolean, wasWithdrawn: boolean): DocumentStatus {
  if (hasPublished) return 'published';
  switch (current) {
    case 'in_review': return 'in_review';
    case 'approved': return 'approved';
    case 'scheduled': return 'scheduled';
    case 'published': return 'published';
    case 'withdrawn': return 'withdrawn';
    default: return wasWithdrawn ? 'withdrawn' : 'draft';
  }
}

/** Recomputes documents.status from its editions (after any edition changes state). */
export async function refreshDocumentStatus(trx: Db, documentId: number, now: number): Promise<DocumentStatus> {
  const doc = await trx.selectFrom('documents as d').innerJoin('document_editions as e', 'e.id', 'd.current_edition_id')
    .select(['d.published_edition_id', 'd.withdrawn_at', 'e.status']).where('d.id', '=', documentId).executeTakeFirstOrThrow();
  const status = documentStatusFor(doc.status, doc.published_edition_id !== null, doc.withdrawn_at !== null);
  await trx.updateTable('documents').set({ status, updated_at: now }).where('id', '=', documentId).execute();
  return status;
}

export interface SetEditionStatusInput {
  readonly editionId: number;
  readonly to: Exclude<EditionStatus, 'published'>;
  /** Who caused the change (recorded as the edition's last editor when a person). */
  readonly actor: Actor;
  /** From the platform clock. */
  readonly now: number;
}

/**
 * Moves an edition to another state when the transition is allowed (409 otherwise), bumps
 * its lock version (open editors must reload), stamps submitted/approved times, and keeps
 * documents.status in step. Does not audit: the calling workflow operation audits its action.
 * Publishing goes through markPublished.
 */
export async function setEditionStatus(trx: Db, input: SetEditionStatusInput): Promise<EditionView> {
  const row = await getEditionRow(trx, input.editionId);
  if (!row) throw new AppError(ContentErrors['content.edition.not_found']);
  const from = row.status;
  if (!canTransition(from, input.to)) {
    throw new AppError(ContentErrors['content.edition.bad_transition'], { from: EDITION_STATUS_LABELS[from], to: EDITION_STATUS_LABELS[input.to] });
  }
  const res = await trx.updateTable('document_editions').set({
    status: input.to, lock_version: Number(row.lock_version) + 1, updated_at: input.now,
    ...(input.actor.userId !== null ? { last_editor_id: input.actor.userId } : {}),
    ...(input.to === 'in_review' && (from === 'draft' || from === 'rejected') ? { submitted_at: input.now, review_step: 0, approved_at: null } : {}),
    ...(input.to === 'approved' ? { approved_at: input.now } : {}),
    ...(input.to === 'draft' || input.to === 'rejected' ? { approved_at: null, scheduled_publish_at: null } : {}),
  }).where('id', '=', input.editionId).where('status', '=', from).where('lock_version', '=', row.lock_version).executeTakeFirst();
  // Another transaction changed the edition between our read and write.
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(ContentErrors['content.edition.bad_transition'], { from: EDITION_STATUS_LABELS[from], to: EDITION_STATUS_LABELS[input.to] });
  const documentId = Number(row.document_id);
  if (from === 'published') {
    await trx.updateTable('documents').set({ published_edition_id: null })
      .where('id', '=', documentId).where('published_edition_id', '=', input.editionId).execute();
  }
  await refreshDocumentStatus(trx, documentId, input.now);
  return toEditionView((await getEditionRow(trx, input.editionId))!);
}
