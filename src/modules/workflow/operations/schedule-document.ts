import { inTransaction, type Db } from '../../../db/index.js';
import { AppError, fieldError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { formatShanghai } from '../../../platform/i18n/format-time.js';
import { EDITION_STATUS_LABELS, setEditionSchedule, setEditionStatus, type EditionStatus } from '../../content/index.js';
import { PUBLISH_DUE_KIND, UNPUBLISH_DUE_KIND, type DueJobPayload } from '../job-kinds.js';
import { publishIfReady, type PublishOutcome } from '../publish-ready.js';
import { insertReviewAction } from '../review-actions.repo.js';
import { STATE_ACTOR } from '../state-actor.js';
import { requireDocumentTarget, requirePermissionOn } from '../workflow-target.js';
import { workflowResult, type WorkflowResult } from '../workflow-result.js';
import type { WorkflowDeps } from '../workflow-deps.js';
import { WorkflowErrors } from '../errors.js';

export interface ScheduleInput {
  /** Epoch ms in the future; null clears it; absent keeps it. */
  readonly publishAt?: number | null | undefined;
  readonly unpublishAt?: number | null | undefined;
}

/** A publish time can be set until the edition is public; an unpublish time also on a published edition. */
const PUBLISH_SCHEDULABLE: readonly EditionStatus[] = ['draft', 'rejected', 'in_review', 'approved', 'scheduled'];
const UNPUBLISH_SCHEDULABLE: readonly EditionStatus[] = [...PUBLISH_SCHEDULABLE, 'published'];
/**
 * Past review: an unpublish time set now was not part of what the reviewers approved, so it is a
 * withdrawal that waits, and needs the withdrawal's permission (site admins), not an editor's.
 */
const REVIEWED: readonly EditionStatus[] = ['approved', 'scheduled', 'published'];

function validateTimes(input: ScheduleInput, current: { publishAt: number | null; unpublishAt: number | null }, now: number): void {
  const fail = (code: 'content.workflow.publish_time_past' | 'content.workflow.unpublish_time_past' | 'content.workflow.unpublish_before_publish', field: string, zh: string, en: string): never => {
    throw new AppError(WorkflowErrors[code], {}, [fieldError(field, code, zh, en)]);
  };
  if (typeof input.publishAt === 'number' && input.publishAt <= now) fail('content.workflow.publish_time_past', 'publishAt', '不能设置过去的发布时间', 'The publish time cannot be in the past');
  if (typeof input.unpublishAt === 'number' && input.unpublishAt <= now) fail('content.workflow.unpublish_time_past', 'unpublishAt', '不能设置过去的下线时间', 'The unpublish time cannot be in the past');
  const publishAt = input.publishAt !== undefined ? input.publishAt : current.publishAt;
  const unpublishAt = input.unpublishAt !== undefined ? input.unpublishAt : current.unpublishAt;
  if (publishAt !== null && unpublishAt !== null && unpublishAt <= publishAt) fail('content.workflow.unpublish_before_publish', 'unpublishAt', '定时下线时间必须晚于发布时间', 'The unpublish time must be later than the publish time');
}

const describe = (label: string, v: number | null | undefined): string | null => (v === undefined ? null : `${label}：${v === null ? '取消' : formatShanghai(v)}`);

/**
 * Sets the scheduled publish and/or unpublish time of the current edition (future only). Each
 * time enqueues a job for that moment in the same transaction (outbox); the job re-checks the
 * state when it runs, so a changed or cleared time leaves the old job doing nothing. An edition
 * approved but waiting becomes 'scheduled'; a scheduled one whose time is cleared goes public now.
 */
export async function scheduleDocument({ db, actor, documentId, input, deps }: { db: Db; actor: Actor; documentId: number; input: ScheduleInput; deps: WorkflowDeps }): Promise<WorkflowResult> {
  const target = await requireDocumentTarget(db, actor, documentId, 'documents.write');
  const { edition } = target;
  const status = edition.status;
  if ((input.publishAt !== undefined && !PUBLISH_SCHEDULABLE.includes(status)) || (input.unpublishAt !== undefined && !UNPUBLISH_SCHEDULABLE.includes(status))) {
    throw new AppError(WorkflowErrors['content.workflow.not_schedulable'], { status: EDITION_STATUS_LABELS[status] });
  }
  // Setting or cancelling it alike: a takedown the site admin scheduled is theirs to cancel.
  if (input.unpublishAt !== undefined && REVIEWED.includes(status)) requirePermissionOn(actor, target, 'documents.withdraw', { step: '定时下线', role: '站点管理员' });
  const now = deps.clock.now();
  validateTimes(input, { publishAt: edition.scheduledPublishAt, unpublishAt: edition.scheduledUnpublishAt }, now);
  const note = [describe('定时发布', input.publishAt), describe('定时下线', input.unpublishAt)].filter(Boolean).join('；');

  const outcome = await inTransaction(db, async (trx): Promise<PublishOutcome> => {
    await setEditionSchedule(trx, { editionId: edition.id, publishAt: input.publishAt, unpublishAt: input.unpublishAt, now });
    const payload: DueJobPayload = { editionId: edition.id };
    if (typeof input.publishAt === 'number') await deps.jobs.enqueue(trx, { kind: PUBLISH_DUE_KIND, payload, runAt: input.publishAt, createdBy: actor.userId });
    if (typeof input.unpublishAt === 'number' && status === 'published') await deps.jobs.enqueue(trx, { kind: UNPUBLISH_DUE_KIND, payload, runAt: input.unpublishAt, createdBy: actor.userId });
    await insertReviewAction(trx, { editionId: edition.id, step: edition.reviewStep, stepName: '定时', action: 'schedule', actorId: actor.userId, reason: note, at: now });
    await deps.audit.append(trx, actor, {
      action: 'content.workflow.schedule', result: 'success', targetType: 'document', targetId: documentId,
      detail: { editionId: edition.id, ...(input.publishAt !== undefined ? { publishAt: input.publishAt } : {}), ...(input.unpublishAt !== undefined ? { unpublishAt: input.unpublishAt } : {}) },
    });
    if (typeof input.publishAt === 'number' && status === 'approved') {
      await setEditionStatus(trx, { editionId: edition.id, to: 'scheduled', actor: STATE_ACTOR, now });
    } else if (input.publishAt === null && status === 'scheduled') {
      await setEditionStatus(trx, { editionId: edition.id, to: 'approved', actor: STATE_ACTOR, now });
      return publishIfReady(trx, deps, actor, documentId, now);
    }
    return { published: [], waitingFor: null };
  });
  return workflowResult(db, documentId, outcome);
}
