import { decodeShownBytes, type ToUnicode } from './pdf-cmap.js';

type Operand = number | string | { readonly bytes: number[] } | readonly Operand[];

const DELIM = new Set([40, 41, 60, 62, 91, 93, 123, 125, 47, 37]);
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;
}

/** A literal string `( … )` from position i (after the parenthesis); returns the bytes and the end. */
function literalString(s: string, i: number): { bytes: number[]; end: number } {
  const bytes: number[] = [];
  let depth = 1;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) {
      const d = s.charAt(i + 1);
      const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (d in simple) { bytes.push(simple[d] ?? 0); i += 2; continue; }
      const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4));
      if (oct) { bytes.push(Number.parseInt(oct[0], 8) & 0xff); i += 1 + oct[0].length; continue; }
      if (d === '\r' || d === '\n') { i += s.startsWith('\r\n', i + 1) ? 3 : 2; continue; }
      i += 1;
      continue;
    }
    if (c === 40) depth++;
    if (c === 41 && --depth === 0) return { bytes, end: i + 1 };
    bytes.push(c & 0xff);
    i++;
  }
  return { bytes, end: i };
}

/**
 * Text shown by a content stream: Tj, TJ, ' and " under the font chosen by Tf. A new line
 * starts when a string is shown on another baseline than the last one (the baseline is followed
 * through BT, Tm, Td, TD, T*, TL, ' and "; the CTM is not).
 * Kerning inside TJ is ignored unless it is a gap of a full em or more (then a space).
 * Inline images (BI … EI) are skipped.
 */
export function contentText(s: string, fonts: ReadonlyMap<string, ToUnicode | null>): string {
  const out: string[] = [];
  const stack: Operand[] = [];
  const arrays: Operand[][] = [];
  let font: ToUnicode | null = null;
  let y = 0;
  let leading = 0;
  let shownY: number | null = null;
  const push = (v: Operand): void => {
    const top = arrays[arrays.length - 1];
    if (top) top.push(v);
    else stack.push(v);
  };
  const show = (v: Operand | undefined): void => {
    if (!v || typeof v !== 'object' || !('bytes' in v)) return;
    if (shownY !== null && Math.abs(y - shownY) > 0.5 && out.length > 0 && out[out.length - 1] !== '\n') out.push('\n');
    shownY = y;
    out.push(decodeShownBytes(v.bytes, font));
  };
  const num = (k: number): number => {
    const v = stack[stack.length - k];
    return typeof v === 'number' ? v : 0;
  };
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) { i++; continue; }
    if (c === 37 /* % */) { const e = s.indexOf('\n', i); i = e < 0 ? n : e + 1; continue; }
    if (c === 40) { const r = literalString(s, i + 1); push({ bytes: r.bytes }); i = r.end; continue; }
    if (c === 60 /* < */) {
      if (s.charCodeAt(i + 1) === 60) { i += 2; continue; }
      const e = s.indexOf('>', i);
      const hex = s.slice(i + 1, e < 0 ? n : e).replace(/[^0-9A-Fa-f]/g, '');
      const bytes: number[] = [];
      for (let k = 0; k < hex.length; k += 2) bytes.push(Number.parseInt(hex.slice(k, k + 2).padEnd(2, '0'), 16));
      push({ bytes });
      i = e < 0 ? n : e + 1;
      continue;
    }
    if (c === 62) { i += s.charCodeAt(i + 1) === 62 ? 2 : 1; continue; }
    if (c === 91) { arrays.push([]); i++; continue; }
    if (c === 93) { const a = arrays.pop(); if (a) push(a); i++; continue; }
    let j = i + 1;
    while (j < n && !isSpace(s.charCodeAt(j)) && !DELIM.has(s.charCodeAt(j))) j++;
    const tok = s.slice(i, j);
    i = j;
    if (c === 47) { push(tok); continue; }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok)) { push(Number(tok)); continue; }
    switch (tok) {
      case 'Tf': { const name = stack[stack.length - 2]; font = typeof name === 'string' ? fonts.get(name) ?? null : null; break; }
      case 'Tj': show(stack[stack.length - 1]); break;
      case "'": case '"': y -= leading; show(stack[stack.length - 1]); break;
      case 'TJ': {
        const arr = stack[stack.length - 1];
        if (Array.isArray(arr)) for (const item of arr as Operand[]) {
          if (typeof item === 'number') { if (item <= -1000) out.push(' '); } else show(item);
        }
        break;
      }
      case 'BT': y = 0; break;
      case 'T*': y -= leading; break;
      case 'TL': leading = num(1); break;
      case 'Td': y += num(1); break;
      case 'TD': leading = -num(1); y += num(1); break;
      case 'Tm': y = num(1); break;
      case 'BI': { const e = s.indexOf('EI', i); i = e < 0 ? n : e + 2; break; }
      default: break;
    }
    stack.length = 0;
  }
  return out.join('');
}
