import fs from 'node:fs';
import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { removeQuietly, storedPath } from '../attachments/attachment-store.js';
import { countStoredNameUses, getAttachmentRow, toAttachmentView, type AttachmentRow, type AttachmentView } from '../attachments/attachments.repo.js';
import type { ContentDeps } from '../content-deps.js';
import { requireDocument, type DocumentPermission } from '../document-scope.js';
import { EDITABLE_STATUSES } from '../edition-status.js';
import { getEditionRow } from '../editions.repo.js';
import { ContentErrors } from '../errors.js';

/** The attachment when the actor may reach its document; the same 404 as a missing one otherwise. */
async function requireAttachment(db: Db, actor: Actor, id: number, need: DocumentPermission): Promise<AttachmentRow> {
  const row = await getAttachmentRow(db, id);
  if (!row) throw new AppError(ContentErrors['content.attachment.not_found']);
  try {
    await requireDocument(db, actor, Number(row.document_id), need);
  } catch (err) {
    if (err instanceof AppError && err.code === ContentErrors['content.document.not_found']) throw new AppError(ContentErrors['content.attachment.not_found']);
    throw err;
  }
  return row;
}

/** For staff download: the file's path and metadata; the download is audited (drafts are not public yet). */
export async function openAttachment({ db, actor, attachmentId, deps }: { db: Db; actor: Actor; attachmentId: number; deps: ContentDeps }): Promise<{ attachment: AttachmentView; path: string }> {
  const row = await requireAttachment(db, actor, attachmentId, 'documents.read');
  const path = storedPath(deps.attachmentsRoot, row.stored_name);
  if (!fs.existsSync(path)) throw new AppError(ContentErrors['content.attachment.file_missing']);
  await inTransaction(db, (trx) => deps.audit.append(trx, actor, {
    action: 'content.attachment.download', result: 'success', targetType: 'attachment', targetId: attachmentId, detail: { documentId: Number(row.document_id) },
  }));
  return { attachment: toAttachmentView(row), path };
}

/** Removes an attachment from a draft edition; the file goes when no edition uses it any more. */
export async function deleteAttachment({ db, actor, attachmentId, deps }: { db: Db; actor: Actor; attachmentId: number; deps: ContentDeps }): Promise<void> {
  const row = await requireAttachment(db, actor, attachmentId, 'documents.write');
  const now = deps.clock.now();
  await inTransaction(db, async (trx) => {
    const edition = await getEditionRow(trx, Number(row.edition_id));
    if (!edition || !EDITABLE_STATUSES.includes(edition.status)) throw new AppError(ContentErrors['content.attachment.not_draft']);
    await trx.deleteFrom('attachments').where('id', '=', attachmentId).execute();
    await trx.updateTable('documents').set({ updated_at: now }).where('id', '=', Number(row.document_id)).execute();
    await deps.audit.append(trx, actor, {
      action: 'content.attachment.delete', result: 'success', targetType: 'attachment', targetId: attachmentId,
      detail: { documentId: Number(row.document_id), editionId: Number(row.edition_id), name: row.original_name, sm3: row.sm3 },
    });
  });
  if ((await countStoredNameUses(db, row.stored_name)) === 0) removeQuietly(storedPath(deps.attachmentsRoot, row.stored_name));
}
