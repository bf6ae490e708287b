/**
 * Strict parsing of canonical IP literals into bytes. Lenient spellings
 * (`127.1`, `0x7f000001`, full-width dots...) are handled one level up by
 * parseHostToIp, which lets the WHATWG URL parser normalise them first; this
 * module only has to understand the two canonical textual forms.
 */
export interface IpLiteral {
  readonly family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  readonly bytes: Uint8Array;
}

const DOTTED_QUAD = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Dotted-quad decimal only; leading zeros are refused because they mean octal elsewhere. */
export function parseIpv4Dotted(text: string): Uint8Array | null {
  const m = DOTTED_QUAD.exec(text);
  if (m === null) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const n = Number(m[i + 1]);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

/** RFC 4291 text forms, including `::` compression and a dotted IPv4 tail. No zone, no brackets. */
export function parseIpv6(text: string): Uint8Array | null {
  // 45 = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"; guards against pathological input.
  if (text.length < 2 || text.length > 45) return null;
  const lastColon = text.lastIndexOf(':');
  if (lastColon === -1) return null;
  let hex = text;
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4Dotted(tail);
    if (v4 === null) return null;
    const hi = ((v4[0] ?? 0) << 8) | (v4[1] ?? 0);
    const lo = ((v4[2] ?? 0) << 8) | (v4[3] ?? 0);
    hex = `${text.slice(0, lastColon + 1)}${hi.toString(16)}:${lo.toString(16)}`;
  }

  const dbl = hex.indexOf('::');
  if (dbl !== -1 && hex.indexOf('::', dbl + 1) !== -1) return null;
  let left: string[];
  let right: string[];
  if (dbl === -1) {
    left = hex.split(':');
    right = [];
    if (left.length !== 8) return null;
  } else {
    const l = hex.slice(0, dbl);
    const r = hex.slice(dbl + 2);
    left = l === '' ? [] : l.split(':');
    right = r === '' ? [] : r.split(':');
    // `::` must stand for at least one zero group.
    if (left.length + right.length > 7) return null;
  }
  const groups = [...left, ...new Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const g = groups[i] ?? '';
    if (!HEX_GROUP.test(g)) return null;
    const n = Number.parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  }
  return out;
}

/** Canonical literal (dotted quad or IPv6, optionally in brackets) → bytes. */
export function parseIpLiteral(text: string): IpLiteral | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (bare.includes(':')) {
    const bytes = parseIpv6(bare);
    return bytes === null ? null : { family: 6, bytes };
  }
  const bytes = parseIpv4Dotted(bare);
  return bytes === null ? null : { family: 4, bytes };
}

function isV4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

/**
 * RFC 5952 text: lowercase, longest zero run compressed. IPv4-mapped addresses
 * keep a dotted tail so error messages read like what `dns.lookup` prints.
 */
export function formatIpLiteral(ip: IpLiteral): string {
  const b = ip.bytes;
  if (ip.family === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  if (isV4Mapped(b)) return `::ffff:${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(((b[i * 2] ?? 0) << 8) | (b[i * 2 + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}
