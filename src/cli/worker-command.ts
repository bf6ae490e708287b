import { parseArgs } from 'node:util';
import type { Config } from '../config/index.js';
import { createPlatform } from '../platform/platform.js';
import { registerAllJobs, startModuleWorkers } from '../register-jobs.js';

export interface WorkerCommandIo {
  /** One line of human-readable output (default: stdout). */
  readonly out?: (line: string) => void;
  /** One line about a usage error (default: stderr). */
  readonly err?: (line: string) => void;
  /** Stops the worker when aborted (default: SIGINT or SIGTERM). */
  readonly signal?: AbortSignal;
}

export const WORKER_USAGE = 'jiyue worker [--once] [--concurrency N]';

function waitForStop(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    if (signal) {
      if (signal.aborted) return resolve('abort');
      signal.addEventListener('abort', () => resolve('abort'), { once: true });
      return;
    }
    const onSignal = (name: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(name);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * `jiyue worker`: runs jobs and schedules with no HTTP server, for scale-out (N workers on one
 * PostgreSQL; they never run the same job). Stops gracefully on SIGINT/SIGTERM: no new claims,
 * running jobs get a grace period, then they are aborted and requeued.
 * `--once` runs what is due now (schedules included) and exits: cron-driven set-ups and checks.
 * Returns the process exit code.
 */
export async function workerCommand(config: Config, args: readonly string[] = [], io: WorkerCommandIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  let values: { once?: boolean; concurrency?: string };
  try {
    ({ values } = parseArgs({ args: [...args], options: { once: { type: 'boolean' }, concurrency: { type: 'string' } } }));
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\nusage: ${WORKER_USAGE}`);
    return 2;
  }
  const concurrency = values.concurrency === undefined ? config.jobsConcurrency : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    err(`--concurrency: an integer 1–64\nusage: ${WORKER_USAGE}`);
    return 2;
  }
  const platform = await createPlatform(Object.freeze({ ...config, jobsConcurrency: concurrency }));
  try {
    registerAllJobs(platform);
    const { jobs } = platform;
    if (values.once) {
      const enqueued = await jobs.tickSchedules();
      const r = await jobs.runDue();
      out(`schedules enqueued ${enqueued}; jobs run ${r.claimed}: succeeded ${r.succeeded}, will retry ${r.retrying}, failed ${r.failed}; abandoned runs reclaimed ${r.reclaimed}`);
      return 0;
    }
    jobs.start();
    const workers = startModuleWorkers(platform);
    out(`集约 Jiyue worker ${jobs.workerId} running (${platform.dbh.engine}, concurrency ${concurrency}, poll ${config.jobsPollMs} ms); Ctrl+C stops it`);
    const why = await waitForStop(io.signal);
    out(`stopping (${why}): waiting for running jobs…`);
    await workers.stop();
    return 0;
  } finally {
    await platform.close();
  }
}
