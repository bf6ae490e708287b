import type { Platform } from '../platform.js';
import { systemActor } from '../identity/actor.js';
import { DEMO_PROGRESS_KIND, demoProgressJob, type DemoProgressPayload } from './demo-progress-job.js';
import { pruneFinishedJobs, type PruneJobsPayload } from './prune-finished-jobs.js';

export const AUDIT_CHECKPOINT_KIND = 'audit.checkpoint';
export const PRUNE_JOBS_KIND = 'platform.prune_jobs';
export const AUDIT_RETENTION_KIND = 'audit.retention';

/**
 * The platform's own job kinds and schedules. Every process that runs jobs calls this once
 * after createPlatform (`jiyue serve`, `jiyue worker`, tests), before start(). Synchronous:
 * schedules are written by the worker's first tick.
 */
export function registerPlatformJobs(platform: Pick<Platform, 'db' | 'jobs' | 'audit' | 'clock' | 'config'>): void {
  const { jobs } = platform;

  jobs.define<DemoProgressPayload>(DEMO_PROGRESS_KIND, demoProgressJob, { maxAttempts: 1, timeoutMs: 20 * 60 * 1000 });

  // The audit chain is signed every N events and, so that a quiet period is covered too, hourly.
  jobs.define(AUDIT_CHECKPOINT_KIND, async () => {
    const cp = await platform.audit.checkpoint(platform.db);
    return cp ? { seq: cp.seq } : { seq: null };
  }, { maxAttempts: 3, timeoutMs: 5 * 60 * 1000 });
  jobs.declareSchedule({ name: AUDIT_CHECKPOINT_KIND, cron: '5 * * * *', kind: AUDIT_CHECKPOINT_KIND });

  jobs.define<PruneJobsPayload>(PRUNE_JOBS_KIND, (ctx) => pruneFinishedJobs(platform.db, platform.clock.now(), ctx.payload),
    { maxAttempts: 3, timeoutMs: 10 * 60 * 1000 });
  jobs.declareSchedule({ name: PRUNE_JOBS_KIND, cron: '30 3 * * *', kind: PRUNE_JOBS_KIND, payload: { keepDays: 30, keepFailedDays: 180 } });

  // Audit events older than the retention period (≥ 180 days, 网络安全法 §21) are pruned daily;
  // the prune writes a signed anchor so the remaining chain still verifies.
  jobs.define(AUDIT_RETENTION_KIND, async () => platform.audit.prune(platform.db, systemActor('audit-retention'), { olderThanDays: platform.config.auditRetentionDays }),
    { maxAttempts: 3, timeoutMs: 30 * 60 * 1000 });
  jobs.declareSchedule({ name: AUDIT_RETENTION_KIND, cron: '15 4 * * *', kind: AUDIT_RETENTION_KIND });
}
