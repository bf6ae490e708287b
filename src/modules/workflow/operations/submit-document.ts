import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { EDITION_STATUS_LABELS, setEditionStatus } from '../../content/index.js';
import { checkEdition } from '../edition-checks.js';
import { enqueueEditionLinkCheck } from '../edition-link-check.js';
import { insertReviewAction } from '../review-actions.repo.js';
import { STATE_ACTOR } from '../state-actor.js';
import { requireDocumentTarget } from '../workflow-target.js';
import { workflowResult, type WorkflowResult } from '../workflow-result.js';
import type { WorkflowDeps } from '../workflow-deps.js';
import { WorkflowErrors } from '../errors.js';

/**
 * Submits a draft (or a returned draft) for review: it waits at the first step of the column's
 * chain. The machine checks run now and are stored with the edition, so reviewers see them;
 * a blocking finding does not stop the submission but will refuse every approval. The body's
 * links are checked in the background (edition-link-check.ts).
 */
export async function submitDocument({ db, actor, documentId, deps }: { db: Db; actor: Actor; documentId: number; deps: WorkflowDeps }): Promise<WorkflowResult> {
  const target = await requireDocumentTarget(db, actor, documentId, 'documents.write');
  const { edition, chain } = target;
  if (edition.status !== 'draft' && edition.status !== 'rejected') {
    throw new AppError(WorkflowErrors['content.workflow.not_submittable'], { status: EDITION_STATUS_LABELS[edition.status] });
  }
  const checks = await checkEdition(db, target);
  const now = deps.clock.now();
  const first = chain[0]!;
  await inTransaction(db, async (trx) => {
    await setEditionStatus(trx, { editionId: edition.id, to: 'in_review', actor: STATE_ACTOR, now });
    await insertReviewAction(trx, { editionId: edition.id, step: 0, stepName: first.name, action: 'submit', actorId: actor.userId, at: now });
    await deps.audit.append(trx, actor, {
      action: 'content.workflow.submit', result: 'success', targetType: 'document', targetId: documentId,
      detail: { editionId: edition.id, number: edition.number, nextStep: first.name, checks: checks.counts },
    });
    await enqueueEditionLinkCheck(trx, deps, target, actor);
  });
  return workflowResult(db, documentId, { checks });
}
