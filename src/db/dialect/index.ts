import type { Kysely, QueryExecutorProvider } from 'kysely';
import type { Engine } from '../engine.js';
import type { ClaimJobsInput, ClaimedJobRow } from './claim-jobs-input.js';
import * as sqliteLocks from './sqlite/locks.js';
import * as pgLocks from './postgres/locks.js';
import * as sqliteClaim from './sqlite/claim-jobs.js';
import * as pgClaim from './postgres/claim-jobs.js';

export type { ClaimJobsInput, ClaimedJobRow } from './claim-jobs-input.js';

/** What differs between engines, as capabilities; nothing outside dialect/ asks which engine it is. */
export interface DialectOps {
  readonly engine: Engine;
  /** `for update skip locked` exists (PostgreSQL); SQLite claims by a conditional update instead. */
  readonly supportsSkipLocked: boolean;
  lockForUpdate<DB>(trx: Kysely<DB>, key: string): Promise<void>;
  /**
   * Atomically marks up to `limit` due queued jobs as running for this worker and returns them
   * (any Kysely instance or transaction will do: the SQL is raw).
   */
  claimJobs(db: QueryExecutorProvider, input: ClaimJobsInput): Promise<ClaimedJobRow[]>;
}

export function dialectOps(engine: Engine): DialectOps {
  return engine === 'postgres'
    ? { engine, supportsSkipLocked: true, lockForUpdate: pgLocks.lockForUpdate, claimJobs: pgClaim.claimJobs }
    : { engine, supportsSkipLocked: false, lockForUpdate: sqliteLocks.lockForUpdate, claimJobs: sqliteClaim.claimJobs };
}
