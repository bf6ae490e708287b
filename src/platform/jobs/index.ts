/** The durable job queue: outbox enqueue, claiming workers, retries, schedules, live progress. */
export { createJobService, type JobService, type JobServiceDeps, type JobKindOptions, type RunDueReport } from './job-service.js';
export { JobErrors } from './errors.js';
export { jobsRoutes, type JobsRoutesPlatform } from './jobs.routes.js';
export { registerPlatformJobs, AUDIT_CHECKPOINT_KIND, PRUNE_JOBS_KIND } from './register-platform-jobs.js';
export { validateCron, nextOccurrence, SCHEDULE_TIME_ZONE } from './job-cron.js';
export { DEMO_PROGRESS_KIND, type DemoProgressPayload } from './demo-progress-job.js';
export { JobShutdownError, JobTimeoutError } from './run-job.js';
export type { JobView, ScheduleView, JobEvent } from './job-view.js';
export type { ScheduleInput } from './job-schedules.js';
export type { ListJobsQuery, JobPage } from './job-queries.js';
export type { JobStatus } from './jobs.tables.js';
