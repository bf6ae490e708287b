import { performance } from 'node:perf_hooks';

export interface ProgressReporter {
  report(percent: number, message?: string): Promise<void>;
  /** Waits for writes in flight and drops any pending one (the final state is written by the caller). */
  close(): Promise<void>;
}

export interface ProgressReporterOptions {
  readonly write: (percent: number, message: string) => Promise<void>;
  /** At most one write per interval per job (~4/s); 100 % is always written at once. */
  readonly minIntervalMs?: number;
  readonly onError: (err: unknown) => void;
}

/**
 * Handlers may report progress in a tight loop; the database and the live stream get at most
 * a few writes a second. A skipped value is not lost: the latest one is written when the
 * interval ends. Writes are chained so an older value never lands after a newer one.
 * Throttling uses the monotonic process clock, not the injectable Clock: it limits a rate,
 * it does not decide anything stored.
 */
export function createProgressReporter(opts: ProgressReporterOptions): ProgressReporter {
  const interval = opts.minIntervalMs ?? 250;
  let lastWrite = Number.NEGATIVE_INFINITY;
  let lastMessage = '';
  let pending: { percent: number; message: string } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  const write = (percent: number, message: string): Promise<void> => {
    lastWrite = performance.now();
    chain = chain.then(() => opts.write(percent, message)).catch(opts.onError);
    return chain;
  };

  const flushPending = (): void => {
    timer = null;
    if (closed || !pending) return;
    const p = pending;
    pending = null;
    void write(p.percent, p.message);
  };

  return {
    async report(percent, message) {
      if (closed) return;
      const p = Math.min(100, Math.max(0, Math.round(Number.isFinite(percent) ? percent : 0)));
      const m = (message ?? lastMessage).slice(0, 1000);
      lastMessage = m;
      const wait = lastWrite + interval - performance.now();
      if (p >= 100 || wait <= 0) {
        pending = null;
        if (timer) clearTimeout(timer);
        timer = null;
        return write(p, m);
      }
      pending = { percent: p, message: m };
      if (!timer) {
        timer = setTimeout(flushPending, wait);
        timer.unref();
      }
    },
    async close() {
      closed = true;
      pending = null;
      if (timer) clearTimeout(timer);
      timer = null;
      await chain;
    },
  };
}
