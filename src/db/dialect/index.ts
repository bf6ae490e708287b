import type { Kysely, QueryExecutorProvider } from 'kysely';
import type { Engine } from '../engine.js';
import type { ClaimJobsInput, ClaimedJobRow } from './claim-jobs-input.js';
import * as sqliteLocks from './sqlite/locks.js';
import * as pgLocks from './postgres/locks.js';
import * as sqliteClaim from './sqlite/claim-jobs.js';
import * as pgClaim from './postgres/claim-jobs.js';
import * as sqliteBulk from './sqlite/insert-many.js';
import * as pgBulk from './postgres/insert-many.js';
import type { BulkRows } from './bulk-rows.js';

export type { ClaimJobsInput, ClaimedJobRow } from './claim-jobs-input.js';
export type { BulkRows, BulkColumn, BulkValue } from './bulk-rows.js';

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
  /** Writes many rows of one table fast, in the caller's transaction (bulk generation, not request handling). */
  insertMany<DB>(db: Kysely<DB>, rows: BulkRows): Promise<void>;
  /**
   * Before a long bulk load on this connection: SQLite gets a page cache big enough for the
   * indexes being filled (bounded, 128 MiB; kept for the connection's life); PostgreSQL needs nothing.
   */
  prepareBulkLoad<DB>(db: Kysely<DB>): Promise<void>;
  /** After rows were inserted with explicit ids: new rows get ids after them (a no-op on SQLite). */
  afterExplicitIds<DB>(db: Kysely<DB>, table: string): Promise<void>;
}

export function dialectOps(engine: Engine): DialectOps {
  return engine === 'postgres'
    ? { engine, supportsSkipLocked: true, lockForUpdate: pgLocks.lockForUpdate, claimJobs: pgClaim.claimJobs,
      insertMany: pgBulk.insertMany, afterExplicitIds: pgBulk.afterExplicitIds, prepareBulkLoad: () => Promise.resolve() }
    : { engine, supportsSkipLocked: false, lockForUpdate: sqliteLocks.lockForUpdate, claimJobs: sqliteClaim.claimJobs,
      insertMany: sqliteBulk.insertMany, afterExplicitIds: () => Promise.resolve(), prepareBulkLoad: sqliteBulk.prepareBulkLoad };
}
