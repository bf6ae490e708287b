import { parseHostToIp } from './parse-host-to-ip.js';
import { parseIpLiteral } from './parse-ip-literal.js';

export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'benchmarking'
  | 'documentation'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'invalid';

type V4Range = readonly [base: number, bits: number, cls: AddressClass];

function v4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

// Order matters: the first match wins, so the broadcast address is listed
// before 240/4 which contains it.
const V4_RANGES: readonly V4Range[] = [
  [v4(0, 0, 0, 0), 8, 'unspecified'], // "this network"; Linux routes 0.0.0.0 to localhost
  [v4(255, 255, 255, 255), 32, 'broadcast'],
  [v4(127, 0, 0, 0), 8, 'loopback'],
  [v4(10, 0, 0, 0), 8, 'private'],
  [v4(172, 16, 0, 0), 12, 'private'],
  [v4(192, 168, 0, 0), 16, 'private'],
  [v4(169, 254, 0, 0), 16, 'link-local'], // includes the 169.254.169.254 cloud metadata service
  [v4(100, 64, 0, 0), 10, 'cgnat'],
  [v4(198, 18, 0, 0), 15, 'benchmarking'],
  [v4(192, 0, 2, 0), 24, 'documentation'],
  [v4(198, 51, 100, 0), 24, 'documentation'],
  [v4(203, 0, 113, 0), 24, 'documentation'],
  [v4(192, 0, 0, 0), 24, 'reserved'], // IETF protocol assignments
  [v4(192, 88, 99, 0), 24, 'reserved'], // deprecated 6to4 relay anycast
  [v4(224, 0, 0, 0), 4, 'multicast'],
  [v4(240, 0, 0, 0), 4, 'reserved'],
];

function mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

export function classifyIpv4Bytes(b: Uint8Array): AddressClass {
  const n = v4(b[0] ?? 0, b[1] ?? 0, b[2] ?? 0, b[3] ?? 0);
  for (const [base, bits, cls] of V4_RANGES) {
    if ((n & mask(bits)) >>> 0 === base) return cls;
  }
  return 'public';
}

function hasPrefix(b: Uint8Array, prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i < bits; i += 8) {
    const take = Math.min(8, bits - i);
    const m = (0xff << (8 - take)) & 0xff;
    if (((b[i / 8] ?? 0) & m) !== ((prefix[i / 8] ?? 0) & m)) return false;
  }
  return true;
}

function allZero(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false;
  return true;
}

/** The IPv4 address an IPv6 form carries is what the packet finally reaches, so it decides the class. */
function embedded(b: Uint8Array, offset: number): AddressClass {
  return classifyIpv4Bytes(b.subarray(offset, offset + 4));
}

export function classifyIpv6Bytes(b: Uint8Array): AddressClass {
  if (allZero(b, 0, 16)) return 'unspecified';
  if (allZero(b, 0, 15) && b[15] === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) and ::ffff:0:a.b.c.d (SIIT IPv4-translated).
  if (allZero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return embedded(b, 12);
  if (allZero(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && b[10] === 0 && b[11] === 0) return embedded(b, 12);
  // ::a.b.c.d (deprecated IPv4-compatible): nothing legitimate lives here any more.
  if (allZero(b, 0, 12)) {
    const inner = embedded(b, 12);
    return inner === 'public' ? 'reserved' : inner;
  }
  if (hasPrefix(b, [0x00, 0x64, 0xff, 0x9b], 96) && allZero(b, 4, 12)) return embedded(b, 12); // NAT64 well-known
  if (hasPrefix(b, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48)) return 'private'; // NAT64 local-use
  if (hasPrefix(b, [0x20, 0x02], 16)) return embedded(b, 2); // 6to4
  if (hasPrefix(b, [0x20, 0x01, 0x0d, 0xb8], 32)) return 'documentation';
  if (hasPrefix(b, [0x3f, 0xff], 20)) return 'documentation';
  if (hasPrefix(b, [0x20, 0x01, 0x00, 0x02, 0x00, 0x00], 48)) return 'benchmarking';
  if (hasPrefix(b, [0x20, 0x01, 0x00], 23)) return 'reserved'; // IETF assignments incl. Teredo
  if (hasPrefix(b, [0xfc], 7)) return 'private'; // unique local
  if (hasPrefix(b, [0xfe, 0x80], 10)) return 'link-local';
  if (hasPrefix(b, [0xfe, 0xc0], 10)) return 'private'; // deprecated site-local
  if (hasPrefix(b, [0xff], 8)) return 'multicast';
  // Default-deny: only 2000::/3 is allocated global unicast.
  if (!hasPrefix(b, [0x20], 3)) return 'reserved';
  return 'public';
}

/** Strips an IPv6 zone id (`fe80::1%eth0`); a zone never changes the class of the address. */
export function stripZone(ip: string): string {
  const pct = ip.indexOf('%');
  return pct !== -1 && ip.includes(':') ? ip.slice(0, pct) : ip;
}

/**
 * Classifies an IP address given in any spelling parseHostToIp accepts.
 * Anything that is not an IP address is 'invalid', which callers must treat as
 * refused.
 */
export function classifyAddress(ip: string): AddressClass {
  const canonical = parseHostToIp(stripZone(ip));
  if (canonical === null) return 'invalid';
  const lit = parseIpLiteral(canonical);
  if (lit === null) return 'invalid';
  return lit.family === 4 ? classifyIpv4Bytes(lit.bytes) : classifyIpv6Bytes(lit.bytes);
}
