import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import { requireLetter } from '../letter-transitions.js';
import { openAttachmentName, personalAad } from '../personal-data.js';
import { readerRoles } from './letter-views.js';

export interface LetterAttachmentFile {
  readonly fileName: string;
  readonly mime: string;
  readonly bytes: Buffer;
}

/**
 * One of a letter's files, opened for those who handle the letter (the central handler of its
 * site, or the unit it is assigned to; not a supervisor, who sees the list of files only). Files are sealed under the letter's code and their position in the
 * letter (submit-letter.ts), so the position is found first. Opening one is a read of personal
 * data: it is audited, by file id and never by name.
 */
export async function letterAttachment({ db, actor, letterId, attachmentId, deps }: { db: Db; actor: Actor; letterId: number; attachmentId: number; deps: InteractionDeps }): Promise<LetterAttachmentFile> {
  const row = await requireLetter(db, letterId);
  const roles = await readerRoles(db, actor, row);
  // Those who handle the letter need the files; a supervisor oversees deadlines and sees the list only.
  if (!roles.central && !roles.unit) throw new AppError(InteractionErrors['interaction.letter.out_of_scope']);
  const ids = await db.selectFrom('letter_attachments').select('id').where('letter_id', '=', Number(row.id)).orderBy('id').execute();
  const position = ids.findIndex((a) => Number(a.id) === attachmentId);
  if (position < 0) throw new AppError(InteractionErrors['interaction.attachment.not_found']);
  const file = await db.selectFrom('letter_attachments').select(['file_name', 'file_name_enc', 'mime', 'content_enc']).where('id', '=', attachmentId).executeTakeFirstOrThrow();
  const bytes = Buffer.from(deps.cipher.decrypt(file.content_enc, personalAad(row.query_code, `attachment.${position}`)), 'base64');
  await inTransaction(db, (trx) => deps.audit.append(trx, actor, {
    action: 'interaction.letter.attachment_read', result: 'success', targetType: 'letter', targetId: Number(row.id), detail: { attachmentId },
  }));
  return { fileName: openAttachmentName(deps.cipher, row.query_code, position, file), mime: file.mime, bytes };
}
