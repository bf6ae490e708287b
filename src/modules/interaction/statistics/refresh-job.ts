import { inTransaction, type Db } from '../../../db/index.js';
import type { AuditLog } from '../../../platform/contracts.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { JobService } from '../../../platform/jobs/index.js';
import type { Platform } from '../../../platform/platform.js';
import { InteractionErrors } from '../errors.js';
import { computeLetterStatistics } from './compute.js';

export const LETTER_STATISTICS_KIND = 'interaction.letter_statistics';

/** Daily at 01:30 Asia/Shanghai (the schedules' zone): yesterday's answers are in, and nobody is reading. */
export const LETTER_STATISTICS_CRON = '30 1 * * *';

export function registerStatisticsJob(platform: Platform): void {
  platform.jobs.define(LETTER_STATISTICS_KIND, (ctx) => computeLetterStatistics(platform.db, { calendar: platform.calendar, now: platform.clock.now() }, (p, m) => ctx.progress(p, m), ctx.signal),
    { maxAttempts: 3, timeoutMs: 30 * 60 * 1000 });
  platform.jobs.declareSchedule({ name: LETTER_STATISTICS_KIND, cron: LETTER_STATISTICS_CRON, kind: LETTER_STATISTICS_KIND });
}

/** 刷新统计 from the console: the job enqueued with its audit event in one transaction (outbox). */
export async function startStatisticsRefresh(q: { db: Db; actor: Actor; jobs: JobService; audit: AuditLog }): Promise<{ id: number }> {
  const id = await inTransaction(q.db, async (trx) => {
    const jobId = await q.jobs.enqueue(trx, { kind: LETTER_STATISTICS_KIND, maxAttempts: 1, ...(q.actor.userId !== null ? { createdBy: q.actor.userId } : {}) });
    await q.audit.append(trx, q.actor, { action: 'interaction.statistics.refresh', result: 'success', targetType: 'job', targetId: jobId });
    return jobId;
  });
  return { id };
}

/** A refresh job's state for its starter's progress bar (the jobs screen itself is the system admin's). */
export async function statisticsRefreshJob(db: Db, jobs: JobService, id: number) {
  const job = await jobs.get(db, id).catch((e: unknown) => {
    if (e instanceof AppError) throw new AppError(InteractionErrors['interaction.statistics.job_not_found']);
    throw e;
  });
  if (job.kind !== LETTER_STATISTICS_KIND) throw new AppError(InteractionErrors['interaction.statistics.job_not_found']);
  return { id: job.id, status: job.status, progress: job.progress, progressMessage: job.progressMessage, lastError: job.lastError };
}
