import type { Db } from '../../db/index.js';
import type { EnqueueOptions } from '../contracts.js';
import { AppError } from '../http/error-registry.js';

export const DEFAULT_MAX_ATTEMPTS = 5;

export interface EnqueueContext {
  readonly now: number;
  /** The kind's own default when the caller gives none. */
  readonly defaultMaxAttempts: number;
  readonly scheduleName?: string | null;
  /**
   * Serialises writers of one key until the transaction ends (DialectOps.lockForUpdate): two
   * transactions enqueueing the same job `unlessQueued` at once would otherwise both find none
   * queued (PostgreSQL) and both insert one.
   */
  readonly lock: (trx: Db, key: string) => Promise<void>;
}

/**
 * Writes a queued job in the caller's transaction (outbox): it becomes visible to workers
 * only when that transaction commits, and vanishes if it rolls back.
 */
export async function enqueueJob(trx: Db, job: EnqueueOptions, ctx: EnqueueContext): Promise<number> {
  const kind = job.kind.trim();
  if (kind === '' || kind.length > 100) throw new AppError('jobs.bad_kind', { kind: job.kind });
  const maxAttempts = job.maxAttempts ?? ctx.defaultMaxAttempts;
  const payload = JSON.stringify(job.payload ?? {});
  if (job.unlessQueued) {
    // The second waits here until the first commits, then sees its job (read committed).
    await ctx.lock(trx, `jobs.unless_queued.${kind}`);
    const waiting = await trx.selectFrom('jobs').select('id').where('kind', '=', kind).where('status', '=', 'queued').where('payload', '=', payload).executeTakeFirst();
    if (waiting) return Number(waiting.id);
  }
  const row = await trx.insertInto('jobs').values({
    kind,
    payload,
    status: 'queued',
    run_at: job.runAt ?? ctx.now,
    attempts: 0,
    max_attempts: Math.max(1, Math.floor(maxAttempts)),
    last_error: null,
    progress: 0,
    progress_message: '',
    result: null,
    locked_by: null,
    locked_until: null,
    schedule_name: ctx.scheduleName ?? null,
    created_by: job.createdBy ?? null,
    created_at: ctx.now,
    started_at: null,
    finished_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
