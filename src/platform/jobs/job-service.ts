import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Db, DialectOps } from '../../db/index.js';
import type { Clock } from '../clock.js';
import type { EnqueueOptions, JobHandler, JobQueue } from '../contracts.js';
import type { EventBus } from '../events/event-bus.js';
import type { Actor } from '../identity/actor.js';
import { DEFAULT_MAX_ATTEMPTS, enqueueJob } from './enqueue-job.js';
import { getJob, listJobs, listSchedules, type JobPage, type ListJobsQuery } from './job-queries.js';
import { schedulePayload, tickDueSchedules, upsertSchedule, type ScheduleInput } from './job-schedules.js';
import { validateCron } from './job-cron.js';
import { jobEvent, type JobEvent, type JobRow, type JobView, type ScheduleView } from './job-view.js';
import { cancelQueuedJob, requeueFailedJob } from './manage-jobs.js';
import { requeueExpiredLeases } from './record-outcome.js';
import { JobShutdownError, runClaimedJob, type JobKind, type RunOutcome } from './run-job.js';
import { createWorkerLoop } from './worker-loop.js';

export interface JobServiceDeps {
  readonly db: Db;
  readonly ops: DialectOps;
  readonly clock: Clock;
  readonly events: EventBus;
  /** Written to jobs.locked_by; unique per service instance by default. */
  readonly workerId?: string;
  readonly pollMs: number;
  readonly concurrency: number;
  readonly logger?: { error(obj: object, msg: string): void };
  /** Jitter source for retry delays (tests pin it). */
  readonly random?: () => number;
}

export interface JobKindOptions {
  /** Default attempts for jobs of this kind (enqueue may override); default 5. */
  readonly maxAttempts?: number;
  /** One attempt may take this long before it is aborted and counted as failed; default 10 min. */
  readonly timeoutMs?: number;
}

export interface RunDueReport {
  claimed: number;
  succeeded: number;
  retrying: number;
  failed: number;
  interrupted: number;
  lost: number;
  /** Abandoned runs (expired leases) put back in the queue or failed. */
  reclaimed: number;
}

export interface JobService extends JobQueue {
  readonly workerId: string;
  define<P>(kind: string, handler: JobHandler<P>, opts?: JobKindOptions): void;
  /** Runs jobs in the background until stop(). */
  start(): void;
  /** Stops claiming, lets running jobs finish for graceMs (default 10 s), then aborts them (they are requeued). */
  stop(opts?: { graceMs?: number }): Promise<void>;
  /** Claims and runs due jobs now, in batches of `concurrency`, until none is due or `max` ran. */
  runDue(opts?: { max?: number }): Promise<RunDueReport>;
  /** Creates or updates a schedule now (validates the cron: AppError `jobs.bad_cron`). */
  schedule(input: ScheduleInput): Promise<ScheduleView>;
  /**
   * Declares a schedule from code, synchronously (start-up code need not await): the cron is
   * validated now, and the schedule is written by the next tickSchedules() (the worker's first
   * look). Safe from several processes: the write is an idempotent upsert.
   */
  declareSchedule(input: ScheduleInput): void;
  /** Enqueues the due occurrence of every due schedule; returns how many jobs it enqueued. */
  tickSchedules(): Promise<number>;
  list(db: Db, query: ListJobsQuery): Promise<JobPage>;
  get(db: Db, id: number): Promise<JobView>;
  listSchedules(db: Db): Promise<ScheduleView[]>;
  /** failed/cancelled → queued. The caller audits in the same transaction, then calls announce() after commit. */
  retry(db: Db, actor: Actor, id: number): Promise<JobView>;
  /** queued → cancelled. Same contract as retry. */
  cancel(db: Db, actor: Actor, id: number): Promise<JobView>;
  /** Publishes a job's state to live subscribers (after the change committed) and wakes the worker. */
  announce(job: JobView): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
/** Beyond the timeout, so a live worker always records its own timeout before the lease runs out. */
const LEASE_MARGIN_MS = 30 * 1000;

function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`.slice(0, 100);
}

export function createJobService(deps: JobServiceDeps): JobService {
  const { db, clock, events } = deps;
  const workerId = (deps.workerId ?? defaultWorkerId()).slice(0, 100);
  const concurrency = Math.max(1, Math.floor(deps.concurrency));
  const logError = (obj: object, msg: string): void => {
    if (deps.logger) deps.logger.error(obj, msg);
    else console.error(msg, obj);
  };
  const kinds = new Map<string, JobKind>();
  const declared = new Map<string, ScheduleInput>();
  const active = new Map<number, { controller: AbortController; done: Promise<RunOutcome> }>();

  async function publish(ev: JobEvent): Promise<void> {
    try {
      await events.publish({ channel: 'jobs', data: ev });
      await events.publish({ channel: `job:${ev.id}`, data: ev });
    } catch (err) {
      logError({ err, jobId: ev.id }, 'job event publish failed');
    }
  }
  const announceRow = (row: JobRow): Promise<void> => publish(jobEvent(row));
  const runDeps = { db, clock, workerId, announce: announceRow, logError, random: deps.random ?? Math.random };
  const leaseOf = (kind: string): number => (kinds.get(kind)?.timeoutMs ?? DEFAULT_TIMEOUT_MS) + LEASE_MARGIN_MS;

  async function claim(limit: number, report?: RunDueReport): Promise<JobRow[]> {
    const now = clock.now();
    try {
      const reclaimed = await requeueExpiredLeases(db, now);
      for (const row of reclaimed) await announceRow(row);
      if (report) report.reclaimed += reclaimed.length;
    } catch (err) {
      // Best effort: two workers reclaiming the same rows may deadlock on PostgreSQL; the
      // next look reclaims them. Claiming must not stop because of it.
      logError({ err }, 'reclaiming expired job leases failed');
    }
    const names = [...kinds.keys()];
    if (names.length === 0) return [];
    const lease = Math.max(...names.map(leaseOf));
    const rows = await deps.ops.claimJobs(db, { workerId, now, lockedUntil: now + lease, limit, kinds: names });
    rows.sort((a, b) => a.run_at - b.run_at || a.id - b.id);
    for (const row of rows) {
      // The batch got the longest lease; a kind with a shorter timeout gets its own, so a
      // crashed worker's short jobs come back sooner.
      if (leaseOf(row.kind) === lease) continue;
      row.locked_until = now + leaseOf(row.kind);
      await db.updateTable('jobs').set({ locked_until: row.locked_until })
        .where('id', '=', row.id).where('locked_by', '=', workerId).where('attempts', '=', row.attempts).execute();
    }
    return rows;
  }

  function execute(row: JobRow): Promise<RunOutcome> {
    const controller = new AbortController();
    const done = runClaimedJob(row, kinds.get(row.kind), controller, runDeps)
      .catch((err: unknown) => {
        logError({ err, jobId: row.id }, 'recording a job outcome failed');
        return 'lost' as const;
      })
      .finally(() => {
        active.delete(row.id);
        loop.wake();
      });
    active.set(row.id, { controller, done });
    return done;
  }

  const loop = createWorkerLoop({
    pollMs: deps.pollMs, concurrency, logError,
    activeCount: () => active.size,
    claimAndStart: async (limit) => {
      const rows = await claim(limit);
      for (const row of rows) void execute(row);
      return rows.length;
    },
    tickSchedules: () => service.tickSchedules(),
  });

  function hintAfterCommit(inTransaction: boolean): void {
    if (!loop.isRunning) return;
    if (!inTransaction) return loop.wake();
    // No commit hook in Kysely: look shortly after, when a short transaction has committed.
    for (const ms of [20, 250]) setTimeout(() => loop.wake(), ms).unref();
  }

  const service: JobService = {
    workerId,
    async enqueue(trx: Db, job: EnqueueOptions): Promise<number> {
      const id = await enqueueJob(trx, job, { now: clock.now(), defaultMaxAttempts: kinds.get(job.kind)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, lock: deps.ops.lockForUpdate });
      hintAfterCommit(trx.isTransaction);
      return id;
    },
    define(kind, handler, opts = {}) {
      kinds.set(kind, {
        handler: handler as JobHandler<unknown>,
        maxAttempts: Math.max(1, opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
        timeoutMs: Math.max(1, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    },
    start: () => loop.start(),
    async stop(opts = {}) {
      await loop.stop();
      const grace = opts.graceMs ?? 10_000;
      const finished = Promise.allSettled([...active.values()].map((a) => a.done));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([finished, new Promise((resolve) => { timer = setTimeout(resolve, grace); })]);
      clearTimeout(timer);
      const left = [...active.values()];
      for (const a of left) a.controller.abort(new JobShutdownError());
      await Promise.allSettled(left.map((a) => a.done));
    },
    async runDue(opts = {}) {
      const max = opts.max ?? Number.POSITIVE_INFINITY;
      const report: RunDueReport = { claimed: 0, succeeded: 0, retrying: 0, failed: 0, interrupted: 0, lost: 0, reclaimed: 0 };
      while (report.claimed < max) {
        const rows = await claim(Math.min(concurrency, max - report.claimed), report);
        if (rows.length === 0) break;
        report.claimed += rows.length;
        for (const outcome of await Promise.all(rows.map(execute))) report[outcome] += 1;
      }
      return report;
    },
    schedule: (input) => upsertSchedule(db, input, clock.now()),
    declareSchedule(input) {
      validateCron(input.cron);
      declared.set(input.name, input);
    },
    async tickSchedules() {
      for (const [name, input] of declared) {
        await upsertSchedule(db, input, clock.now());
        declared.delete(name);
      }
      return tickDueSchedules(db, {
        now: clock.now(), logError,
        enqueue: (trx, s) => enqueueJob(trx, { kind: s.kind, payload: schedulePayload(s) }, {
          now: clock.now(), scheduleName: s.name, lock: deps.ops.lockForUpdate, defaultMaxAttempts: kinds.get(s.kind)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        }),
      });
    },
    list: (q, query) => listJobs(q, query),
    get: (q, id) => getJob(q, id),
    listSchedules: (q) => listSchedules(q),
    retry: (q, _actor, id) => requeueFailedJob(q, id, clock.now()),
    cancel: (q, _actor, id) => cancelQueuedJob(q, id, clock.now()),
    async announce(job) {
      await publish(jobEvent({ id: job.id, kind: job.kind, status: job.status, progress: job.progress, progress_message: job.progressMessage, last_error: job.lastError }));
      if (job.status === 'queued') loop.wake();
    },
  };
  return service;
}
