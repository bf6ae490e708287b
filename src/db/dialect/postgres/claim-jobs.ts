import { sql, type QueryExecutorProvider } from 'kysely';
import type { ClaimJobsInput, ClaimedJobRow } from '../claim-jobs-input.js';

/**
 * Claims due jobs with `for update skip locked`: concurrent workers each lock different rows
 * and never wait for one another, so no job is claimed twice. The CTE is materialised so the
 * locking select runs exactly once.
 */
export async function claimJobs(db: QueryExecutorProvider, input: ClaimJobsInput): Promise<ClaimedJobRow[]> {
  if (input.limit <= 0 || input.kinds.length === 0) return [];
  const kinds = sql.join(input.kinds.map((k) => sql`${k}`));
  const { rows } = await sql<ClaimedJobRow>`
    with due as materialized (
      select id from jobs
      where status = 'queued' and run_at <= ${input.now} and kind in (${kinds})
      order by run_at, id
      limit ${input.limit}
      for update skip locked
    )
    update jobs set status = 'running', locked_by = ${input.workerId}, locked_until = ${input.lockedUntil},
      attempts = jobs.attempts + 1, started_at = ${input.now}, progress = 0, progress_message = ''
    from due where jobs.id = due.id
    returning jobs.*`.execute(db);
  return rows;
}
