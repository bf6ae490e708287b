import { inTransaction, type Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { requireSiteInScope } from '../../sites/index.js';
import { cleanFileName, formatBytes, JPEG, PNG, type FileRule } from '../letter-files.js';
import type { InterviewDeps } from './interview-deps.js';
import { InterviewErrors } from './interview-errors.js';
import { getInterview, type ImageView } from './interviews.repo.js';

/** Pictures of the guests and the studio: web-sized, stored in the database so every process serves them. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

const GIF: FileRule = { mime: 'image/gif', matches: (b) => b.toString('latin1', 0, 6) === 'GIF87a' || b.toString('latin1', 0, 6) === 'GIF89a' };
/** Raster pictures only (no SVG: it can carry script); the bytes must be what the extension says. */
const RULES: Readonly<Record<string, FileRule>> = { jpg: JPEG, jpeg: JPEG, png: PNG, gif: GIF };

export function checkImage(fileName: string, bytes: Buffer): { fileName: string; mime: string } {
  const name = cleanFileName(fileName);
  const rule = RULES[(name.includes('.') ? name.split('.').pop() ?? '' : '').toLowerCase()];
  if (bytes.length === 0) throw new AppError(InterviewErrors['interaction.interview.image_missing']);
  if (bytes.length > MAX_IMAGE_BYTES) throw new AppError(InterviewErrors['interaction.interview.image_too_large'], { limit: formatBytes(MAX_IMAGE_BYTES) });
  if (!rule || !rule.matches(bytes)) throw new AppError(InterviewErrors['interaction.interview.image_type']);
  return { fileName: name, mime: rule.mime };
}

export async function uploadImage({ db, actor, interviewId, file, deps }: { db: Db; actor: Actor; interviewId: number; file: { fileName: string; bytes: Buffer }; deps: InterviewDeps }): Promise<ImageView> {
  const interview = await getInterview(db, interviewId);
  if (!interview) throw new AppError(InterviewErrors['interaction.interview.not_found']);
  await requireSiteInScope(db, actor, 'interaction.interviews.answer', interview.siteId);
  const { fileName, mime } = checkImage(file.fileName, file.bytes);
  const id = await inTransaction(db, async (trx) => {
    const row = await trx.insertInto('interview_images').values({
      interview_id: interviewId, file_name: fileName, mime, size: file.bytes.length, content: file.bytes.toString('base64'), created_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await deps.audit.append(trx, actor, { action: 'interaction.interview.image', result: 'success', targetType: 'interview', targetId: interviewId, detail: { imageId: row.id, mime, size: file.bytes.length } });
    return Number(row.id);
  });
  return { id, fileName, mime, size: file.bytes.length };
}
