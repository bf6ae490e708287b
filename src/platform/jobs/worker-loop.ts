import { performance } from 'node:perf_hooks';

export interface WorkerLoopDeps {
  readonly pollMs: number;
  readonly concurrency: number;
  readonly activeCount: () => number;
  /** Claims up to `limit` due jobs and starts them (without waiting); returns how many started. */
  readonly claimAndStart: (limit: number) => Promise<number>;
  readonly tickSchedules: () => Promise<unknown>;
  readonly logError: (obj: object, msg: string) => void;
}

export interface WorkerLoop {
  start(): void;
  /** Stops claiming; resolves when the loop has left its current iteration. Running jobs are the caller's. */
  stop(): Promise<void>;
  /** Look again now (a job was enqueued or finished); a hint, polling alone is correct. */
  wake(): void;
  readonly isRunning: boolean;
}

/**
 * Poll loop with a fixed number of slots. It sleeps for pollMs, or until woken: by a job
 * finishing (a slot is free) or by an enqueue in this process. Schedules are ticked at most
 * once per pollMs. A failing database only delays the next look.
 */
export function createWorkerLoop(deps: WorkerLoopDeps): WorkerLoop {
  let running: Promise<void> | null = null;
  let stopping = false;
  let wakeRequested = false;
  let wakeUp: (() => void) | null = null;
  let lastTick = Number.NEGATIVE_INFINITY;

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => {
    if (wakeRequested || stopping) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      wakeUp = null;
      resolve();
    }
    wakeUp = done;
  });

  async function iterate(): Promise<void> {
    if (performance.now() - lastTick >= deps.pollMs) {
      lastTick = performance.now();
      await deps.tickSchedules();
    }
    const free = deps.concurrency - deps.activeCount();
    if (free > 0) await deps.claimAndStart(free);
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      wakeRequested = false;
      try {
        await iterate();
      } catch (err) {
        deps.logError({ err }, 'job worker iteration failed');
      }
      await sleep(deps.pollMs);
    }
  }

  return {
    start() {
      if (running) return;
      stopping = false;
      running = loop().finally(() => { running = null; });
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await running;
    },
    wake() {
      wakeRequested = true;
      wakeUp?.();
    },
    get isRunning() {
      return running !== null;
    },
  };
}
