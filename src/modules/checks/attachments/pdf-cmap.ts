/** A font's ToUnicode CMap: how many bytes a character code takes, and code → text. */
export interface ToUnicode {
  readonly codeBytes: number;
  readonly map: ReadonlyMap<number, string>;
}

function utf16beHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  if (hex.length === 2) out = String.fromCharCode(Number.parseInt(hex, 16));
  return out;
}

const MAX_RANGE = 65536;

/** Parses bfchar and bfrange sections (the forms PDF writers use for ToUnicode). */
export function parseToUnicode(cmap: string): ToUnicode {
  const map = new Map<number, string>();
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap);
  const codeBytes = space?.[1] ? Math.max(1, Math.ceil(space[1].length / 2)) : 2;
  // Sections in the order they appear: a later mapping of the same code wins.
  for (const section of cmap.matchAll(/begin(bfchar|bfrange)([\s\S]*?)endbf(?:char|range)/g)) {
    const body = section[2] ?? '';
    if (section[1] === 'bfchar') {
      for (const m of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) map.set(Number.parseInt(m[1] ?? '0', 16), utf16beHex(m[2] ?? ''));
      continue;
    }
    for (const m of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])/g)) {
      const lo = Number.parseInt(m[1] ?? '0', 16);
      const hi = Math.min(Number.parseInt(m[2] ?? '0', 16), lo + MAX_RANGE);
      if (m[3] !== undefined) {
        const dst = m[3];
        const prefix = dst.slice(0, -4);
        const last = Number.parseInt(dst.slice(-4) || '0', 16);
        for (let c = lo; c <= hi; c++) map.set(c, utf16beHex(prefix) + String.fromCharCode((last + c - lo) & 0xffff));
      } else {
        const items = [...(m[4] ?? '').matchAll(/<([0-9A-Fa-f]*)>/g)];
        items.forEach((it, k) => {
          if (lo + k <= hi) map.set(lo + k, utf16beHex(it[1] ?? ''));
        });
      }
    }
  }
  return { codeBytes, map };
}

/** Text of a shown string under a font: through its ToUnicode map, or byte by byte (latin1) without one. */
export function decodeShownBytes(bytes: readonly number[], font: ToUnicode | null): string {
  // Not String.fromCharCode(...bytes): a long string would overflow the stack.
  if (!font) return Buffer.from(bytes).toString('latin1');
  let out = '';
  const n = font.codeBytes;
  for (let i = 0; i + n <= bytes.length; i += n) {
    let code = 0;
    for (let k = 0; k < n; k++) code = code * 256 + (bytes[i + k] ?? 0);
    out += font.map.get(code) ?? '';
  }
  return out;
}
