import type { Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { getColumn, type ColumnView } from '../../columns/index.js';
import { documentReadScope, listDraftsOf, listEditionsInReview, type QueueEntry } from '../../content/index.js';
import { listReviewActions, roundState, type ReviewActionView } from '../review-actions.repo.js';
import { canActOnStep, columnScope, reviewChain, stepAt } from '../review-chain.js';
import { userNames } from '../user-names.js';

export interface InboxItem {
  readonly documentId: number;
  readonly editionId: number;
  readonly title: string;
  readonly kind: QueueEntry['kind'];
  readonly siteId: number;
  readonly columnId: number;
  readonly columnName: string;
  readonly step: number;
  readonly stepName: string;
  readonly stepCount: number;
  readonly isSecrecy: boolean;
  readonly authorName: string;
  readonly submittedAt: number | null;
  /** Blocking findings stored by the last check run: such an edition cannot be approved as it is. */
  readonly blockingChecks: number;
}

export interface ReturnedItem {
  readonly documentId: number;
  readonly editionId: number;
  readonly title: string;
  readonly columnName: string;
  readonly stepName: string;
  readonly reason: string | null;
  readonly rejectedBy: string;
  readonly rejectedAt: number;
}

export interface InboxCounts {
  readonly total: number;
  /** Waiting items per step name, in chain order (secrecy review last). */
  readonly steps: readonly { readonly name: string; readonly isSecrecy: boolean; readonly count: number }[];
  readonly returned: number;
}

export interface Inbox {
  readonly items: readonly InboxItem[];
  readonly returned: readonly ReturnedItem[];
  readonly counts: InboxCounts;
}

/** The most an inbox lists; the counts always cover everything. */
const MAX_ITEMS = 500;

function blockingOf(checks: string): number {
  try {
    const v: unknown = JSON.parse(checks);
    return Array.isArray(v) ? v.filter((r) => typeof r === 'object' && r !== null && (r as { severity?: unknown }).severity === 'block').length : 0;
  } catch {
    return 0;
  }
}

function byEdition(actions: readonly ReviewActionView[]): Map<number, ReviewActionView[]> {
  const map = new Map<number, ReviewActionView[]>();
  for (const a of actions) map.set(a.editionId, [...(map.get(a.editionId) ?? []), a]);
  return map;
}

/**
 * 我的待办: editions waiting at a step this user may act on (the step's role on the column),
 * minus the ones they wrote or already approved at an earlier step; and the drafts returned
 * to them with the reviewer's reason.
 */
export async function reviewInbox({ db, actor }: { db: Db; actor: Actor }): Promise<Inbox> {
  const columns = new Map<number, ColumnView | undefined>();
  const columnOf = async (id: number) => {
    if (!columns.has(id)) columns.set(id, await getColumn(db, id));
    return columns.get(id);
  };
  const queue = await listEditionsInReview(db, await documentReadScope(db, actor));
  const history = byEdition(await listReviewActions(db, queue.map((e) => e.editionId)));
  const waiting: (QueueEntry & { column: ColumnView; step: ReturnType<typeof stepAt>; stepCount: number })[] = [];
  for (const e of queue) {
    const column = await columnOf(e.columnId);
    if (!column) continue;
    const chain = reviewChain(column);
    const step = stepAt(chain, e.reviewStep);
    if (!canActOnStep(actor, step, columnScope(column))) continue;
    const round = roundState(history.get(e.editionId) ?? []);
    const id = actor.userId;
    if (id !== null && (e.authorId === id || e.lastEditorId === id || round.submitters.has(id) || round.approvers.has(id))) continue;
    waiting.push({ ...e, column, step, stepCount: chain.length });
  }

  const drafts = actor.userId === null ? [] : await listDraftsOf(db, actor.userId);
  const draftHistory = byEdition(await listReviewActions(db, drafts.map((d) => d.editionId)));
  const returned = drafts.flatMap((d) => {
    const last = roundState(draftHistory.get(d.editionId) ?? []).last;
    return last?.action === 'reject' ? [{ d, last }] : [];
  });

  const name = await userNames(db, [...waiting.map((w) => w.authorId), ...returned.map((r) => r.last.actorId)]);
  const steps: { name: string; isSecrecy: boolean; count: number; order: number }[] = [];
  for (const w of waiting) {
    const s = steps.find((x) => x.name === w.step.name && x.isSecrecy === w.step.isSecrecy);
    if (s) s.count++;
    else steps.push({ name: w.step.name, isSecrecy: w.step.isSecrecy, count: 1, order: w.step.isSecrecy ? 1000 : w.step.index });
  }
  steps.sort((a, b) => a.order - b.order);

  return {
    items: waiting.slice(0, MAX_ITEMS).map((w) => ({
      documentId: w.documentId, editionId: w.editionId, title: w.title, kind: w.kind, siteId: w.siteId, columnId: w.columnId, columnName: w.column.name,
      step: w.step.index, stepName: w.step.name, stepCount: w.stepCount, isSecrecy: w.step.isSecrecy, authorName: name(w.authorId),
      submittedAt: w.submittedAt, blockingChecks: blockingOf(w.checks),
    })),
    returned: await Promise.all(returned.map(async ({ d, last }) => ({
      documentId: d.documentId, editionId: d.editionId, title: d.title, columnName: (await columnOf(d.columnId))?.name ?? '',
      stepName: last.stepName, reason: last.reason, rejectedBy: name(last.actorId), rejectedAt: last.at,
    }))),
    counts: { total: waiting.length, steps: steps.map(({ order: _o, ...s }) => s), returned: returned.length },
  };
}

/** Just the numbers, for the menu badge. */
export async function reviewCounts({ db, actor }: { db: Db; actor: Actor }): Promise<InboxCounts> {
  return (await reviewInbox({ db, actor })).counts;
}
