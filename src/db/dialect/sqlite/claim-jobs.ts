import { sql, type QueryExecutorProvider } from 'kysely';
import type { ClaimJobsInput, ClaimedJobRow } from '../claim-jobs-input.js';

/**
 * SQLite has one writer: a single UPDATE takes the write lock before it reads, so selecting
 * and marking the due rows in one statement is atomic, even against another process on the
 * same file (which waits on busy_timeout).
 */
export async function claimJobs(db: QueryExecutorProvider, input: ClaimJobsInput): Promise<ClaimedJobRow[]> {
  if (input.limit <= 0 || input.kinds.length === 0) return [];
  const kinds = sql.join(input.kinds.map((k) => sql`${k}`));
  const { rows } = await sql<ClaimedJobRow>`
    update jobs set status = 'running', locked_by = ${input.workerId}, locked_until = ${input.lockedUntil},
      attempts = attempts + 1, started_at = ${input.now}, progress = 0, progress_message = ''
    where status = 'queued' and id in (
      select id from jobs
      where status = 'queued' and run_at <= ${input.now} and kind in (${kinds})
      order by run_at, id
      limit ${input.limit}
    )
    returning *`.execute(db);
  return rows;
}
