import { api } from '../../app/api-client';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

export interface Job {
  readonly id: number;
  readonly kind: string;
  readonly status: JobStatus;
  /** Percent, 0–100. */
  readonly progress: number;
  readonly progressMessage: string;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lastError: string | null;
  readonly runAt: number;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
}

export interface JobsPage {
  readonly items: readonly Job[];
  readonly total: number;
}

/** One `event: job` message of /api/v1/jobs/stream. */
export interface JobEvent {
  readonly id: number;
  readonly kind: string;
  readonly status: JobStatus;
  readonly progress: number;
  readonly message?: string;
}

export interface Schedule {
  readonly name: string;
  readonly cron: string;
  readonly kind: string;
  readonly enabled: boolean;
  readonly nextRunAt: number | null;
  readonly lastRunAt: number | null;
}

export interface JobQuery {
  readonly status?: JobStatus;
  readonly kind?: string;
  readonly page: number;
  readonly pageSize: number;
}

export const jobsKeys = {
  lists: ['jobs', 'list'] as const,
  schedules: ['jobs', 'schedules'] as const,
};

export const jobsApi = {
  list: (q: JobQuery) => api.get<JobsPage>('/api/v1/jobs', { ...q }),
  retry: (id: number) => api.post<unknown>(`/api/v1/jobs/${id}/retry`),
  cancel: (id: number) => api.post<unknown>(`/api/v1/jobs/${id}/cancel`),
  demo: (input: { steps?: number; stepMs?: number }) => api.post<{ id: number }>('/api/v1/jobs/demo', input),
  schedules: () => api.get<{ items: Schedule[] }>('/api/v1/jobs/schedules'),
};

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled']);
