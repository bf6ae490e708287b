import type { Generated } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  /** JSON. */
  payload: string;
  status: JobStatus;
  run_at: number;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  progress: number;
  progress_message: string;
  /** JSON result of a succeeded job. */
  result: string | null;
  locked_by: string | null;
  locked_until: number | null;
  /** Name of the schedule that created it, if any. */
  schedule_name: string | null;
  created_by: number | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface JobSchedulesTable {
  name: string;
  cron: string;
  kind: string;
  payload: string;
  enabled: number;
  next_run_at: number;
  last_run_at: number | null;
}

export interface JobsTables {
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
}
