import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sm3 as jsSm3 } from 'sm-crypto-v2';
import { hmacSm3, sm3, sm3Hex, timingSafeEqualHex } from '../../src/platform/crypto/index.js';

/** Textbook HMAC (RFC 2104) built from the bare hash, independent of OpenSSL's HMAC. */
function manualHmacSm3(key: Buffer, msg: Buffer): Buffer {
  const h = (b: Buffer): Buffer => createHash('sm3').update(b).digest();
  const k = Buffer.alloc(64);
  (key.length > 64 ? h(key) : key).copy(k);
  const ipad = Buffer.from(k.map((x) => x ^ 0x36));
  const opad = Buffer.from(k.map((x) => x ^ 0x5c));
  return h(Buffer.concat([opad, h(Buffer.concat([ipad, msg]))]));
}

describe('SM3 (GB/T 32905-2016 examples)', () => {
  test('example 1: "abc"', () => {
    assert.equal(sm3Hex('abc'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  test('example 2: "abcd" x 16 (512-bit message)', () => {
    assert.equal(sm3Hex('abcd'.repeat(16)), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  test('string and byte inputs agree; digest is 32 bytes', () => {
    const d = sm3(new TextEncoder().encode('集约'));
    assert.equal(d.length, 32);
    assert.deepEqual(d, sm3('集约'));
  });

  test('matches the independent pure-JS sm-crypto-v2 implementation', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.equal(sm3Hex(bytes), jsSm3(bytes));
      }),
    );
  });
});

describe('HMAC-SM3', () => {
  // Fixed vectors computed once and confirmed against two independent implementations
  // (manual ipad/opad construction and sm-crypto-v2's pure-JS HMAC).
  const vectors: Array<{ key: Buffer; msg: Buffer; mac: string }> = [
    {
      key: Buffer.from('jiyue-hmac-key'),
      msg: Buffer.from('国家密码管理局 SM3 HMAC 测试'),
      mac: 'bb640f17076e258e8e08589d3601a7c00251170dbbc1968f0388aecdfffa226e',
    },
    {
      key: Buffer.alloc(20, 0x0b),
      msg: Buffer.from('Hi There'),
      mac: '51b00d1fb49832bfb01c3ce27848e59f871d9ba938dc563b338ca964755cce70',
    },
    {
      // Key longer than the 64-byte block must be hashed first.
      key: Buffer.alloc(100, 0xaa),
      msg: Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First'),
      mac: 'ddfd727df11b435760f1fa6638e2c059a66a74da8432815201915246e6211294',
    },
  ];

  for (const [i, v] of vectors.entries()) {
    test(`fixed vector ${i + 1}`, () => {
      assert.equal(hmacSm3(v.key, v.msg).toString('hex'), v.mac);
      assert.equal(manualHmacSm3(v.key, v.msg).toString('hex'), v.mac);
      assert.equal(jsSm3(new Uint8Array(v.msg), { key: new Uint8Array(v.key), mode: 'hmac' }), v.mac);
    });
  }

  test('agrees with the manual construction and sm-crypto-v2 for arbitrary keys/messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 150 }), fc.uint8Array({ maxLength: 200 }), (key, msg) => {
        const ours = hmacSm3(key, msg).toString('hex');
        assert.equal(ours, manualHmacSm3(Buffer.from(key), Buffer.from(msg)).toString('hex'));
        // sm-crypto-v2 treats string keys as hex, so bytes are passed explicitly.
        assert.equal(ours, jsSm3(msg, { key, mode: 'hmac' }));
      }),
    );
  });
});

describe('timingSafeEqualHex', () => {
  test('equal, different, different length, malformed', () => {
    assert.equal(timingSafeEqualHex('00ff', '00ff'), true);
    assert.equal(timingSafeEqualHex('00ff', '00FF'), true);
    assert.equal(timingSafeEqualHex('00ff', '00fe'), false);
    assert.equal(timingSafeEqualHex('00ff', '00ff00'), false);
    // Buffer.from('zz', 'hex') decodes to nothing; these must not compare equal.
    assert.equal(timingSafeEqualHex('zz', 'yy'), false);
    assert.equal(timingSafeEqualHex('0', '0'), false);
    assert.equal(timingSafeEqualHex('', ''), true);
  });
});
