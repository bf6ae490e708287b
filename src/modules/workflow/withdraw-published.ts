import type { Db } from '../../db/index.js';
import type { Actor } from '../../platform/identity/actor.js';
import { setEditionStatus, setWithdrawalInfo } from '../content/index.js';
import { insertReviewAction } from './review-actions.repo.js';
import { STATE_ACTOR } from './state-actor.js';
import type { WorkflowDeps } from './workflow-deps.js';
import { enqueueDocumentPublish } from '../publishing/index.js';

/**
 * Takes the published edition down: the document records why (and whether the notice is
 * public), the edition becomes 'withdrawn', the action is recorded and audited. Used by the
 * withdrawal (撤稿) and by the scheduled unpublish job.
 */
export async function withdrawPublished(trx: Db, deps: WorkflowDeps, actor: Actor, q: {
  documentId: number; editionId: number; reason: string; showPublicly: boolean; redirectTo?: string | null; now: number; action: 'withdraw' | 'unpublish';
}): Promise<void> {
  await setWithdrawalInfo(trx, { documentId: q.documentId, reason: q.reason, showPublicly: q.showPublicly, redirectTo: q.redirectTo ?? null, now: q.now });
  await setEditionStatus(trx, { editionId: q.editionId, to: 'withdrawn', actor: STATE_ACTOR, now: q.now });
  await insertReviewAction(trx, {
    editionId: q.editionId, step: 0, stepName: q.action === 'withdraw' ? '撤稿' : '定时下线', action: q.action, actorId: actor.userId, reason: q.reason, at: q.now,
  });
  // Outbox: the page is replaced by its withdrawal notice once this commits.
  await enqueueDocumentPublish(trx, deps.jobs, q.documentId, actor.userId);
  await deps.audit.append(trx, actor, {
    action: `content.workflow.${q.action}`, result: 'success', targetType: 'document', targetId: q.documentId,
    detail: { editionId: q.editionId, reason: q.reason, showPublicly: q.showPublicly, ...(q.redirectTo ? { redirectTo: q.redirectTo } : {}) },
  });
}
