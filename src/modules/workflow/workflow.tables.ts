import type { Generated } from 'kysely';

/** What a review_actions row records. `post_review` rows distinguish the reviewer and secrecy kinds by `step`. */
export type ReviewAction = 'submit' | 'approve' | 'reject' | 'fast_track' | 'post_review' | 'withdraw' | 'schedule' | 'publish' | 'unpublish';

/**
 * The review history of an edition: who did what at which step, and why. Written in the same
 * transaction as the state change and its audit event (created by migration 0002).
 */
export interface ReviewActionsTable {
  id: Generated<number>;
  edition_id: number;
  /** Index into the column's review chain (the secrecy review is the last). */
  step: number;
  step_name: string;
  action: ReviewAction;
  /** Null for the system (scheduled jobs). */
  actor_id: number | null;
  /** Rejection, withdrawal and fast-track reasons; an approver's comment. */
  reason: string | null;
  at: number;
}

export interface WorkflowTables {
  review_actions: ReviewActionsTable;
}
