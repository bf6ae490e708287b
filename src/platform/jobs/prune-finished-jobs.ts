import type { Db } from '../../db/index.js';

export interface PruneJobsPayload {
  readonly keepDays?: number;
  readonly keepFailedDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes finished jobs once they are no longer useful to look at, so the queue table stays
 * small (the claim query scans it). Failed jobs are kept longer: someone may still retry them.
 * What a job did is in the audit log, not here.
 */
export async function pruneFinishedJobs(db: Db, now: number, payload: PruneJobsPayload | null): Promise<{ deleted: number }> {
  const keepDays = Math.max(1, payload?.keepDays ?? 30);
  const keepFailedDays = Math.max(keepDays, payload?.keepFailedDays ?? 180);
  const done = await db.deleteFrom('jobs')
    .where('status', 'in', ['succeeded', 'cancelled']).where('finished_at', '<', now - keepDays * DAY_MS).executeTakeFirst();
  const failed = await db.deleteFrom('jobs')
    .where('status', '=', 'failed').where('finished_at', '<', now - keepFailedDays * DAY_MS).executeTakeFirst();
  return { deleted: Number(done.numDeletedRows) + Number(failed.numDeletedRows) };
}
