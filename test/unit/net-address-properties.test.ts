import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkUrl } from '../../src/platform/net/check-url.js';
import { classifyAddress } from '../../src/platform/net/classify-address.js';
import { isAddressAllowed } from '../../src/platform/net/is-address-allowed.js';
import { OutboundRefusedError } from '../../src/platform/net/outbound-refused-error.js';
import { parseHostToIp } from '../../src/platform/net/parse-host-to-ip.js';

// Independent reference list (IANA IPv4 special-purpose registry subset the
// guard must refuse), written as text so it does not share code with the
// implementation under test.
const REFUSED_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '255.255.255.255/32',
] as const;

interface Range {
  readonly text: string;
  readonly base: number;
  readonly bits: number;
}

const RANGES: readonly Range[] = REFUSED_V4.map((text) => {
  const [addr = '', bits = '32'] = text.split('/');
  const base = addr.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  return { text, base, bits: Number(bits) };
});

function inRange(n: number, r: Range): boolean {
  const size = 2 ** (32 - r.bits);
  return n >= r.base && n < r.base + size;
}

function octets(n: number): [number, number, number, number] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function dotted(n: number): string {
  return octets(n).join('.');
}

type Radix = 'dec' | 'hex' | 'HEX' | 'oct';

function num(value: number, radix: Radix, pad: number): string {
  switch (radix) {
    case 'dec':
      return String(value);
    case 'hex':
      return `0x${'0'.repeat(pad)}${value.toString(16)}`;
    case 'HEX':
      return `0X${'0'.repeat(pad)}${value.toString(16).toUpperCase()}`;
    case 'oct':
      return `0${'0'.repeat(pad)}${value.toString(8)}`;
  }
}

function hex16(hi: number, lo: number, upper: boolean): string {
  const s = ((hi << 8) | lo).toString(16);
  return upper ? s.toUpperCase() : s;
}

/** Every host spelling of `n` that a URL may carry and that must reach the same address. */
const spellingArb = (n: number): fc.Arbitrary<string> => {
  const [a, b, c, d] = octets(n);
  const radix = fc.constantFrom<Radix>('dec', 'hex', 'HEX', 'oct');
  const pad = fc.integer({ min: 0, max: 3 });
  return fc.oneof(
    fc.constant(dotted(n)),
    fc.constant(`${dotted(n)}.`),
    fc.constant(String(n)),
    fc.tuple(fc.constantFrom<Radix>('hex', 'HEX', 'oct'), pad).map(([r, p]) => num(n, r, p)),
    fc.constant([a, b, c, d].map((x) => `0${x.toString(8)}`).join('.')),
    fc.tuple(radix, radix, radix, radix, pad).map(([r1, r2, r3, r4, p]) =>
      [num(a, r1, p), num(b, r2, p), num(c, r3, p), num(d, r4, p)].join('.'),
    ),
    fc.tuple(radix, radix, pad).map(([r1, r2, p]) => `${num(a, r1, p)}.${num((b << 16) | (c << 8) | d, r2, p)}`),
    fc.tuple(radix, radix, radix, pad).map(([r1, r2, r3, p]) => `${num(a, r1, p)}.${num(b, r2, p)}.${num((c << 8) | d, r3, p)}`),
    fc.constant([a, b, c, d].join('。')),
    fc.constant(`[::ffff:${dotted(n)}]`),
    fc.boolean().map((u) => `[::${u ? 'FFFF' : 'ffff'}:${hex16(a, b, u)}:${hex16(c, d, u)}]`),
    fc.boolean().map((u) => `[0:0:0:0:0:${u ? 'FFFF' : 'ffff'}:${hex16(a, b, u)}:${hex16(c, d, u)}]`),
    fc.constant(`[0000:0000:0000:0000:0000:ffff:${dotted(n)}]`),
    fc.constant(`[::ffff:0:${dotted(n)}]`),
    fc.constant(`[64:ff9b::${dotted(n)}]`),
    fc.constant(`[64:ff9b::${hex16(a, b, false)}:${hex16(c, d, false)}]`),
    fc.constant(`[2002:${hex16(a, b, false)}:${hex16(c, d, false)}::1]`),
  );
};

function refusedCode(url: string): string {
  try {
    checkUrl(url);
    return 'accepted';
  } catch (err) {
    return err instanceof OutboundRefusedError ? err.code : `unexpected ${String(err)}`;
  }
}

describe('property: refused IPv4 ranges stay refused in every spelling', () => {
  for (const range of RANGES) {
    it(range.text, () => {
      const size = 2 ** (32 - range.bits);
      const addr = fc.integer({ min: 0, max: size - 1 }).map((off) => range.base + off);
      fc.assert(
        fc.property(
          addr.chain((n) => fc.tuple(fc.constant(n), spellingArb(n))),
          fc.integer({ min: 1, max: 65535 }),
          ([n, host], port) => {
            assert.equal(classifyAddress(dotted(n)) === 'public', false);
            assert.equal(isAddressAllowed(host.replace(/^\[|\]$/g, ''), []), false, host);
            assert.equal(refusedCode(`http://${host}/`), 'net.refused_address', host);
            assert.equal(refusedCode(`https://${host}:${port}/x?y=1`), 'net.refused_address', host);
          },
        ),
        { numRuns: 200 },
      );
    });
  }
});

describe('property: public IPv4 addresses are allowed', () => {
  const publicAddr = fc
    .integer({ min: 0, max: 0xffffffff })
    .filter((n) => !RANGES.some((r) => inRange(n, r)));

  it('classifies and accepts dotted, integer and hex spellings', () => {
    fc.assert(
      fc.property(publicAddr, (n) => {
        const ip = dotted(n);
        assert.equal(classifyAddress(ip), 'public', ip);
        assert.equal(isAddressAllowed(ip, []), true, ip);
        for (const host of [ip, String(n), `0x${n.toString(16)}`, `[::ffff:${ip}]`]) {
          const checked = checkUrl(`http://${host}/`);
          assert.ok(checked.ip !== null, host);
          assert.equal(parseHostToIp(host)?.replace(/^::ffff:/, ''), ip);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every spelling of a public address parses back to the same address', () => {
    fc.assert(
      fc.property(
        publicAddr.chain((n) => fc.tuple(fc.constant(n), spellingArb(n))),
        ([n, host]) => {
          const ip = parseHostToIp(host);
          assert.ok(ip !== null, host);
          // 6to4 and NAT64 spellings embed the address rather than map it; they stay public.
          assert.equal(classifyAddress(ip), 'public', host);
          if (!host.includes(':')) assert.equal(ip, dotted(n), host);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
