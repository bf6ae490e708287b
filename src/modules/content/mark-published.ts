import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { canTransition, EDITION_STATUS_LABELS, refreshDocumentStatus } from './edition-status.js';
import { getEditionRow, toEditionView, type EditionView } from './editions.repo.js';
import { ContentErrors } from './errors.js';

/**
 * Makes an edition the public one. The publish times come from `now`, which callers take from
 * the platform clock: no API accepts a publish time, so nobody can back-date one (NORMS:
 * a back-dated publish time is a veto-level fault). The previously published edition becomes
 * `superseded`; `first_published_at` is kept from the first publication, `last_published_at`
 * moves. Allowed from approved/scheduled, or from earlier states with `fastTrack`.
 * Does not audit: the calling workflow operation audits its action.
 */
export async function markPublished(trx: Db, editionId: number, now: number, opts: { fastTrack?: boolean } = {}): Promise<EditionView> {
  const row = await getEditionRow(trx, editionId);
  if (!row) throw new AppError(ContentErrors['content.edition.not_found']);
  if (!canTransition(row.status, 'published', opts)) {
    throw new AppError(ContentErrors['content.edition.bad_transition'], { from: EDITION_STATUS_LABELS[row.status], to: EDITION_STATUS_LABELS.published });
  }
  const documentId = Number(row.document_id);
  const res = await trx.updateTable('document_editions')
    .set({ status: 'published', published_at: now, updated_at: now, lock_version: Number(row.lock_version) + 1, scheduled_publish_at: null })
    .where('id', '=', editionId).where('status', '=', row.status).where('lock_version', '=', row.lock_version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    throw new AppError(ContentErrors['content.edition.bad_transition'], { from: EDITION_STATUS_LABELS[row.status], to: EDITION_STATUS_LABELS.published });
  }
  await trx.updateTable('document_editions').set((eb) => ({ status: 'superseded', updated_at: now, lock_version: eb('lock_version', '+', 1) }))
    .where('document_id', '=', documentId).where('status', '=', 'published').where('id', '!=', editionId).execute();
  await trx.updateTable('documents').set((eb) => ({
    published_edition_id: editionId,
    first_published_at: eb.fn.coalesce('first_published_at', eb.val(now)),
    last_published_at: now,
    withdrawn_at: null,
    withdraw_reason: null,
  })).where('id', '=', documentId).execute();
  await refreshDocumentStatus(trx, documentId, now);
  return toEditionView((await getEditionRow(trx, editionId))!);
}
