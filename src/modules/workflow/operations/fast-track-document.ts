import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { EDITION_STATUS_LABELS, FAST_TRACK_FROM } from '../../content/index.js';
import { requireChecksPass } from '../edition-checks.js';
import { enqueueEditionLinkCheck } from '../edition-link-check.js';
import { publishEdition } from '../publish-ready.js';
import { insertReviewAction } from '../review-actions.repo.js';
import { requireReason } from '../review-guards.js';
import { requireDocumentTarget, requirePermissionOn } from '../workflow-target.js';
import { workflowResult, type WorkflowResult } from '../workflow-result.js';
import type { WorkflowDeps } from '../workflow-deps.js';
import { WorkflowErrors } from '../errors.js';

/**
 * Emergency fast track (紧急发布): publish first, review after. Only holders of
 * documents.fast_track on the column, with a reason; the machine checks still apply (an
 * emergency never justifies publishing a secrecy marking or an ID number). Loud on purpose: a
 * review_actions row, an audit event, a warning in the log, and the document stays on the
 * fast-tracked list until a reviewer and a secrecy reviewer have both post-reviewed it.
 */
export async function fastTrackDocument({ db, actor, documentId, input, deps }: { db: Db; actor: Actor; documentId: number; input: { reason: string }; deps: WorkflowDeps }): Promise<WorkflowResult> {
  const target = await requireDocumentTarget(db, actor, documentId, 'documents.read');
  requirePermissionOn(actor, target, 'documents.fast_track', { step: '紧急发布', role: '站点管理员' });
  const reason = requireReason(input.reason, { zh: '紧急发布原因', en: 'reason for the urgent publication' });
  const { doc, edition } = target;
  if (!FAST_TRACK_FROM.includes(edition.status)) {
    throw new AppError(WorkflowErrors['content.workflow.not_fast_trackable'], { status: EDITION_STATUS_LABELS[edition.status] });
  }
  const checks = await requireChecksPass(db, target);
  const now = deps.clock.now();
  await inTransaction(db, async (trx) => {
    await insertReviewAction(trx, { editionId: edition.id, step: edition.reviewStep, stepName: '紧急发布', action: 'fast_track', actorId: actor.userId, reason, at: now });
    await deps.audit.append(trx, actor, {
      action: 'content.workflow.fast_track', result: 'success', targetType: 'document', targetId: documentId,
      detail: { reason, editionId: edition.id, from: edition.status },
    });
    await publishEdition(trx, deps, actor, { doc, edition }, { now, fastTrack: true });
    // Published before anyone reviewed it: its links are checked after the fact, like the rest.
    await enqueueEditionLinkCheck(trx, deps, target, actor);
  });
  deps.log.warn({ documentId, editionId: edition.id, actor: actor.username, reason }, 'content.workflow.fast_track: published before review (紧急发布，待事后审核)');
  return workflowResult(db, documentId, { published: [documentId], checks });
}
