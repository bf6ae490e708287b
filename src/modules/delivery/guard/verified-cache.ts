import { LARGE_FILE_BYTES } from './large-file-size.js';

/**
 * Bytes already checked against their manifest digest, bounded by total size. The key names
 * the digest, so an entry can never stand for other content: a republished page has a new
 * digest and simply misses. Least recently used entries leave first.
 */
export class VerifiedCache {
  private readonly entries = new Map<string, Buffer>();
  private total = 0;

  constructor(private readonly maxBytes: number) {}

  /** Files larger than this are never cached (one file must not flush the rest; large files are streamed anyway). */
  get maxEntryBytes(): number {
    return Math.min(LARGE_FILE_BYTES, Math.floor(this.maxBytes / 8));
  }

  static key(site: string, file: string, variant: string, digest: string): string {
    return `${site}\u0000${file}\u0000${variant}\u0000${digest}`;
  }

  get(key: string): Buffer | undefined {
    const bytes = this.entries.get(key);
    if (bytes !== undefined) {
      // Re-insert: Map keeps insertion order, so the front is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, bytes);
    }
    return bytes;
  }

  set(key: string, bytes: Buffer): void {
    if (bytes.length > this.maxEntryBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.total -= old.length;
      this.entries.delete(key);
    }
    this.entries.set(key, bytes);
    this.total += bytes.length;
    for (const [k, v] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(k);
      this.total -= v.length;
    }
  }

  get size(): number {
    return this.total;
  }
}
