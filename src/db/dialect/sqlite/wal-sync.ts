import fs from 'node:fs';
import path from 'node:path';

/**
 * Makes committed SQLite transactions survive a power cut, on demand. The connection runs WAL
 * with `synchronous = NORMAL`: a commit is safe from a crash of the process at once, but the WAL
 * reaches the disk only at the next checkpoint, so a power cut can lose the last commits. For the
 * few answers that promise durability (a citizen's receipt), `durable()` fdatasyncs the WAL
 * file (and the database file, which checkpoints sync anyway) off the event loop. Calls that
 * arrive while a sync runs share the next one — group commit — so N concurrent receipts cost
 * about two syncs, not N, and other requests never wait for the disk.
 */
export interface WalSync {
  durable(): Promise<void>;
  close(): Promise<void>;
}

export function walSync(dbFile: string): WalSync {
  const files = [`${dbFile}-wal`, dbFile];
  let cached: fs.promises.FileHandle[] | null = null;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;

  const closeAll = (list: readonly fs.promises.FileHandle[]) => Promise.all(list.map((h) => h.close().catch(() => undefined)));

  /** The files to sync; kept open once both exist (no WAL yet: sync what exists, look again next time). */
  const open = async (): Promise<{ list: fs.promises.FileHandle[]; keep: boolean }> => {
    if (cached) return { list: cached, keep: true };
    const list: fs.promises.FileHandle[] = [];
    for (const f of files) {
      try {
        list.push(await fs.promises.open(f, 'r'));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
          await closeAll(list);
          throw err;
        }
      }
    }
    // The WAL's directory entry must reach the disk too; once is enough while the file lives.
    const dir = await fs.promises.open(path.dirname(dbFile), 'r');
    await dir.sync().catch(() => undefined).finally(() => dir.close());
    const keep = list.length === files.length;
    if (keep) cached = list;
    return { list, keep };
  };

  const sync = async (): Promise<void> => {
    const { list, keep } = await open();
    try {
      // Side by side on libuv's pool: a receipt waits for the slower of the two, not their sum.
      await Promise.all(list.map((h) => h.datasync()));
    } catch (err) {
      // A stale handle (file replaced): open afresh next time, and report this time.
      if (keep) {
        cached = null;
        await closeAll(list);
      }
      throw err;
    } finally {
      if (!keep) await closeAll(list);
    }
  };

  const start = (): Promise<void> => {
    const p: Promise<void> = sync().finally(() => { if (running === p) running = null; });
    running = p;
    return p;
  };

  return {
    durable() {
      if (!running) return start();
      // The running sync may have begun before the caller's commit: wait for one that starts after it.
      const after = () => { next = null; return start(); };
      next ??= running.then(after, after);
      return next;
    },
    async close() {
      await running?.catch(() => undefined);
      await next?.catch(() => undefined);
      const list = cached ?? [];
      cached = null;
      await closeAll(list);
    },
  };
}
