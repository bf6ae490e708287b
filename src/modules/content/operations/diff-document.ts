import type { Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { listAttachments } from '../attachments/attachments.repo.js';
import { diffEditions, type EditionDiff } from '../diff/edition-diff.js';
import { requireDocument } from '../document-scope.js';
import { getEdition } from '../editions.repo.js';
import { ContentErrors } from '../errors.js';

export interface DocumentDiff extends EditionDiff {
  readonly from: { readonly id: number; readonly number: number; readonly status: string };
  readonly to: { readonly id: number; readonly number: number; readonly status: string };
}

/** A readable diff between any two editions of one document (either order). */
export async function diffDocument({ db, actor, documentId, fromId, toId }: { db: Db; actor: Actor; documentId: number; fromId: number; toId: number }): Promise<DocumentDiff> {
  await requireDocument(db, actor, documentId, 'documents.read');
  const [from, to] = await Promise.all([getEdition(db, fromId), getEdition(db, toId)]);
  if (!from || !to || from.documentId !== documentId || to.documentId !== documentId) throw new AppError(ContentErrors['content.diff.bad_editions']);
  const [fa, ta] = await Promise.all([listAttachments(db, from.id), listAttachments(db, to.id)]);
  return {
    from: { id: from.id, number: from.number, status: from.status },
    to: { id: to.id, number: to.number, status: to.status },
    ...diffEditions(from, to, { from: fa, to: ta }),
  };
}
