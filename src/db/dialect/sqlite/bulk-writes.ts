import { sql, type QueryExecutorProvider } from 'kysely';
import { startCheckpointThread, type CheckpointThread } from './checkpoint-thread.js';

/** A connection opened by connectSqlite, whatever its schema: only pragmas run here. */
type Db = QueryExecutorProvider;

/**
 * While a bulk load runs, the writer's own checkpoints wait until the WAL holds this many pages
 * (64 MiB at 4 KiB): a backstop only, should the checkpoint thread fall behind.
 */
export const BULK_AUTOCHECKPOINT_PAGES = 16_000;

interface ConnectionState {
  /** Loads running now (changed synchronously, so a start and an end never miss each other). */
  users: number;
  thread: CheckpointThread | null;
  /** The connection's own setting, read once, before this module first changed it. */
  original: number | null;
  /** Starts and stops run one after another, never interleaved. */
  transition: Promise<void>;
}

const states = new WeakMap<object, ConnectionState>();
let threadsStarted = 0;

/** Checkpoint threads started so far in this process (overlapping loads share one). */
export function checkpointThreadsStarted(): number {
  return threadsStarted;
}

/**
 * SQLite's bulk writes (src/db/bulk-writes.ts): a thread checkpoints the WAL meanwhile, and the
 * connection's own automatic checkpoint is pushed back to a backstop, so the writing thread only
 * appends to the WAL. Overlapping loads share one thread; the setting comes back when the last
 * of them ends, failed or not, or as soon as the thread fails. Bulk writes only make a load
 * faster: if the thread cannot start, or stopping it fails (the connection closed under a load),
 * the load runs and ends as it would have without it.
 */
export async function sqliteBulkWrites<T>(db: Db, file: string, fn: () => Promise<T>): Promise<T> {
  let state = states.get(db);
  if (!state) {
    state = { users: 0, thread: null, original: null, transition: Promise.resolve() };
    states.set(db, state);
  }
  const s = state;
  s.users += 1;
  if (s.users === 1) s.transition = s.transition.then(() => start(db, file, s));
  await s.transition;
  try {
    return await fn();
  } finally {
    s.users -= 1;
    if (s.users === 0) s.transition = s.transition.then(() => stop(db, s));
    await s.transition;
  }
}

/** Never rejects: a load goes on without the thread rather than fail for it. */
async function start(db: Db, file: string, s: ConnectionState): Promise<void> {
  if (s.users === 0 || s.thread) return;
  try {
    s.original ??= Number((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]?.wal_autocheckpoint ?? 1000);
    const thread = await startCheckpointThread(file);
    if (!thread) return;
    threadsStarted += 1;
    s.thread = thread;
    await setAutocheckpoint(db, Math.max(s.original, BULK_AUTOCHECKPOINT_PAGES));
    // A thread that dies leaves nothing checkpointing: the connection takes over again at once.
    void thread.failed.then(() => {
      if (s.thread !== thread) return;
      s.thread = null;
      s.transition = s.transition.then(() => restore(db, s));
    });
  } catch {
    // The setting could not be read or changed: no thread, the connection checkpoints as before.
    const thread = s.thread;
    s.thread = null;
    await thread?.stop();
    await restore(db, s);
  }
}

async function stop(db: Db, s: ConnectionState): Promise<void> {
  if (s.users > 0) return;
  const thread = s.thread;
  s.thread = null;
  await thread?.stop();
  await restore(db, s);
}

async function restore(db: Db, s: ConnectionState): Promise<void> {
  if (s.thread || s.original === null) return;
  await setAutocheckpoint(db, s.original).catch(() => undefined);
}

async function setAutocheckpoint(db: Db, pages: number): Promise<void> {
  await sql.raw(`pragma wal_autocheckpoint = ${Math.trunc(pages)}`).execute(db);
}
