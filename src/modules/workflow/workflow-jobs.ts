import { inTransaction } from '../../db/index.js';
import { systemActor } from '../../platform/identity/actor.js';
import type { Platform } from '../../platform/platform.js';
import { setLinkCheckSink } from '../checks/index.js';
import { getDocument, getEdition } from '../content/index.js';
import { storeLinkCheckOutcome } from './edition-link-check.js';
import { PUBLISH_DUE_KIND, UNPUBLISH_DUE_KIND, type DueJobPayload } from './job-kinds.js';
import { publishIfReady } from './publish-ready.js';
import { withdrawPublished } from './withdraw-published.js';
import { workflowDeps, type WorkflowDeps } from './workflow-deps.js';

const SCHEDULER = systemActor('workflow-scheduler');

export interface DueJobResult {
  readonly result: 'published' | 'waiting' | 'unpublished' | 'skipped';
  /** Why nothing happened (the state changed since the job was enqueued): the job is idempotent. */
  readonly why?: string;
  readonly published?: readonly number[];
}

/** Publishes a scheduled edition whose time has come (with its major-policy partner when that is ready too). */
export async function runPublishDue(platform: Pick<Platform, 'db' | 'clock'>, deps: WorkflowDeps, payload: DueJobPayload): Promise<DueJobResult> {
  const now = platform.clock.now();
  return inTransaction(platform.db, async (trx): Promise<DueJobResult> => {
    const edition = await getEdition(trx, payload.editionId);
    const doc = edition ? await getDocument(trx, edition.documentId) : undefined;
    if (!edition || !doc) return { result: 'skipped', why: 'gone' };
    if (doc.currentEditionId !== edition.id) return { result: 'skipped', why: 'not the current edition' };
    if (edition.status !== 'scheduled') return { result: 'skipped', why: `status ${edition.status}` };
    if (edition.scheduledPublishAt === null || edition.scheduledPublishAt > now) return { result: 'skipped', why: 'not due (time changed)' };
    const outcome = await publishIfReady(trx, deps, SCHEDULER, doc.id, now);
    return outcome.published.length > 0 ? { result: 'published', published: outcome.published } : { result: 'waiting', why: outcome.waitingFor ?? '' };
  });
}

/** Takes a published edition down when its scheduled unpublish time has come (not shown publicly as a withdrawal). */
export async function runUnpublishDue(platform: Pick<Platform, 'db' | 'clock'>, deps: WorkflowDeps, payload: DueJobPayload): Promise<DueJobResult> {
  const now = platform.clock.now();
  return inTransaction(platform.db, async (trx): Promise<DueJobResult> => {
    const edition = await getEdition(trx, payload.editionId);
    if (!edition) return { result: 'skipped', why: 'gone' };
    if (edition.status !== 'published') return { result: 'skipped', why: `status ${edition.status}` };
    if (edition.scheduledUnpublishAt === null || edition.scheduledUnpublishAt > now) return { result: 'skipped', why: 'not due (time changed)' };
    await withdrawPublished(trx, deps, SCHEDULER, {
      documentId: edition.documentId, editionId: edition.id, reason: '已到定时下线时间', showPublicly: false, now, action: 'unpublish',
    });
    return { result: 'unpublished' };
  });
}

/** Registers the workflow's job kinds (called through moduleJobs by every process that runs jobs). */
export function registerWorkflowJobs(platform: Platform): void {
  const deps = workflowDeps(platform);
  platform.jobs.define<DueJobPayload>(PUBLISH_DUE_KIND, (ctx) => runPublishDue(platform, deps, ctx.payload), { maxAttempts: 5 });
  platform.jobs.define<DueJobPayload>(UNPUBLISH_DUE_KIND, (ctx) => runUnpublishDue(platform, deps, ctx.payload), { maxAttempts: 5 });
  // The checks module checks links; the edition they belong to is the workflow's to update.
  setLinkCheckSink(storeLinkCheckOutcome);
}
