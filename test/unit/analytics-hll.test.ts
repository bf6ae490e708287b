import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hll, HLL_REGISTERS } from '../../src/modules/analytics/index.js';
import { visitorHash, visitorKey } from '../../src/modules/analytics/visitor-hash.js';

const secret = Buffer.alloc(32, 7);

function sketchOf(key: ReturnType<typeof visitorKey>, from: number, to: number): Hll {
  const h = new Hll();
  for (let i = from; i < to; i++) {
    const [lo, hi] = visitorHash(key, `198.51.100.${i % 250}\nMozilla/5.0 visitor ${i}`);
    h.add(lo, hi);
  }
  return h;
}

test('estimates stay within 5 % from a handful to a million visitors (standard error 1.6 %)', () => {
  const key = visitorKey(secret, 1, '2026-11-27');
  for (const n of [1, 10, 300, 5_000, 100_000, 1_000_000]) {
    const est = sketchOf(key, 0, n).estimate();
    assert.ok(Math.abs(est - n) <= Math.max(1, n * 0.05), `${n} visitors estimated as ${est}`);
  }
});

test('repeat visits do not count; merging two halves equals counting the union; base64 round-trips', () => {
  const key = visitorKey(secret, 1, '2026-11-27');
  const once = sketchOf(key, 0, 20_000);
  const twice = sketchOf(key, 0, 20_000);
  twice.merge(sketchOf(key, 0, 20_000));
  assert.equal(twice.estimate(), once.estimate());
  const a = sketchOf(key, 0, 12_000);
  a.merge(sketchOf(key, 8_000, 20_000));
  assert.deepEqual(a.registers, once.registers);
  assert.deepEqual(Hll.fromBase64(once.toBase64()).registers, once.registers);
  assert.equal(Hll.fromBase64(null).estimate(), 0);
  assert.equal(Hll.fromBase64('bm90IGEgc2tldGNo').estimate(), 0, 'a damaged sketch reads as empty');
  assert.equal(once.registers.length, HLL_REGISTERS);
});

test('keys differ by site and by day: the same visitor hashes apart, so nobody is followed across sites or days', () => {
  const who = '198.51.100.9\nMozilla/5.0';
  const base = visitorHash(visitorKey(secret, 1, '2026-11-27'), who);
  assert.deepEqual(visitorHash(visitorKey(secret, 1, '2026-11-27'), who), base);
  assert.notDeepEqual(visitorHash(visitorKey(secret, 2, '2026-11-27'), who), base);
  assert.notDeepEqual(visitorHash(visitorKey(secret, 1, '2026-11-28'), who), base);
  assert.notDeepEqual(visitorHash(visitorKey(Buffer.alloc(32, 8), 1, '2026-11-27'), who), base);
});
