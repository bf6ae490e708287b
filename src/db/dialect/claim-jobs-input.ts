import type { Selectable } from 'kysely';
import type { JobsTable } from '../../platform/jobs/jobs.tables.js';

export interface ClaimJobsInput {
  readonly workerId: string;
  /** Epoch ms: jobs with run_at ≤ now are due. */
  readonly now: number;
  /** Lease end written on every claimed row; a row still running after it is presumed abandoned. */
  readonly lockedUntil: number;
  readonly limit: number;
  /** Only kinds this worker has handlers for. */
  readonly kinds: readonly string[];
}

export type ClaimedJobRow = Selectable<JobsTable>;
