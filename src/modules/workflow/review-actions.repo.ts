import type { Db } from '../../db/index.js';
import type { ReviewAction } from './workflow.tables.js';

export interface ReviewActionView {
  readonly id: number;
  readonly editionId: number;
  readonly step: number;
  readonly stepName: string;
  readonly action: ReviewAction;
  readonly actorId: number | null;
  readonly reason: string | null;
  readonly at: number;
}

export interface NewReviewAction {
  readonly editionId: number;
  readonly step: number;
  readonly stepName: string;
  readonly action: ReviewAction;
  readonly actorId: number | null;
  readonly reason?: string | null;
  readonly at: number;
}

export async function insertReviewAction(trx: Db, a: NewReviewAction): Promise<void> {
  await trx.insertInto('review_actions').values({
    edition_id: a.editionId, step: a.step, step_name: a.stepName.slice(0, 50), action: a.action, actor_id: a.actorId,
    reason: a.reason ?? null, at: a.at,
  }).execute();
}

function toView(r: { id: number; edition_id: number; step: number; step_name: string; action: ReviewAction; actor_id: number | null; reason: string | null; at: number }): ReviewActionView {
  return {
    id: Number(r.id), editionId: Number(r.edition_id), step: Number(r.step), stepName: r.step_name, action: r.action,
    actorId: r.actor_id === null ? null : Number(r.actor_id), reason: r.reason, at: Number(r.at),
  };
}

/** Every action on these editions, oldest first. */
export async function listReviewActions(db: Db, editionIds: readonly number[]): Promise<ReviewActionView[]> {
  if (editionIds.length === 0) return [];
  const rows = await db.selectFrom('review_actions').selectAll().where('edition_id', 'in', [...editionIds]).orderBy('id').execute();
  return rows.map(toView);
}

/** Every fast-track action, newest first (few: an emergency path). */
export async function listFastTrackActions(db: Db): Promise<ReviewActionView[]> {
  const rows = await db.selectFrom('review_actions').selectAll().where('action', '=', 'fast_track').orderBy('id', 'desc').limit(1000).execute();
  return rows.map(toView);
}

/** What the history of one edition says about the round of review in progress. */
export interface RoundState {
  /** Who submitted the edition (in any round): they are its authors for the separation of powers. */
  readonly submitters: ReadonlySet<number>;
  /** Who approved a step since the last submission. */
  readonly approvers: ReadonlySet<number>;
  /** The last action, e.g. a rejection that returned the edition to its author. */
  readonly last: ReviewActionView | undefined;
}

export function roundState(actions: readonly ReviewActionView[]): RoundState {
  const submitters = new Set<number>();
  let approvers = new Set<number>();
  for (const a of actions) {
    if (a.action === 'submit') {
      if (a.actorId !== null) submitters.add(a.actorId);
      approvers = new Set();
    } else if (a.action === 'approve' && a.actorId !== null) {
      approvers.add(a.actorId);
    }
  }
  return { submitters, approvers, last: actions[actions.length - 1] };
}

/** Post-review kinds: step 0 is the reviewer's, step 1 the secrecy reviewer's. */
export const POST_REVIEW_STEPS = { review: { step: 0, name: '事后审核' }, secrecy: { step: 1, name: '事后保密审查' } } as const;

export interface FastTrackState {
  readonly fastTrack: ReviewActionView;
  readonly reviewBy: ReviewActionView | undefined;
  readonly secrecyBy: ReviewActionView | undefined;
  /** Listed until both post-reviews are recorded. */
  readonly pending: boolean;
}

/** The latest fast track among these actions (of one edition) and its post-reviews. */
export function fastTrackState(actions: readonly ReviewActionView[]): FastTrackState | undefined {
  const idx = actions.map((a) => a.action).lastIndexOf('fast_track');
  if (idx < 0) return undefined;
  const after = actions.slice(idx + 1).filter((a) => a.action === 'post_review');
  const reviewBy = after.find((a) => a.step === POST_REVIEW_STEPS.review.step);
  const secrecyBy = after.find((a) => a.step === POST_REVIEW_STEPS.secrecy.step);
  return { fastTrack: actions[idx]!, reviewBy, secrecyBy, pending: !reviewBy || !secrecyBy };
}
