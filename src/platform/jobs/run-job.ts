import type { Db } from '../../db/index.js';
import type { Clock } from '../clock.js';
import type { JobContext, JobHandler } from '../contracts.js';
import { createProgressReporter } from './progress-reporter.js';
import { errorMessage, recordFailure, recordInterrupted, recordProgress, recordSuccess, type RunIdentity } from './record-outcome.js';
import { retryDelayMs } from './retry-delay.js';
import { parseJson, type JobRow } from './job-view.js';

export interface JobKind {
  readonly handler: JobHandler<unknown>;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
}

/** The reason given to a handler's signal when the worker shuts down. */
export class JobShutdownError extends Error {
  constructor() {
    super('工作进程正在停止 / the worker is shutting down');
    this.name = 'JobShutdownError';
  }
}

export class JobTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`任务超时（${timeoutMs} 毫秒） / the job timed out after ${timeoutMs} ms`);
    this.name = 'JobTimeoutError';
  }
}

export interface RunJobDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly workerId: string;
  readonly random: () => number;
  /** Publishes the job's new state to live subscribers; never throws. */
  readonly announce: (row: JobRow) => Promise<void>;
  readonly logError: (obj: object, msg: string) => void;
}

/** `lost`: the run no longer owned the job when it finished (its lease had expired and another worker took it). */
export type RunOutcome = 'succeeded' | 'retrying' | 'failed' | 'interrupted' | 'lost';

function abortPromise(signal: AbortSignal): Promise<never> {
  const p = new Promise<never>((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  p.catch(() => undefined);
  return p;
}

/**
 * Runs one claimed job to an outcome and records it. The handler races its timeout and the
 * shutdown signal, so a handler that ignores its signal cannot hold the worker: the job is
 * recorded and the worker moves on (every later write of the old run matches nothing).
 */
export async function runClaimedJob(row: JobRow, kind: JobKind | undefined, controller: AbortController, deps: RunJobDeps): Promise<RunOutcome> {
  const run: RunIdentity = { id: row.id, workerId: deps.workerId, attempt: row.attempts };
  await deps.announce(row);
  const reporter = createProgressReporter({
    write: async (percent, message) => {
      const updated = await recordProgress(deps.db, run, percent, message);
      if (updated) await deps.announce(updated);
    },
    onError: (err) => deps.logError({ err, jobId: row.id }, 'job progress write failed'),
  });
  const timeoutMs = kind?.timeoutMs ?? 0;
  const timer = kind ? setTimeout(() => controller.abort(new JobTimeoutError(timeoutMs)), Math.min(timeoutMs, 2 ** 31 - 1)) : null;
  let settled: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    if (!kind) throw new Error(`没有处理类型“${row.kind}”的程序 / no handler for job kind ${row.kind}`);
    const ctx: JobContext<unknown> = {
      jobId: row.id, payload: parseJson(row.payload), attempt: row.attempts, signal: controller.signal,
      progress: (percent, message) => reporter.report(percent, message),
    };
    settled = { ok: true, value: await Promise.race([kind.handler(ctx), abortPromise(controller.signal)]) };
  } catch (error) {
    // Once aborted, the abort reason (timeout or shutdown) is the truth, whatever error the
    // handler's own abort listener rejected with first.
    settled = { ok: false, error: controller.signal.aborted ? (controller.signal.reason as unknown) : error };
  } finally {
    if (timer) clearTimeout(timer);
    await reporter.close();
  }
  const now = deps.clock.now();
  if (settled.ok) {
    const done = await recordSuccess(deps.db, run, settled.value, now);
    if (done) await deps.announce(done);
    return done ? 'succeeded' : 'lost';
  }
  if (settled.error instanceof JobShutdownError) {
    const back = await recordInterrupted(deps.db, run, now);
    if (back) await deps.announce(back);
    return back ? 'interrupted' : 'lost';
  }
  deps.logError({ err: settled.error, jobId: row.id, kind: row.kind, attempt: row.attempts }, 'job attempt failed');
  const after = await recordFailure(deps.db, run, {
    error: errorMessage(settled.error), now, retryAt: now + retryDelayMs(row.attempts, deps.random),
  });
  if (after) await deps.announce(after);
  if (!after) return 'lost';
  return after.status === 'failed' ? 'failed' : 'retrying';
}
