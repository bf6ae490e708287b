import type { Db } from '../../../db/index.js';
import { hasPermissionOnColumn, type Actor } from '../../../platform/identity/actor.js';
import { getColumn } from '../../columns/index.js';
import {
  FAST_TRACK_FROM, getDocument, getEdition, listEditions, listInterpretationsOf, type DocumentView, type EditionView,
} from '../../content/index.js';
import { computeEditionChecks, type EditionChecks } from '../edition-checks.js';
import { isReadyToPublish, isWaitingMajorPolicy, type WaitingFor } from '../publish-ready.js';
import { fastTrackState, listReviewActions, roundState, type ReviewActionView } from '../review-actions.repo.js';
import { canActOnStep, columnScope, stepAt, stepRoleLabel } from '../review-chain.js';
import { isOwnWork } from '../review-guards.js';
import { userNames } from '../user-names.js';
import { requireDocumentTarget, type WorkflowTarget } from '../workflow-target.js';

export interface ChainStepView {
  readonly index: number;
  readonly name: string;
  readonly role: string;
  readonly roleLabel: string;
  readonly isSecrecy: boolean;
  readonly state: 'done' | 'current' | 'pending';
  readonly by: string | null;
  readonly at: number | null;
}

export interface HistoryEntry {
  readonly id: number;
  readonly editionId: number;
  readonly editionNumber: number;
  readonly action: ReviewActionView['action'];
  readonly step: number;
  readonly stepName: string;
  readonly actorName: string;
  readonly reason: string | null;
  readonly at: number;
}

export interface LinkedDocument {
  readonly id: number;
  /** Null when the reader may not see the linked document. */
  readonly title: string | null;
  readonly kind: DocumentView['kind'];
  readonly status: DocumentView['status'];
}

/** What a reviewer (or the author) sees to decide: the edition, the chain, check results, history, links, and what they may do. */
export interface ReviewView {
  readonly document: DocumentView;
  readonly edition: EditionView & { readonly authorName: string; readonly lastEditorName: string };
  readonly column: { readonly id: number; readonly name: string; readonly kind: string };
  readonly chain: readonly ChainStepView[];
  readonly currentStep: number | null;
  readonly can: {
    readonly approve: boolean; readonly reject: boolean; readonly submit: boolean; readonly schedule: boolean;
    readonly withdraw: boolean; readonly fastTrack: boolean; readonly postReview: boolean;
  };
  /** Why the reader may not approve the current step: their own work, or not their role. */
  readonly approveBlockedBy: 'own_work' | 'role' | null;
  readonly checks: EditionChecks;
  readonly history: readonly HistoryEntry[];
  readonly links: { readonly isMajor: boolean; readonly interprets: LinkedDocument | null; readonly interpretations: readonly LinkedDocument[]; readonly waitingFor: WaitingFor | null };
  readonly fastTrack: { readonly at: number; readonly by: string; readonly reason: string | null; readonly reviewBy: string | null; readonly secrecyBy: string | null; readonly pending: boolean } | null;
  readonly returned: { readonly reason: string | null; readonly by: string; readonly stepName: string; readonly at: number } | null;
}

async function linked(db: Db, actor: Actor, doc: DocumentView): Promise<LinkedDocument> {
  const column = await getColumn(db, doc.columnId);
  const visible = column !== undefined && hasPermissionOnColumn(actor, 'documents.read', columnScope(column));
  const edition = visible ? await getEdition(db, doc.currentEditionId) : undefined;
  return { id: doc.id, title: edition?.title ?? null, kind: doc.kind, status: doc.status };
}

async function waitingFor(db: Db, t: WorkflowTarget, interpretations: readonly DocumentView[], now: number): Promise<WaitingFor | null> {
  if (t.doc.publishedEditionId === t.edition.id || !isReadyToPublish(t.edition, now)) return null;
  if (isWaitingMajorPolicy(t.doc) && !interpretations.some((d) => d.publishedEditionId !== null)) return 'interpretation';
  const policy = t.doc.kind === 'interpretation' && t.doc.interpretsId !== null ? await getDocument(db, t.doc.interpretsId) : undefined;
  return policy && isWaitingMajorPolicy(policy) ? 'policy' : null;
}

export async function readReview({ db, actor, documentId, now }: { db: Db; actor: Actor; documentId: number; now: number }): Promise<ReviewView> {
  const t = await requireDocumentTarget(db, actor, documentId, 'documents.read');
  const { doc, edition, chain, scope } = t;
  const editions = await listEditions(db, doc.id);
  const actions = await listReviewActions(db, editions.map((e) => e.id));
  const mine = actions.filter((a) => a.editionId === edition.id);
  const round = roundState(mine);
  const lastSubmit = mine.map((a) => a.action).lastIndexOf('submit');
  const approvals = mine.slice(lastSubmit + 1).filter((a) => a.action === 'approve');
  const ft = editions.map((e) => fastTrackState(actions.filter((a) => a.editionId === e.id))).filter((s) => s !== undefined).sort((a, b) => b.fastTrack.id - a.fastTrack.id)[0];
  const name = await userNames(db, [...actions.map((a) => a.actorId), edition.authorId, edition.lastEditorId]);

  const inReview = edition.status === 'in_review';
  const current = inReview ? stepAt(chain, edition.reviewStep) : null;
  const ownWork = isOwnWork(actor, t, round);
  const roleOk = current !== null && canActOnStep(actor, current, scope);
  const canPost = ft !== undefined && ft.pending && actor.userId !== null
    && ![ft.fastTrack.actorId, ft.reviewBy?.actorId, ft.secrecyBy?.actorId].includes(actor.userId)
    && ((hasPermissionOnColumn(actor, 'documents.review', scope) && !ft.reviewBy) || (hasPermissionOnColumn(actor, 'documents.secrecy_review', scope) && !ft.secrecyBy));
  const interpretations = await listInterpretationsOf(db, doc.id);
  const interpreted = doc.interpretsId !== null ? await getDocument(db, doc.interpretsId) : undefined;
  const lastReject = edition.status === 'draft' && round.last?.action === 'reject' ? round.last : undefined;
  const numberOf = new Map(editions.map((e) => [e.id, e.number]));

  return {
    document: doc,
    edition: { ...edition, authorName: name(edition.authorId), lastEditorName: name(edition.lastEditorId) },
    column: { id: t.column.id, name: t.column.name, kind: t.column.kind },
    chain: chain.map((s) => {
      const approval = approvals.find((a) => a.step === s.index);
      const state = approval ? 'done' : current?.index === s.index ? 'current' : 'pending';
      return { index: s.index, name: s.name, role: s.role, roleLabel: stepRoleLabel(s), isSecrecy: s.isSecrecy, state, by: approval ? name(approval.actorId) : null, at: approval?.at ?? null };
    }),
    currentStep: current?.index ?? null,
    can: {
      approve: inReview && roleOk && !ownWork,
      reject: inReview && roleOk,
      submit: (edition.status === 'draft' || edition.status === 'rejected') && hasPermissionOnColumn(actor, 'documents.write', scope),
      schedule: edition.status !== 'superseded' && edition.status !== 'withdrawn' && hasPermissionOnColumn(actor, 'documents.write', scope),
      withdraw: doc.publishedEditionId !== null && hasPermissionOnColumn(actor, 'documents.withdraw', scope),
      fastTrack: FAST_TRACK_FROM.includes(edition.status) && hasPermissionOnColumn(actor, 'documents.fast_track', scope),
      postReview: canPost,
    },
    approveBlockedBy: !inReview ? null : !roleOk ? 'role' : ownWork ? 'own_work' : null,
    checks: await computeEditionChecks(db, t),
    history: [...actions].reverse().map((a) => ({
      id: a.id, editionId: a.editionId, editionNumber: numberOf.get(a.editionId) ?? 0, action: a.action, step: a.step, stepName: a.stepName,
      actorName: name(a.actorId), reason: a.reason, at: a.at,
    })),
    links: {
      isMajor: doc.isMajor,
      interprets: interpreted ? await linked(db, actor, interpreted) : null,
      interpretations: await Promise.all(interpretations.map((d) => linked(db, actor, d))),
      waitingFor: await waitingFor(db, t, interpretations, now),
    },
    fastTrack: ft ? {
      at: ft.fastTrack.at, by: name(ft.fastTrack.actorId), reason: ft.fastTrack.reason, pending: ft.pending,
      reviewBy: ft.reviewBy ? name(ft.reviewBy.actorId) : null, secrecyBy: ft.secrecyBy ? name(ft.secrecyBy.actorId) : null,
    } : null,
    returned: lastReject ? { reason: lastReject.reason, by: name(lastReject.actorId), stepName: lastReject.stepName, at: lastReject.at } : null,
  };
}
