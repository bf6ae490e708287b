import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { setEditionStatus, setReviewStep } from '../../content/index.js';
import { requireChecksPass } from '../edition-checks.js';
import { publishIfReady, type PublishOutcome } from '../publish-ready.js';
import { insertReviewAction, listReviewActions, roundState } from '../review-actions.repo.js';
import { stepLabel } from '../review-chain.js';
import { requireAtStep, requireNotOwnWork, requireStepRole } from '../review-guards.js';
import { STATE_ACTOR } from '../state-actor.js';
import { requireReviewTarget } from '../workflow-target.js';
import { workflowResult, type WorkflowResult } from '../workflow-result.js';
import type { WorkflowDeps } from '../workflow-deps.js';
import { WorkflowErrors } from '../errors.js';

export interface ApproveInput {
  /** The step the reviewer approves (index in the chain): a stale page approving a passed step gets 409. */
  readonly step: number;
  readonly editionId?: number | undefined;
  readonly comment?: string | undefined;
}

/**
 * Approves the step the edition waits at. Steps: in scope (403) → at that step (409) → the
 * step's role on the column (403) → not the reviewer's own work (403) → machine checks pass
 * (409 listing the findings) → in one transaction: advance (guarded against a concurrent
 * approval), record, audit; after the last step (the secrecy review) the edition is approved
 * and goes public at once, or at its scheduled time, or with its major-policy partner.
 */
export async function approveDocument({ db, actor, documentId, input, deps }: { db: Db; actor: Actor; documentId: number; input: ApproveInput; deps: WorkflowDeps }): Promise<WorkflowResult> {
  const target = await requireReviewTarget(db, actor, documentId);
  const step = requireAtStep(target, input);
  requireStepRole(actor, target, step);
  const { edition, chain } = target;
  requireNotOwnWork(actor, target, roundState(await listReviewActions(db, [edition.id])));
  const checks = await requireChecksPass(db, target);
  const now = deps.clock.now();
  const isLast = step.index === chain.length - 1;
  const comment = input.comment?.trim() || null;

  const outcome = await inTransaction(db, async (trx): Promise<PublishOutcome & { scheduled: boolean }> => {
    const moved = await setReviewStep(trx, { editionId: edition.id, from: edition.reviewStep, to: edition.reviewStep + 1, now });
    if (!moved) throw new AppError(WorkflowErrors['content.workflow.out_of_order'], { current: '已由他人处理', requested: stepLabel(step) });
    await insertReviewAction(trx, { editionId: edition.id, step: step.index, stepName: step.name, action: 'approve', actorId: actor.userId, reason: comment, at: now });
    await deps.audit.append(trx, actor, {
      action: 'content.workflow.approve', result: 'success', targetType: 'document', targetId: documentId,
      detail: { editionId: edition.id, step: step.index, stepName: step.name, last: isLast, checks: checks.counts, ...(comment ? { comment } : {}) },
    });
    if (!isLast) return { published: [], waitingFor: null, scheduled: false };
    await setEditionStatus(trx, { editionId: edition.id, to: 'approved', actor: STATE_ACTOR, now });
    if (edition.scheduledPublishAt !== null && edition.scheduledPublishAt > now) {
      // The job enqueued when the time was set publishes it (re-checking the state then).
      await setEditionStatus(trx, { editionId: edition.id, to: 'scheduled', actor: STATE_ACTOR, now });
      return { published: [], waitingFor: null, scheduled: true };
    }
    return { ...(await publishIfReady(trx, deps, actor, documentId, now)), scheduled: false };
  });
  return workflowResult(db, documentId, { published: outcome.published, waitingFor: outcome.waitingFor, checks });
}
