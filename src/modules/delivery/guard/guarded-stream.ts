import { Readable } from 'node:stream';
import type { BigIntStats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

const CHUNK = 256 * 1024;

/** Inode, size, modification and change times: any write to the file changes ctime, which no user process can set back. */
export function stampOf(st: BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/**
 * Streams bytes [start, end] of an already verified file. After each chunk is read the file's
 * stamp is compared with the verified one; if the file changed, the stream fails and the
 * connection is cut, so a chunk read after a change is never sent.
 */
export class GuardedFileStream extends Readable {
  private pos: number;

  constructor(private readonly fh: FileHandle, start: number, private readonly end: number, private readonly stamp: string) {
    super({ highWaterMark: CHUNK });
    this.pos = start;
  }

  override _read(): void {
    if (this.pos > this.end) {
      this.push(null);
      return;
    }
    const len = Math.min(CHUNK, this.end - this.pos + 1);
    const buf = Buffer.allocUnsafe(len);
    this.fh.read(buf, 0, len, this.pos)
      .then(async ({ bytesRead }) => {
        const st = await this.fh.stat({ bigint: true });
        if (bytesRead !== len || stampOf(st) !== this.stamp) throw new Error('stored file changed while being sent');
        this.pos += len;
        this.push(buf);
      })
      .catch((err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))));
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.fh.close().then(() => callback(err), () => callback(err));
  }
}
