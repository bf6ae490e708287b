import type { Db } from '../../db/index.js';
import { AppError } from '../http/error-registry.js';
import type { JobStatus } from './jobs.tables.js';
import { toJobView, type JobView } from './job-view.js';

async function refuse(db: Db, id: number): Promise<never> {
  const row = await db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('jobs.not_found', { id });
  throw new AppError('jobs.bad_state', { status: row.status });
}

const RETRYABLE: readonly JobStatus[] = ['failed', 'cancelled'];

/**
 * A failed (or cancelled) job goes back to the queue with a fresh set of attempts. Its last
 * error stays visible until the next run. The caller audits and announces after commit.
 */
export async function requeueFailedJob(db: Db, id: number, now: number): Promise<JobView> {
  const row = await db.updateTable('jobs')
    .set({ status: 'queued', attempts: 0, run_at: now, progress: 0, progress_message: '', result: null, finished_at: null, locked_by: null, locked_until: null })
    .where('id', '=', id).where('status', 'in', RETRYABLE)
    .returningAll().executeTakeFirst();
  return row ? toJobView(row) : refuse(db, id);
}

/** Only a job that has not started can be cancelled; a running one finishes its attempt. */
export async function cancelQueuedJob(db: Db, id: number, now: number): Promise<JobView> {
  const row = await db.updateTable('jobs')
    .set({ status: 'cancelled', finished_at: now })
    .where('id', '=', id).where('status', '=', 'queued')
    .returningAll().executeTakeFirst();
  return row ? toJobView(row) : refuse(db, id);
}
