import type { Readable } from 'node:stream';
import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { moveIntoStore, newStoredName, receiveToTemp, removeQuietly, storedPath } from '../attachments/attachment-store.js';
import { insertAttachment, type AttachmentView } from '../attachments/attachments.repo.js';
import { ALLOWED_TYPES, detectKind, isZipHead, KIND_LABELS } from '../attachments/file-types.js';
import { extensionOf, sanitizeOriginalName } from '../attachments/original-name.js';
import { zipEntryNames } from '../attachments/zip-entries.js';
import type { ContentDeps } from '../content-deps.js';
import { createNextEdition, NEXT_EDITION_FROM } from '../create-next-edition.js';
import { requireDocument } from '../document-scope.js';
import { EDITABLE_STATUSES, EDITION_STATUS_LABELS } from '../edition-status.js';
import { getEditionRow } from '../editions.repo.js';
import { ContentErrors } from '../errors.js';

export interface IncomingFile {
  readonly filename: string;
  readonly stream: Readable;
  /** True once the stream was cut at the size limit. */
  readonly isTruncated: () => boolean;
}

const allowedList = () => [...new Set(Object.keys(ALLOWED_TYPES))].join('、');

export function formatBytes(n: number): string {
  return n >= 1_048_576 ? `${Math.round((n / 1_048_576) * 10) / 10} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} 字节`;
}

async function editableEditionStatus(db: Db, editionId: number): Promise<void> {
  const e = await getEditionRow(db, editionId);
  if (!e) throw new AppError(ContentErrors['content.edition.not_found']);
  if (!EDITABLE_STATUSES.includes(e.status) && !(NEXT_EDITION_FROM as readonly string[]).includes(e.status)) {
    throw new AppError(ContentErrors['content.document.not_editable'], { status: EDITION_STATUS_LABELS[e.status] });
  }
}

/**
 * Adds an attachment to the document's draft (a published document gets a new draft edition
 * first). The extension must be on the allow-list and the bytes must be that kind of file;
 * the size is capped while streaming. The file goes to a temporary name, and is renamed into
 * the store as the last step inside the transaction that writes its row: on any failure
 * neither a file nor a row remains.
 */
export async function uploadAttachment({ db, actor, documentId, file, deps }: { db: Db; actor: Actor; documentId: number; file: IncomingFile; deps: ContentDeps }): Promise<{ attachment: AttachmentView; editionId: number; lockVersion: number }> {
  const now = deps.clock.now();
  const { doc } = await requireDocument(db, actor, documentId, 'documents.write');
  await editableEditionStatus(db, Number(doc.current_edition_id));
  const ext = extensionOf(file.filename);
  const allowed = ALLOWED_TYPES[ext];
  if (!allowed) {
    file.stream.resume();
    throw new AppError(ContentErrors['content.attachment.extension_not_allowed'], { ext: ext || '（无）', allowed: allowedList() });
  }
  const received = await receiveToTemp(deps.attachmentsRoot, file.stream);
  let finalPath: string | null = null;
  try {
    if (file.isTruncated()) throw new AppError(ContentErrors['content.attachment.too_large'], { limit: formatBytes(deps.uploadMaxBytes) });
    if (received.size === 0) throw new AppError(ContentErrors['content.attachment.empty']);
    const zipNames = isZipHead(received.head) ? await zipEntryNames(received.tmpPath) : null;
    const detected = detectKind(received.head, zipNames);
    if (detected !== allowed.kind) {
      throw new AppError(ContentErrors['content.attachment.type_mismatch'], { ext, detected: KIND_LABELS[detected], expected: allowed.label });
    }
    const storedName = newStoredName(now, ext);
    const originalName = sanitizeOriginalName(file.filename, ext);
    return await inTransaction(db, async (trx) => {
      const current = await getEditionRow(trx, Number((await trx.selectFrom('documents').select('current_edition_id').where('id', '=', documentId).executeTakeFirstOrThrow()).current_edition_id));
      if (!current) throw new AppError(ContentErrors['content.edition.not_found']);
      let edition = { id: Number(current.id), lockVersion: Number(current.lock_version) };
      if (!EDITABLE_STATUSES.includes(current.status)) {
        await editableEditionStatus(trx, edition.id);
        const next = await createNextEdition(trx, { documentId, actor, now });
        edition = { id: next.id, lockVersion: next.lockVersion };
        await deps.audit.append(trx, actor, {
          action: 'content.edition.create', result: 'success', targetType: 'document', targetId: documentId,
          detail: { editionId: next.id, number: next.number, from: Number(current.id), reason: 'attachment' },
        });
      }
      const attachment = await insertAttachment(trx, {
        documentId, editionId: edition.id, originalName, storedName, mime: allowed.mime, ext, size: received.size, sm3: received.sm3,
        createdBy: actor.userId ?? 0, now,
      });
      await trx.updateTable('documents').set({ updated_at: now }).where('id', '=', documentId).execute();
      await deps.audit.append(trx, actor, {
        action: 'content.attachment.upload', result: 'success', targetType: 'attachment', targetId: attachment.id,
        detail: { documentId, editionId: edition.id, name: originalName, size: received.size, sm3: received.sm3, mime: allowed.mime },
      });
      // Last step: if the rename fails the transaction rolls back; if the commit fails, the catch removes the file.
      finalPath = storedPath(deps.attachmentsRoot, storedName);
      moveIntoStore(deps.attachmentsRoot, received.tmpPath, storedName);
      return { attachment, editionId: edition.id, lockVersion: edition.lockVersion };
    });
  } catch (err) {
    removeQuietly(received.tmpPath);
    if (finalPath) removeQuietly(finalPath);
    throw err;
  }
}
