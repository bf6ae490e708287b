import { inflateRawSync } from 'node:zlib';

/**
 * A reader for the ZIP containers of .docx, .xlsx and .ofd files: the central directory is read
 * from the end of the file, and only the entries asked for are inflated (node:zlib, no
 * dependency). Not supported, by design: ZIP64, encryption, methods other than stored/deflate.
 */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  readonly encrypted: boolean;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Per entry: a zip bomb stops here instead of filling memory. */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

export function listZipEntries(buf: Buffer): ZipEntry[] | null {
  if (buf.length < 22) return null;
  let eocd = -1;
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= lowest; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return null; // ZIP64
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const flags = buf.readUInt16LE(p + 8);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      encrypted: (flags & 1) === 1,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's bytes, or null when it cannot be read (encrypted, unknown method, damaged). */
export function readZipEntry(buf: Buffer, entry: ZipEntry): Buffer | null {
  if (entry.encrypted || entry.size > MAX_ENTRY_BYTES) return null;
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) return null;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return null;
  try {
    if (entry.method === 0) return Buffer.from(data);
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES });
  } catch {
    return null;
  }
  return null;
}

/** Entries whose names match, inflated, in the order of the central directory. */
export function readZipEntries(buf: Buffer, match: (name: string) => boolean): { name: string; data: Buffer }[] | null {
  const entries = listZipEntries(buf);
  if (!entries) return null;
  const out: { name: string; data: Buffer }[] = [];
  for (const e of entries) {
    if (!match(e.name)) continue;
    const data = readZipEntry(buf, e);
    if (data) out.push({ name: e.name, data });
  }
  return out;
}
