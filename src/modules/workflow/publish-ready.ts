import type { Db } from '../../db/index.js';
import type { Actor } from '../../platform/identity/actor.js';
import { getDocument, getEdition, listInterpretationsOf, markPublished, type DocumentView, type EditionView } from '../content/index.js';
import { insertReviewAction } from './review-actions.repo.js';
import { UNPUBLISH_DUE_KIND, type DueJobPayload } from './job-kinds.js';
import type { WorkflowDeps } from './workflow-deps.js';
import { enqueueDocumentPublish } from '../publishing/index.js';

export type WaitingFor = 'interpretation' | 'policy';

export interface PublishOutcome {
  /** Documents published now, all with the same publish time. */
  readonly published: readonly number[];
  /** Why an approved edition did not go public yet (a major policy and its interpretation publish together). */
  readonly waitingFor: WaitingFor | null;
}

/** Approved, or scheduled with its time come. */
export function isReadyToPublish(e: EditionView, now: number): boolean {
  return e.status === 'approved' || (e.status === 'scheduled' && e.scheduledPublishAt !== null && e.scheduledPublishAt <= now);
}

interface Candidate {
  readonly doc: DocumentView;
  readonly edition: EditionView;
}

async function candidate(trx: Db, documentId: number): Promise<Candidate | undefined> {
  const doc = await getDocument(trx, documentId);
  const edition = doc ? await getEdition(trx, doc.currentEditionId) : undefined;
  return doc && edition ? { doc, edition } : undefined;
}

/** A major policy not yet public: it and its interpretation go public together. */
export function isWaitingMajorPolicy(doc: DocumentView): boolean {
  return doc.kind === 'policy' && doc.isMajor && doc.publishedEditionId === null;
}

/**
 * Publishes the document's current edition when it is ready, with the major-policy rule: a
 * major policy waits until an interpretation of it is ready too (or one is already public),
 * and an interpretation of a major policy not yet public waits for the policy. When the last
 * of the pair is ready, both publish in this transaction with the same time (the clock's).
 */
export async function publishIfReady(trx: Db, deps: WorkflowDeps, actor: Actor, documentId: number, now: number): Promise<PublishOutcome> {
  const self = await candidate(trx, documentId);
  if (!self || !isReadyToPublish(self.edition, now)) return { published: [], waitingFor: null };
  const { doc } = self;
  // The last approvals of a policy and its interpretation may commit at the same moment: each
  // would see the other still in review and both would wait forever. One lock per pair makes
  // the second wait for the first and then read its committed state.
  const pairKey = doc.kind === 'policy' ? doc.id : doc.kind === 'interpretation' ? doc.interpretsId : null;
  if (pairKey !== null) await deps.ops.lockForUpdate(trx, `workflow.pair.${pairKey}`);

  if (doc.kind === 'interpretation' && doc.interpretsId !== null) {
    const policy = await getDocument(trx, doc.interpretsId);
    if (policy && isWaitingMajorPolicy(policy)) {
      const policyEdition = await getEdition(trx, policy.currentEditionId);
      if (!policyEdition || !isReadyToPublish(policyEdition, now)) return { published: [], waitingFor: 'policy' };
      // The policy's turn publishes it with every ready interpretation, this one included.
      return publishIfReady(trx, deps, actor, policy.id, now);
    }
  }

  const group: Candidate[] = [self];
  if (isWaitingMajorPolicy(doc)) {
    const interpretations = (await listInterpretationsOf(trx, doc.id)).filter((d) => d.status !== 'withdrawn');
    if (!interpretations.some((d) => d.publishedEditionId !== null)) {
      for (const d of interpretations) {
        const c = await candidate(trx, d.id);
        if (c && isReadyToPublish(c.edition, now)) group.push(c);
      }
      if (group.length === 1) return { published: [], waitingFor: 'interpretation' };
    }
  }
  const ids = group.map((c) => c.doc.id);
  for (const c of group) await publishEdition(trx, deps, actor, c, { now, together: ids.filter((id) => id !== c.doc.id) });
  return { published: ids, waitingFor: null };
}

/** Makes one edition public (markPublished: times from the clock), records and audits it, and enqueues its scheduled unpublish. */
export async function publishEdition(trx: Db, deps: WorkflowDeps, actor: Actor, c: Candidate, opts: { now: number; together?: readonly number[]; fastTrack?: boolean }): Promise<EditionView> {
  const published = await markPublished(trx, c.edition.id, opts.now, opts.fastTrack ? { fastTrack: true } : {});
  await insertReviewAction(trx, { editionId: c.edition.id, step: c.edition.reviewStep, stepName: '发布', action: 'publish', actorId: actor.userId, at: opts.now });
  await deps.audit.append(trx, actor, {
    action: 'content.workflow.publish', result: 'success', targetType: 'document', targetId: c.doc.id,
    detail: {
      editionId: c.edition.id, number: c.edition.number, publishedAt: opts.now, from: c.edition.status,
      ...(opts.together && opts.together.length > 0 ? { together: opts.together } : {}), ...(opts.fastTrack ? { fastTrack: true } : {}),
    },
  });
  // Outbox: the pages are rendered after this transaction commits, and never if it rolls back.
  await enqueueDocumentPublish(trx, deps.jobs, c.doc.id, actor.userId);
  if (c.edition.scheduledUnpublishAt !== null) {
    const payload: DueJobPayload = { editionId: c.edition.id };
    await deps.jobs.enqueue(trx, { kind: UNPUBLISH_DUE_KIND, payload, runAt: Math.max(opts.now, c.edition.scheduledUnpublishAt), createdBy: actor.userId });
  }
  return published;
}
