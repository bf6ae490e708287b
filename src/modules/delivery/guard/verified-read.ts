import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { sm3Hex } from '../../../platform/crypto/index.js';
import type { PageStore, Variant } from '../../publishing/page-store/index.js';
import { GuardedFileStream, stampOf } from './guarded-stream.js';
import { LARGE_FILE_BYTES } from './large-file-size.js';
import { VerifiedCache } from './verified-cache.js';

export type ReadOutcome =
  | { readonly kind: 'bytes'; readonly bytes: Buffer }
  /** A large file, open and verified: stream it with `stream()`, or `close()` it. */
  | { readonly kind: 'handle'; readonly size: number; stream(start: number, end: number): GuardedFileStream; close(): Promise<void> }
  | { readonly kind: 'missing' }
  | { readonly kind: 'mismatch'; readonly actual: string };

const HASH_CHUNK = 1024 * 1024;

/** Stamps of files changed this recently are not trusted: a write within the same clock tick keeps ctime. */
const RACY_MS = 2000;
const MAX_STAMPS = 10_000;

async function hashHandle(fh: FileHandle, size: number): Promise<string> {
  const hash = createHash('sm3');
  const buf = Buffer.allocUnsafe(Math.min(HASH_CHUNK, Math.max(size, 1)));
  for (let pos = 0; pos < size;) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
    if (bytesRead === 0) break;
    hash.update(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
  return hash.digest('hex');
}

/**
 * Reads stored files so that only bytes matching the manifest digest ever leave. Small files are
 * read whole, hashed and kept in the verified cache (the hot path then does no disk read and no
 * hashing). Large files (attachments) are hashed once per change of their inode stamp and
 * streamed from the same open descriptor, each chunk followed by a stamp check: a file changed
 * in place mid-transfer cuts the transfer instead of sending the changed bytes.
 */
export class VerifiedReader {
  readonly cache: VerifiedCache;
  private readonly stamps = new Map<string, string>();

  constructor(private readonly store: PageStore, cacheBytes: number) {
    this.cache = new VerifiedCache(cacheBytes);
  }

  /** Whether a file of this size goes the streaming way. */
  isLarge(size: number): boolean {
    return size > LARGE_FILE_BYTES;
  }

  cached(site: string, file: string, variant: Variant, digest: string): Buffer | undefined {
    return this.cache.get(VerifiedCache.key(site, file, variant, digest));
  }

  async read(site: string, file: string, variant: Variant, digest: string): Promise<ReadOutcome> {
    const key = VerifiedCache.key(site, file, variant, digest);
    const hit = this.cache.get(key);
    if (hit) return { kind: 'bytes', bytes: hit };
    let fh: FileHandle;
    try {
      fh = await fs.promises.open(this.store.filePath(site, file, variant), 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ELOOP') return { kind: 'missing' };
      throw err;
    }
    let keepOpen = false;
    try {
      const st = await fh.stat({ bigint: true });
      if (!st.isFile()) return { kind: 'mismatch', actual: 'not a regular file' };
      const size = Number(st.size);
      const racy = Date.now() - Number(st.ctimeMs) < RACY_MS;
      if (!this.isLarge(size) || racy) {
        const bytes = await fh.readFile();
        const actual = sm3Hex(bytes);
        if (actual !== digest) return { kind: 'mismatch', actual };
        this.cache.set(key, bytes);
        return { kind: 'bytes', bytes };
      }
      const stamp = stampOf(st);
      if (this.stamps.get(key) !== stamp) {
        const actual = await hashHandle(fh, size);
        // Changed while we hashed it: what we hashed is not what we would send.
        if (stampOf(await fh.stat({ bigint: true })) !== stamp) return { kind: 'mismatch', actual: 'changed while being checked' };
        if (actual !== digest) return { kind: 'mismatch', actual };
        if (this.stamps.size >= MAX_STAMPS) this.stamps.clear();
        this.stamps.set(key, stamp);
      }
      keepOpen = true;
      return {
        kind: 'handle', size,
        stream: (start, end) => new GuardedFileStream(fh, start, end, stamp),
        close: () => fh.close(),
      };
    } finally {
      if (!keepOpen) await fh.close().catch(() => undefined);
    }
  }
}
