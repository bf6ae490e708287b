import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import type { Actor } from '../../platform/identity/actor.js';
import { EDITION_STATUS_LABELS, refreshDocumentStatus } from './edition-status.js';
import { fieldsOf, getEditionRow, insertEdition, toEditionView, type EditionView } from './editions.repo.js';
import { copyAttachmentRows } from './attachments/attachments.repo.js';
import { ContentErrors } from './errors.js';
import { staleError } from './stale-error.js';

/** Current editions from which a change starts a new edition instead of editing in place. */
export const NEXT_EDITION_FROM = ['published', 'withdrawn'] as const;

/**
 * Starts the next edition (number + 1) as a draft copy of the document's current one, which
 * must be published or withdrawn: the published edition stays public until the new one is
 * published. Attachments are copied as rows sharing the same stored files. The lock version
 * continues from the copied edition, so a save aimed at the old edition is stale.
 */
export async function createNextEdition(trx: Db, q: { documentId: number; actor: Actor; now: number }): Promise<EditionView> {
  const doc = await trx.selectFrom('documents').select(['current_edition_id']).where('id', '=', q.documentId).executeTakeFirst();
  if (!doc || doc.current_edition_id === null) throw new AppError(ContentErrors['content.document.not_found']);
  const current = await getEditionRow(trx, Number(doc.current_edition_id));
  if (!current) throw new AppError(ContentErrors['content.edition.not_found']);
  if (!(NEXT_EDITION_FROM as readonly string[]).includes(current.status)) {
    throw new AppError(ContentErrors['content.edition.bad_transition'], { from: EDITION_STATUS_LABELS[current.status], to: EDITION_STATUS_LABELS.draft });
  }
  // Claim the document: concurrent creators queue on this row lock, and the loser sees that
  // the current edition moved on and gets the stale-save answer instead of a duplicate number.
  const claimed = await trx.updateTable('documents').set({ updated_at: q.now })
    .where('id', '=', q.documentId).where('current_edition_id', '=', Number(current.id)).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) {
    const latest = await trx.selectFrom('documents as d').innerJoin('document_editions as e', 'e.id', 'd.current_edition_id')
      .select(['e.last_editor_id', 'e.updated_at']).where('d.id', '=', q.documentId).executeTakeFirstOrThrow();
    throw await staleError(trx, latest);
  }
  const top = await trx.selectFrom('document_editions').select((eb) => eb.fn.max('number').as('n')).where('document_id', '=', q.documentId).executeTakeFirstOrThrow();
  const authorId = q.actor.userId ?? Number(current.author_id);
  const id = await insertEdition(trx, {
    documentId: q.documentId, number: Number(top.n) + 1, lockVersion: Number(current.lock_version) + 1,
    // A correction note describes one correction; the next edition starts without one.
    fields: { ...fieldsOf(toEditionView(current)), correctionNote: null }, authorId, now: q.now,
  });
  await copyAttachmentRows(trx, { fromEditionId: Number(current.id), toEditionId: id, now: q.now });
  await trx.updateTable('documents').set({ current_edition_id: id }).where('id', '=', q.documentId).execute();
  await refreshDocumentStatus(trx, q.documentId, q.now);
  return toEditionView((await getEditionRow(trx, id))!);
}
