/** One satisfiable byte range, inclusive at both ends. */
export interface ByteRange { readonly start: number; readonly end: number }

/**
 * A single `bytes=` range (RFC 9110 §14.1.2) against a representation of `size` bytes:
 * the range, 'unsatisfiable' (416), or null to ignore the header and send everything
 * (malformed, another unit, or several ranges — which the RFC lets a server ignore).
 */
export function parseRange(header: string, size: number): ByteRange | 'unsatisfiable' | null {
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return null;
  if (first.length > 15 || last.length > 15) return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Number(last);
  return { start, end: Math.min(end, size - 1) };
}
