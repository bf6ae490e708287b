import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Retired page files kept to hold the next writes.
 *
 * Replacing a file by write-then-rename allocates an inode for the new bytes and frees the old
 * one. On the virtual disks this platform runs on (ext4 with `discard`), allocating and freeing
 * inodes is most of what a whole-site rebuild costs; overwriting an existing file costs a
 * fraction of it (docs/performance.md, "inode reuse"). So the file being replaced is not freed:
 * it is hard-linked here just before the rename, and once no reader can still be sending it, its
 * inode takes a later write (truncated, written, then renamed into place). Readers still see the
 * old page or the new one, never a mix: a spare is only reused after `graceMs`, long after the
 * public server (which reads a page whole) or nginx (`send_timeout` 60 s) finished with it.
 *
 * The folder lies beside the sites' folders, outside every served root, on the same file system
 * (link and rename need that). Spares beyond `max` or older than `maxAgeMs` are freed in
 * bounded batches after each apply and every few minutes (file-page-store.ts), so a site that
 * goes quiet after a rebuild gives the space back within the hour.
 */
export interface SpareFilesOptions {
  /** A retired file is reused only this long after it was retired (default 60 s). */
  readonly graceMs?: number;
  /** Spares kept per site at most (default 60,000: every file of a 20,000-page site rebuild, about a gigabyte). */
  readonly max?: number;
  /** Spares older than this are freed (default 1 hour: between rebuilds the disk space is returned). */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

/** `adopted`: found in the folder at start, not retired by this process (checked when taken). */
interface Spare { readonly file: string; readonly retiredAt: number; readonly adopted?: boolean }

export const SPARE_DIR = '.spare';
const DEFAULT_GRACE_MS = 60_000;
const DEFAULT_MAX = 60_000;
const DEFAULT_MAX_AGE_MS = 3_600_000;
/** Spares freed per trim at most. */
const TRIM_BATCH = 2_000;

export interface SpareFiles {
  /** Up to `count` spares old enough to overwrite (fewer, or none: the writer then makes temp files). */
  take(count: number): Promise<string[]>;
  /** Spares taken but not written to: still whole files, reusable at once. */
  giveBack(spares: readonly string[]): void;
  /**
   * A new name in the spares' folder for a file about to be replaced (the writer hard-links the
   * old file there). It joins the pool only through `kept`, once the new file has been renamed
   * over the target: until then it is still the live page.
   */
  name(): string;
  kept(spares: readonly string[]): void;
  /** Frees spares beyond the limits (a bounded batch); run after an apply and every few minutes. */
  trim(): Promise<void>;
  /** Spares held. */
  readonly size: number;
}

export function spareFiles(dir: string, opts: SpareFilesOptions = {}): SpareFiles {
  const graceMs = opts.graceMs ?? DEFAULT_GRACE_MS;
  const max = opts.max ?? DEFAULT_MAX;
  const maxAgeMs = opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const now = opts.now ?? Date.now;
  /** Oldest first. */
  let pool: Spare[] = [];
  /** Spares taken and given back unused (a page left as it was takes three and uses none). */
  const returned: string[] = [];
  let adopted: Promise<void> | null = null;
  const prefix = `${process.pid.toString(36)}-${randomBytes(3).toString('hex')}-`;
  let seq = 0;

  // Spares left by an earlier process (or another one sharing the folder), listed without a stat
  // per file so that the first write after a start does not wait on tens of thousands of them:
  // each counts as retired now, and is checked when taken.
  const adopt = () => adopted ??= (async () => {
    let names: string[];
    try { names = await fs.promises.readdir(dir); } catch { return; }
    const at = now();
    pool = [...names.sort().map((name) => ({ file: path.join(dir, name), retiredAt: at, adopted: true })), ...pool];
  })();

  return {
    async take(count) {
      await adopt();
      const out = returned.splice(0, count);
      while (out.length < count && pool.length > 0 && now() - pool[0]!.retiredAt >= graceMs) {
        const spare = pool.shift()!;
        if (!spare.adopted) { out.push(spare.file); continue; }
        // One that is still some page's file (a process died between link and rename: it is
        // linked twice) must never be overwritten: its name is dropped instead.
        try {
          const st = await fs.promises.stat(spare.file);
          if (st.isFile() && st.nlink === 1) { out.push(spare.file); continue; }
          await fs.promises.unlink(spare.file);
        } catch { /* gone: taken by another process */ }
      }
      return out;
    },
    giveBack(spares) {
      // Old enough when taken, so reusable at once: handed out before the pool.
      returned.push(...spares);
    },
    name() {
      return path.join(dir, `${prefix}${(seq++).toString(36)}`);
    },
    kept(spares) {
      const at = now();
      for (const file of spares) pool.push({ file, retiredAt: at });
    },
    async trim() {
      await adopt();
      const cutoff = now() - maxAgeMs;
      let drop = Math.max(0, pool.length - max);
      while (drop < pool.length && pool[drop]!.retiredAt < cutoff) drop++;
      // A bounded batch: the next write to the site waits behind it; the rest goes next time.
      drop = Math.min(drop, TRIM_BATCH);
      const freed = pool.slice(0, drop);
      pool = pool.slice(drop);
      for (const spare of freed) {
        try { await fs.promises.unlink(spare.file); } catch { /* already taken */ }
      }
    },
    get size() { return pool.length + returned.length; },
  };
}
