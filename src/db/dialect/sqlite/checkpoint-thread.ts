import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** How often the thread checkpoints (a checkpoint with nothing new to copy reads one header). */
export const CHECKPOINT_EVERY_MS = 25;
/** How long the thread may take to open its connection before the caller goes on without it. */
const READY_TIMEOUT_MS = 5_000;

/**
 * The thread: its own connection to the file, then a PASSIVE checkpoint every few milliseconds
 * (it copies what is committed without waiting for, or blocking, the writer or any reader),
 * until told to stop. Plain CommonJS evaluated from a string, so it runs however the process
 * loads TypeScript (as the search module's segmentation worker does).
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
let timer = null;
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked this time: the next tick tries again; the writer's own checkpoint is the backstop.
  }
};
const tick = () => {
  checkpoint();
  timer = setTimeout(tick, workerData.everyMs);
};
parentPort.on('message', () => {
  clearTimeout(timer);
  checkpoint();
  db.close();
  parentPort.postMessage('stopped');
  parentPort.close();
});
parentPort.postMessage('ready');
tick();
`;

export interface CheckpointThread {
  /** Resolves if the thread ends by itself (an error): checkpointing has stopped. */
  readonly failed: Promise<void>;
  /** Runs a last checkpoint, closes the thread's connection and ends the thread. Never rejects. */
  stop(): Promise<void>;
}

/**
 * Checkpoints a WAL database on a thread of its own. A bulk load's commits then only append to
 * the WAL, and copying the pages back into the database file (fsyncs included) runs on the
 * other core. Resolves once the thread has opened its connection, or to null when it cannot
 * (the caller's own checkpoints carry on). The thread does not keep the process alive while it
 * runs, only while it is being stopped (so a process never ends between the request to stop and
 * the thread's last checkpoint).
 */
export async function startCheckpointThread(file: string, everyMs = CHECKPOINT_EVERY_MS): Promise<CheckpointThread | null> {
  let worker: Worker;
  try {
    worker = new Worker(SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file, everyMs } });
  } catch {
    return null;
  }
  worker.unref();
  let ended = false;
  // 'exit' follows 'error' too, so this one promise covers both.
  const exited = new Promise<void>((resolve) => worker.once('exit', () => { ended = true; resolve(); }));
  worker.on('error', () => undefined);
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
    worker.once('message', (m) => { clearTimeout(timer); resolve(m === 'ready'); });
    void exited.then(() => { clearTimeout(timer); resolve(false); });
  });
  if (!ready) {
    await worker.terminate();
    return null;
  }
  let stopping: Promise<void> | null = null;
  return {
    failed: exited.then(() => { if (stopping) return new Promise<void>(() => undefined); }),
    stop() {
      stopping ??= (async () => {
        if (!ended) {
          const stopped = new Promise<void>((resolve) => {
            worker.once('message', () => resolve());
            void exited.then(resolve);
          });
          // unref() let go of the thread and its port: without this the loop could end before the reply.
          worker.ref();
          worker.postMessage('stop');
          await stopped;
        }
        await worker.terminate();
      })();
      return stopping;
    },
  };
}
