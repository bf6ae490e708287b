import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { setEditionStatus, setReviewStep } from '../../content/index.js';
import { insertReviewAction } from '../review-actions.repo.js';
import { stepLabel } from '../review-chain.js';
import { requireAtStep, requireReason, requireStepRole } from '../review-guards.js';
import { STATE_ACTOR } from '../state-actor.js';
import { requireReviewTarget } from '../workflow-target.js';
import { workflowResult, type WorkflowResult } from '../workflow-result.js';
import type { WorkflowDeps } from '../workflow-deps.js';
import { WorkflowErrors } from '../errors.js';

export interface RejectInput {
  readonly step: number;
  readonly reason: string;
  readonly editionId?: number | undefined;
}

/**
 * Returns the edition to its author from any step, with a required reason: it becomes a draft
 * again (review step 0, scheduled publish time cleared) and shows in the author's inbox as
 * returned, with the reason, until it is submitted again.
 */
export async function rejectDocument({ db, actor, documentId, input, deps }: { db: Db; actor: Actor; documentId: number; input: RejectInput; deps: WorkflowDeps }): Promise<WorkflowResult> {
  const target = await requireReviewTarget(db, actor, documentId);
  const step = requireAtStep(target, input);
  requireStepRole(actor, target, step);
  const reason = requireReason(input.reason, { zh: '退回原因', en: 'reason for returning the document' });
  const { edition } = target;
  const now = deps.clock.now();
  await inTransaction(db, async (trx) => {
    const reset = await setReviewStep(trx, { editionId: edition.id, from: edition.reviewStep, to: 0, now });
    if (!reset) throw new AppError(WorkflowErrors['content.workflow.out_of_order'], { current: '已由他人处理', requested: stepLabel(step) });
    await setEditionStatus(trx, { editionId: edition.id, to: 'draft', actor: STATE_ACTOR, now });
    await insertReviewAction(trx, { editionId: edition.id, step: step.index, stepName: step.name, action: 'reject', actorId: actor.userId, reason, at: now });
    await deps.audit.append(trx, actor, {
      action: 'content.workflow.reject', result: 'success', targetType: 'document', targetId: documentId,
      detail: { editionId: edition.id, step: step.index, stepName: step.name, reason },
    });
  });
  return workflowResult(db, documentId);
}
