import { createRequire } from 'node:module';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** How often the thread checkpoints (a checkpoint with nothing new to copy reads one header). */
export const CHECKPOINT_EVERY_MS = 25;

/**
 * The thread: its own connection to the file, a PASSIVE checkpoint every few milliseconds (it
 * copies what is committed without waiting for, or blocking, the writer or any reader), until
 * told to stop. Plain CommonJS evaluated from a string, so it runs however the process loads
 * TypeScript (as the search module's segmentation worker does).
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
let timer = null;
let checkpoints = 0;
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    checkpoints += 1;
  } catch {
    // Busy or locked this time: the next tick tries again; the writer's own checkpoint is the backstop.
  }
  timer = setTimeout(tick, workerData.everyMs);
};
parentPort.on('message', () => {
  clearTimeout(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); checkpoints += 1; } catch {}
  db.close();
  parentPort.postMessage({ checkpoints });
});
tick();
`;

export interface CheckpointThread {
  /** Runs a last checkpoint, closes the thread's connection, ends the thread; resolves to the checkpoints run. */
  stop(): Promise<number>;
}

/**
 * Checkpoints a WAL database on a thread of its own. A bulk load's commits then only append to
 * the WAL, and copying the pages back into the database file (about a third of the writing
 * thread's time at 1,000,000 search documents, fsyncs included) runs on the other core.
 * Returns null when no thread can be started (the caller's own checkpoints carry on).
 */
export function startCheckpointThread(file: string, everyMs = CHECKPOINT_EVERY_MS): CheckpointThread | null {
  let worker: Worker;
  try {
    worker = new Worker(SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file, everyMs } });
  } catch {
    return null;
  }
  // An error in the thread (the file removed under it) ends checkpointing, never the process.
  let failed = false;
  worker.on('error', () => { failed = true; });
  return {
    async stop() {
      let checkpoints = 0;
      if (!failed) {
        const reply = once(worker, 'message').then(([m]) => (m as { checkpoints: number }).checkpoints, () => 0);
        worker.postMessage('stop');
        checkpoints = await Promise.race([reply, once(worker, 'exit').then(() => 0)]);
      }
      await worker.terminate();
      return checkpoints;
    },
  };
}
