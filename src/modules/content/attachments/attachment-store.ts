import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { formatShanghai } from '../../../platform/i18n/format-time.js';
import { SNIFF_BYTES } from './file-types.js';

/**
 * The attachment store: `<dataDir>/attachments/<yyyy>/<mm>/<random>.<ext>`, outside every
 * folder the server serves statically, under names the server makes up. Uploads stream into
 * `.tmp/` first and are renamed into place only once accepted, so a refused or broken upload
 * never leaves a file where a reader could find it.
 */
export function attachmentsRoot(dataDir: string): string {
  return path.resolve(dataDir, 'attachments');
}

export interface ReceivedFile {
  readonly tmpPath: string;
  readonly size: number;
  /** SM3 of the whole content, hex. */
  readonly sm3: string;
  /** The first bytes, for type detection. */
  readonly head: Buffer;
}

/** Streams an upload to a temporary file while hashing it; removes the file if anything fails. */
export async function receiveToTemp(root: string, input: Readable): Promise<ReceivedFile> {
  const dir = path.join(root, '.tmp');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmpPath = path.join(dir, `${randomBytes(16).toString('hex')}.part`);
  // node:crypto directly: the platform's sm3() is one-shot, this hashes chunk by chunk.
  const hash = createHash('sm3');
  let size = 0;
  const headChunks: Buffer[] = [];
  let headLen = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      if (headLen < SNIFF_BYTES) { headChunks.push(chunk.subarray(0, SNIFF_BYTES - headLen)); headLen += Math.min(chunk.length, SNIFF_BYTES - headLen); }
      done(null, chunk);
    },
  });
  try {
    await pipeline(input, tap, fs.createWriteStream(tmpPath, { flags: 'wx', mode: 0o640 }));
  } catch (err) {
    removeQuietly(tmpPath);
    throw err;
  }
  return { tmpPath, size, sm3: hash.digest('hex'), head: Buffer.concat(headChunks) };
}

/** A fresh server-made name: year and month folders (Asia/Shanghai) and 128 random bits. */
export function newStoredName(now: number, ext: string): string {
  const ym = formatShanghai(now).slice(0, 7).split('-');
  return `${ym[0]}/${ym[1]}/${randomBytes(16).toString('hex')}.${ext}`;
}

/** Absolute path of a stored name; refuses anything that would leave the store. */
export function storedPath(root: string, storedName: string): string {
  if (!/^\d{4}\/\d{2}\/[0-9a-f]{32}\.[a-z0-9]{1,8}$/.test(storedName)) throw new Error(`bad stored attachment name ${storedName}`);
  return path.join(root, storedName);
}

export function moveIntoStore(root: string, tmpPath: string, storedName: string): string {
  const target = storedPath(root, storedName);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o750 });
  fs.renameSync(tmpPath, target);
  return target;
}

export function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Already gone or unreadable: nothing more to do; a stray file holds no row and is never served.
  }
}
