import type { Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { getColumn } from '../../columns/index.js';
import { articlePath, getPublicDocument } from '../../content/index.js';
import { getSite } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import { maskFreeText } from '../mask-free-text.js';
import { requireText } from '../validate-letter.js';
import { CommentErrors } from './comment-errors.js';
import { enqueueComment } from './moderation.js';

/** A published document whose column takes comments (the column's own setting), on an open site. */
export interface CommentableDocument {
  readonly id: number;
  readonly siteId: number;
  readonly title: string;
  readonly path: string;
}

export async function commentableDocument(db: Db, documentId: number): Promise<CommentableDocument> {
  const pub = await getPublicDocument(db, documentId);
  const doc = pub?.document;
  if (!pub?.edition || !doc || doc.status !== 'published' || doc.firstPublishedAt === null) throw new AppError(CommentErrors['interaction.comments.document_not_found']);
  const site = await getSite(db, doc.siteId);
  if (site?.status !== 'open') throw new AppError(CommentErrors['interaction.comments.document_not_found']);
  const column = await getColumn(db, doc.columnId);
  if (!column?.commentsEnabled || column.status !== 'active') throw new AppError(CommentErrors['interaction.comments.disabled']);
  return { id: doc.id, siteId: doc.siteId, title: pub.edition.title, path: articlePath(doc.id, doc.firstPublishedAt) };
}

export interface CommentInput {
  readonly body: string;
  readonly nickname?: string | undefined;
  readonly altcha?: string | undefined;
}

/** Nickname optional: an empty one is shown as 网友. */
export const ANONYMOUS_NICKNAME = '网友';

/** A reader's comment under a document: pending until a moderator approves it. */
export async function submitComment({ db, actor, documentId, input, deps }: {
  db: Db; actor: Actor; documentId: number; input: CommentInput; deps: InteractionDeps;
}): Promise<{ id: number; status: 'pending' }> {
  const doc = await commentableDocument(db, documentId);
  const body = requireText(input.body, '评论内容', 'body');
  const { id } = await enqueueComment(db, deps, actor, input.altcha, {
    siteId: doc.siteId, documentId: doc.id, consultationId: null, clauseNo: null, body, nickname: input.nickname?.trim() ?? '', contactEnc: null,
  });
  return { id, status: 'pending' };
}

export interface PublicComment {
  readonly id: number;
  readonly nickname: string;
  readonly body: string;
  readonly submittedAt: number;
}

/**
 * Approved comments of a document, oldest first (plain text: the theme and JSON consumers escape
 * it), with phone, ID-card numbers and emails typed into the comment or the nickname masked
 * (NORMS: never on public pages), as in published letters.
 */
export async function approvedComments(db: Db, documentId: number): Promise<PublicComment[]> {
  const rows = await db.selectFrom('comments').select(['id', 'nickname', 'body', 'submitted_at'])
    .where('document_id', '=', documentId).where('status', '=', 'approved').orderBy('id').limit(500).execute();
  return rows.map((r) => ({ id: Number(r.id), nickname: maskFreeText(r.nickname) || ANONYMOUS_NICKNAME, body: maskFreeText(r.body), submittedAt: Number(r.submitted_at) }));
}
