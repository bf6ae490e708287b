import type { Selectable } from 'kysely';
import type { JobSchedulesTable, JobStatus, JobsTable } from './jobs.tables.js';

export type JobRow = Selectable<JobsTable>;
export type ScheduleRow = Selectable<JobSchedulesTable>;

/** A job as the API and the admin console see it: JSON parsed, camelCase. */
export interface JobView {
  readonly id: number;
  readonly kind: string;
  readonly payload: unknown;
  readonly status: JobStatus;
  readonly runAt: number;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lastError: string | null;
  readonly progress: number;
  readonly progressMessage: string;
  readonly result: unknown;
  readonly lockedBy: string | null;
  readonly lockedUntil: number | null;
  readonly scheduleName: string | null;
  readonly createdBy: number | null;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
}

export interface ScheduleView {
  readonly name: string;
  readonly cron: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly enabled: boolean;
  readonly nextRunAt: number;
  readonly lastRunAt: number | null;
}

/** What live subscribers (SSE) receive on `jobs` and `job:<id>`. */
export interface JobEvent {
  readonly id: number;
  readonly kind: string;
  readonly status: JobStatus;
  readonly progress: number;
  readonly message: string;
}

/** Keeps a NOTIFY payload and the SSE frame small whatever a handler writes. */
const EVENT_MESSAGE_MAX = 500;

export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function toJobView(r: JobRow): JobView {
  return {
    id: r.id, kind: r.kind, payload: parseJson(r.payload), status: r.status, runAt: r.run_at,
    attempts: r.attempts, maxAttempts: r.max_attempts, lastError: r.last_error, progress: r.progress,
    progressMessage: r.progress_message, result: parseJson(r.result), lockedBy: r.locked_by,
    lockedUntil: r.locked_until, scheduleName: r.schedule_name, createdBy: r.created_by,
    createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at,
  };
}

export function toScheduleView(r: ScheduleRow): ScheduleView {
  return {
    name: r.name, cron: r.cron, kind: r.kind, payload: parseJson(r.payload), enabled: r.enabled === 1,
    nextRunAt: r.next_run_at, lastRunAt: r.last_run_at,
  };
}

/** A failed or retrying job shows its error; otherwise its last progress message. */
export function jobEvent(r: Pick<JobRow, 'id' | 'kind' | 'status' | 'progress' | 'progress_message' | 'last_error'>): JobEvent {
  const showError = (r.status === 'failed' || r.status === 'queued') && r.last_error !== null;
  const message = showError ? (r.last_error ?? '') : r.progress_message;
  return { id: r.id, kind: r.kind, status: r.status, progress: r.progress, message: message.slice(0, EVENT_MESSAGE_MAX) };
}
