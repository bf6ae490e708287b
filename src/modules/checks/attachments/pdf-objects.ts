import { constants, inflateSync } from 'node:zlib';

/** One indirect object: its dictionary/value as latin1 text, and its raw stream if it has one. */
export interface PdfObject {
  readonly num: number;
  readonly text: string;
  readonly stream: Buffer | null;
}

export const MAX_STREAM_BYTES = 32 * 1024 * 1024;

/**
 * Reads the indirect objects of a PDF by scanning for `N G obj`, without trusting the xref
 * table (so damaged or incrementally updated files still give their last version of each
 * object), and unpacks object streams (/Type /ObjStm) of PDF 1.5+.
 */
export function readPdfObjects(buf: Buffer): Map<number, PdfObject> {
  const s = buf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const head = /(\d+)\s+(\d+)\s+obj\b/g;
  for (let m = head.exec(s); m !== null; m = head.exec(s)) {
    const num = Number(m[1]);
    const start = m.index + m[0].length;
    const endobj = s.indexOf('endobj', start);
    const streamAt = s.indexOf('stream', start);
    if (streamAt >= 0 && (endobj < 0 || streamAt < endobj)) {
      const text = s.slice(start, streamAt);
      let dataStart = streamAt + 6;
      if (s.charCodeAt(dataStart) === 13) dataStart++;
      if (s.charCodeAt(dataStart) === 10) dataStart++;
      const declared = /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(text);
      let dataEnd = -1;
      if (declared) {
        const end = dataStart + Number(declared[1]);
        if (/^\s*endstream/.test(s.slice(end, end + 20))) dataEnd = end;
      }
      if (dataEnd < 0) {
        const es = s.indexOf('endstream', dataStart);
        if (es < 0) break;
        dataEnd = es;
        while (dataEnd > dataStart && (s.charCodeAt(dataEnd - 1) === 10 || s.charCodeAt(dataEnd - 1) === 13)) dataEnd--;
      }
      objects.set(num, { num, text, stream: buf.subarray(dataStart, dataEnd) });
      const after = s.indexOf('endstream', dataEnd);
      head.lastIndex = after < 0 ? s.length : after + 9;
    } else {
      const stop = endobj < 0 ? s.length : endobj;
      objects.set(num, { num, text: s.slice(start, stop), stream: null });
      head.lastIndex = stop;
    }
  }
  for (const obj of [...objects.values()]) {
    if (!/\/Type\s*\/ObjStm\b/.test(obj.text)) continue;
    unpackObjectStream(obj, objects);
  }
  return objects;
}

function unpackObjectStream(obj: PdfObject, objects: Map<number, PdfObject>): void {
  const data = decodeStream(obj);
  if (!data) return;
  const n = Number(/\/N\s+(\d+)/.exec(obj.text)?.[1] ?? 0);
  const first = Number(/\/First\s+(\d+)/.exec(obj.text)?.[1] ?? 0);
  const s = data.toString('latin1');
  const nums = s.slice(0, first).trim().split(/\s+/).map(Number);
  for (let i = 0; i < n; i++) {
    const num = nums[2 * i];
    const off = nums[2 * i + 1];
    if (num === undefined || off === undefined || objects.has(num)) continue;
    const next = nums[2 * i + 3];
    objects.set(num, { num, text: s.slice(first + off, next === undefined ? s.length : first + next), stream: null });
  }
}

/** The stream's bytes after /FlateDecode (or as stored); null for filters we do not read (DCT, LZW, ASCII85 …). */
export function decodeStream(obj: PdfObject): Buffer | null {
  if (!obj.stream) return null;
  const filter = /\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(obj.text)?.[1] ?? '';
  const names = filter.match(/\/\w+/g) ?? [];
  if (names.length === 0) return obj.stream;
  if (names.length !== 1 || (names[0] !== '/FlateDecode' && names[0] !== '/Fl')) return null;
  try {
    // Sync flush tolerates streams cut short, common in files from careless writers.
    return inflateSync(obj.stream, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: MAX_STREAM_BYTES });
  } catch {
    return null;
  }
}

/** `N G R` references in a piece of object text, in order. */
export function refsIn(text: string): number[] {
  return [...text.matchAll(/(\d+)\s+\d+\s+R\b/g)].map((m) => Number(m[1]));
}

/**
 * The value of `/Key` in a dictionary's text: a nested `<<…>>` (balanced), an array `[…]`, or
 * the text of the referenced object when the value is `N G R`.
 */
export function dictValue(text: string, key: string, objects: ReadonlyMap<number, PdfObject>): string | null {
  const re = new RegExp(`/${key}(?![A-Za-z0-9])\\s*`, 'g');
  const m = re.exec(text);
  if (!m) return null;
  const at = m.index + m[0].length;
  if (text.startsWith('<<', at)) {
    let depth = 0;
    for (let i = at; i < text.length - 1; i++) {
      if (text.startsWith('<<', i)) { depth++; i++; continue; }
      if (text.startsWith('>>', i)) { depth--; i++; if (depth === 0) return text.slice(at, i + 1); }
    }
    return text.slice(at);
  }
  if (text.charAt(at) === '[') {
    const close = text.indexOf(']', at);
    return text.slice(at, close < 0 ? text.length : close + 1);
  }
  const ref = /^(\d+)\s+\d+\s+R\b/.exec(text.slice(at, at + 40));
  if (ref) return objects.get(Number(ref[1]))?.text ?? null;
  return /^\/?[^\s/<>[\]()]+/.exec(text.slice(at, at + 200))?.[0] ?? null;
}
