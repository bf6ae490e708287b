import type { Db } from '../../db/index.js';
import type { JobRow } from './job-view.js';

/** Identifies one run of a job: a late write from an earlier, abandoned run matches nothing. */
export interface RunIdentity {
  readonly id: number;
  readonly workerId: string;
  readonly attempt: number;
}

export const ERROR_MAX_CHARS = 2000;

export function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.slice(0, ERROR_MAX_CHARS);
}

function stringifyResult(result: unknown): string {
  try {
    return JSON.stringify(result ?? null) ?? 'null';
  } catch {
    return JSON.stringify({ unserializable: true });
  }
}

function ownRun(db: Db, run: RunIdentity) {
  return db.updateTable('jobs')
    .where('id', '=', run.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', run.workerId)
    .where('attempts', '=', run.attempt);
}

export async function recordSuccess(db: Db, run: RunIdentity, result: unknown, now: number): Promise<JobRow | undefined> {
  return ownRun(db, run)
    .set({ status: 'succeeded', result: stringifyResult(result), progress: 100, finished_at: now, locked_by: null, locked_until: null })
    .returningAll().executeTakeFirst();
}

/** Another attempt after `retryAt`, or the final failure when the attempts are used up. */
export async function recordFailure(db: Db, run: RunIdentity, input: { error: string; now: number; retryAt: number }): Promise<JobRow | undefined> {
  const failed = await ownRun(db, run)
    .whereRef('attempts', '>=', 'max_attempts')
    .set({ status: 'failed', last_error: input.error, finished_at: input.now, locked_by: null, locked_until: null })
    .returningAll().executeTakeFirst();
  if (failed) return failed;
  return ownRun(db, run)
    .set({ status: 'queued', last_error: input.error, run_at: input.retryAt, locked_by: null, locked_until: null })
    .returningAll().executeTakeFirst();
}

/** Stopped by a shutdown, not by its own fault: back in the queue, the attempt not counted. */
export async function recordInterrupted(db: Db, run: RunIdentity, now: number): Promise<JobRow | undefined> {
  return ownRun(db, run)
    .set((eb) => ({ status: 'queued', run_at: now, attempts: eb('attempts', '-', 1), locked_by: null, locked_until: null }))
    .returningAll().executeTakeFirst();
}

/** Stores progress while the run still owns the job. */
export async function recordProgress(db: Db, run: RunIdentity, percent: number, message: string): Promise<JobRow | undefined> {
  return ownRun(db, run).set({ progress: percent, progress_message: message }).returningAll().executeTakeFirst();
}

export const LEASE_EXPIRED_MESSAGE = '执行该任务的进程失去响应（租约过期） / the worker running this job stopped responding (lease expired)';

/**
 * Jobs whose worker died (still running after their lease): the lost run counts as a failed
 * attempt. They go back to the queue at once (the lease already delayed them) or, with no
 * attempts left, fail for good.
 */
export async function requeueExpiredLeases(db: Db, now: number): Promise<JobRow[]> {
  const expired = db.updateTable('jobs').where('status', '=', 'running').where('locked_until', '<', now);
  const failed = await expired
    .whereRef('attempts', '>=', 'max_attempts')
    .set({ status: 'failed', last_error: LEASE_EXPIRED_MESSAGE, finished_at: now, locked_by: null, locked_until: null })
    .returningAll().execute();
  const requeued = await expired
    .set({ status: 'queued', last_error: LEASE_EXPIRED_MESSAGE, run_at: now, locked_by: null, locked_until: null })
    .returningAll().execute();
  return [...failed, ...requeued];
}
