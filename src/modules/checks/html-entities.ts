/** Named character references found in editor output and pasted Word HTML. Others stay literal. */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f', shy: '\u00ad',
  ndash: '\u2013', mdash: '\u2014', lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201a', ldquo: '\u201c',
  rdquo: '\u201d', bdquo: '\u201e', hellip: '\u2026', middot: '\u00b7', bull: '\u2022', times: '\u00d7',
  divide: '\u00f7', copy: '\u00a9', reg: '\u00ae', trade: '\u2122', deg: '\u00b0', plusmn: '\u00b1',
  yen: '\u00a5', cent: '\u00a2', pound: '\u00a3', euro: '\u20ac', sect: '\u00a7', para: '\u00b6',
  laquo: '\u00ab', raquo: '\u00bb', frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be', sup1: '\u00b9',
  sup2: '\u00b2', sup3: '\u00b3', micro: '\u00b5', permil: '\u2030', prime: '\u2032', Prime: '\u2033',
  larr: '\u2190', rarr: '\u2192', uarr: '\u2191', darr: '\u2193', le: '\u2264', ge: '\u2265', ne: '\u2260',
  star: '\u2606', starf: '\u2605', lowast: '\u2217', iexcl: '\u00a1', iquest: '\u00bf',
};

const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

function codePoint(n: number): string {
  // NUL, surrogates and out-of-range values become U+FFFD, as browsers do.
  if (!Number.isFinite(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(n);
}

/** Decodes `&name;`, `&#123;` and `&#x7b;`; unknown names and references without `;` stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (whole, ref: string) => {
    if (ref.charCodeAt(0) === 35 /* # */) {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      return codePoint(Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    return NAMED[ref] ?? whole;
  });
}
