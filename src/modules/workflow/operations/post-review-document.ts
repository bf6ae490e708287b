import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { hasPermissionOnColumn, type Actor } from '../../../platform/identity/actor.js';
import { getEdition, listEditions } from '../../content/index.js';
import { fastTrackState, insertReviewAction, listReviewActions, POST_REVIEW_STEPS, type FastTrackState } from '../review-actions.repo.js';
import { requireReviewTarget } from '../workflow-target.js';
import { workflowResult, type WorkflowResult } from '../workflow-result.js';
import type { WorkflowDeps } from '../workflow-deps.js';
import { WorkflowErrors } from '../errors.js';

/** The latest fast track of any edition of the document still waiting for a post-review. */
export async function pendingFastTrack(db: Db, documentId: number): Promise<FastTrackState | undefined> {
  const editions = await listEditions(db, documentId);
  const actions = await listReviewActions(db, editions.map((e) => e.id));
  const states = editions.flatMap((e) => {
    const s = fastTrackState(actions.filter((a) => a.editionId === e.id));
    return s && s.pending ? [s] : [];
  });
  return states.sort((a, b) => b.fastTrack.id - a.fastTrack.id)[0];
}

/**
 * The review after an emergency fast track (事后审核): a reviewer and a secrecy reviewer each
 * record theirs (two different people, neither the one who fast-tracked or wrote it). When
 * both are recorded, the document leaves the fast-tracked list.
 */
export async function postReviewDocument({ db, actor, documentId, input, deps }: { db: Db; actor: Actor; documentId: number; input: { note?: string | undefined }; deps: WorkflowDeps }): Promise<WorkflowResult & { cleared: boolean }> {
  const target = await requireReviewTarget(db, actor, documentId);
  const state = await pendingFastTrack(db, documentId);
  if (!state) throw new AppError(WorkflowErrors['content.workflow.not_fast_tracked']);
  const canSecrecy = hasPermissionOnColumn(actor, 'documents.secrecy_review', target.scope);
  const canReview = hasPermissionOnColumn(actor, 'documents.review', target.scope);
  if (!canSecrecy && !canReview) throw new AppError(WorkflowErrors['content.workflow.not_permitted'], { step: '事后审核', role: '审核员或保密审查员' });
  const kind = canSecrecy && !state.secrecyBy ? 'secrecy' : canReview && !state.reviewBy ? 'review' : null;
  if (!kind) throw new AppError(WorkflowErrors['content.workflow.post_review_done']);
  const edition = (await getEdition(db, state.fastTrack.editionId))!;
  const involved = [state.fastTrack.actorId, edition.authorId, edition.lastEditorId, state.reviewBy?.actorId, state.secrecyBy?.actorId];
  if (actor.userId !== null && involved.includes(actor.userId)) throw new AppError(WorkflowErrors['content.workflow.self_approval']);
  const step = POST_REVIEW_STEPS[kind];
  const cleared = kind === 'secrecy' ? state.reviewBy !== undefined : state.secrecyBy !== undefined;
  const note = input.note?.trim() || null;
  const now = deps.clock.now();
  await inTransaction(db, async (trx) => {
    await insertReviewAction(trx, { editionId: edition.id, step: step.step, stepName: step.name, action: 'post_review', actorId: actor.userId, reason: note, at: now });
    await deps.audit.append(trx, actor, {
      action: 'content.workflow.post_review', result: 'success', targetType: 'document', targetId: documentId,
      detail: { editionId: edition.id, kind, cleared, ...(note ? { note } : {}) },
    });
  });
  return { ...(await workflowResult(db, documentId)), cleared };
}
