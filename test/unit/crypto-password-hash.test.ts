import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  calibrateIterations,
  hashPassword,
  hmacSm3,
  needsRehash,
  verifyPassword,
} from '../../src/platform/crypto/index.js';
import { pbkdf2Sm3 } from '../../src/platform/crypto/password-hash.js';

/** PBKDF2 written out from RFC 8018 §5.2 on top of HMAC-SM3, independent of OpenSSL's PBKDF2. */
function referencePbkdf2Sm3(password: Buffer, salt: Buffer, iterations: number, dkLen: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 1; blocks.length * 32 < dkLen; i++) {
    const index = Buffer.alloc(4);
    index.writeUInt32BE(i);
    let u = hmacSm3(password, Buffer.concat([salt, index]));
    const t = Buffer.from(u);
    for (let c = 1; c < iterations; c++) {
      u = hmacSm3(password, u);
      for (let j = 0; j < t.length; j++) t[j] = (t[j] ?? 0) ^ (u[j] ?? 0);
    }
    blocks.push(t);
  }
  return Buffer.concat(blocks).subarray(0, dkLen);
}

describe('PBKDF2-HMAC-SM3 known answers', () => {
  const pw = Buffer.from('password');
  const salt = Buffer.from('salt');

  test('c=1 and c=2 match the RFC 8018 reference construction and fixed values', async () => {
    const fixed: Record<number, string> = {
      1: '4612f922a1fdcefaf4312fc6f8f3322b489cbf24f2ea361b44c2bd8fa2c6dcb0',
      2: 'fee723a2bc966e11dffb66133f4e8df577383c78ade30e3298edbd3e54ed85b7',
    };
    for (const [c, hex] of Object.entries(fixed)) {
      const ours = await pbkdf2Sm3(pw, salt, Number(c), 32);
      assert.equal(ours.toString('hex'), hex);
      assert.equal(referencePbkdf2Sm3(pw, salt, Number(c), 32).toString('hex'), hex);
    }
  });

  test('multi-block output (dkLen 80) and unicode password', async () => {
    const p = Buffer.from('密码Pässwörd');
    const s = Buffer.from('0123456789abcdef', 'hex');
    const ours = await pbkdf2Sm3(p, s, 1000, 80);
    assert.deepEqual(ours, referencePbkdf2Sm3(p, s, 1000, 80));
  });
});

describe('hashPassword / verifyPassword', () => {
  test('format, and the stored hash is PBKDF2-SM3 of the password under the stored salt', async () => {
    const stored = await hashPassword('正确的密码 correct horse', 1000);
    const parts = stored.split('$');
    assert.equal(parts.length, 4);
    assert.equal(parts[0], 'pbkdf2-sm3');
    assert.equal(parts[1], '1000');
    const salt = Buffer.from(parts[2] ?? '', 'base64');
    assert.equal(salt.length, 16);
    const expected = referencePbkdf2Sm3(Buffer.from('正确的密码 correct horse'), salt, 1000, 32);
    assert.equal(parts[3], expected.toString('base64'));
  });

  test('roundtrip, wrong password, per-user salt', async () => {
    const a = await hashPassword('s3cret!', 1000);
    const b = await hashPassword('s3cret!', 1000);
    assert.notEqual(a, b, 'random salt makes equal passwords hash differently');
    assert.equal(await verifyPassword('s3cret!', a), true);
    assert.equal(await verifyPassword('s3cret!', b), true);
    assert.equal(await verifyPassword('s3cret?', a), false);
    assert.equal(await verifyPassword('', a), false);
  });

  test('NFC and NFD spellings of the same password both verify', async () => {
    const stored = await hashPassword('Caf\u00e9', 1000);
    assert.equal(await verifyPassword('Cafe\u0301', stored), true);
  });

  test('tampered or malformed stored strings verify false without throwing', async () => {
    const stored = await hashPassword('pw', 1000);
    const [scheme, iter, salt, hash] = stored.split('$') as [string, string, string, string];
    const flip = (s: string): string => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const tampered = [
      `${scheme}$1001$${salt}$${hash}`,
      `${scheme}$${iter}$${flip(salt)}$${hash}`,
      `${scheme}$${iter}$${salt}$${flip(hash)}`,
      `pbkdf2-sha256$${iter}$${salt}$${hash}`,
      `${scheme}$01000$${salt}$${hash}`,
      `${scheme}$1e3$${salt}$${hash}`,
      `${scheme}$999999999$${salt}$${hash}`, // over the cap: refused, not computed
      `${scheme}$${iter}$${salt}$${hash}$`,
      `${scheme}$${iter}$${salt}!$${hash}`,
      '',
      'garbage',
    ];
    for (const t of tampered) assert.equal(await verifyPassword('pw', t), false, t);
  });

  test('iterations stored in the string are used, so the setting can change', async () => {
    const old = await hashPassword('pw', 1000);
    assert.equal(needsRehash(old, 1000), false);
    assert.equal(needsRehash(old, 2000), true);
    assert.equal(await verifyPassword('pw', old), true);
    assert.equal(needsRehash('garbage', 1000), true);
  });

  test('rejects unsafe iteration counts', async () => {
    await assert.rejects(hashPassword('pw', 10), RangeError);
    await assert.rejects(hashPassword('pw', 1.5), RangeError);
  });

  test('calibrateIterations returns a rounded count in range', async () => {
    const n = await calibrateIterations(20, { sampleIterations: 5000, samples: 1 });
    assert.ok(Number.isInteger(n) && n % 1000 === 0 && n >= 1000, String(n));
  });
});
