import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { CryptoIntegrityError, FieldCipher, hmacSm3 } from '../../src/platform/crypto/index.js';

const k1 = Buffer.alloc(32, 1);
const k2 = Buffer.alloc(32, 2);
const v1Only = (): FieldCipher => new FieldCipher({ current: 1, keys: new Map([[1, k1]]) });
const v1v2 = (): FieldCipher => new FieldCipher({ current: 2, keys: new Map([[1, k1], [2, k2]]) });

const isIntegrityError = (err: unknown): boolean => err instanceof CryptoIntegrityError;

/** Changes one character in the middle of a base64url part so the decoded bytes change. */
function tamperPart(token: string, index: number): string {
  const parts = token.split('.');
  const part = parts[index] ?? '';
  const mid = Math.floor(part.length / 2);
  parts[index] = part.slice(0, mid) + (part[mid] === 'A' ? 'B' : 'A') + part.slice(mid + 1);
  return parts.join('.');
}

describe('FieldCipher', () => {
  test('roundtrip with Chinese text; token shape; random IV', () => {
    const fc1 = v1Only();
    const text = '身份证号：320102199001011234，联系电话 13800138000';
    const a = fc1.encrypt(text);
    const b = fc1.encrypt(text);
    assert.match(a, /^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, b, 'fresh IV per call');
    assert.equal(fc1.decrypt(a), text);
    assert.equal(fc1.decrypt(b), text);
    assert.equal(fc1.decrypt(fc1.encrypt('')), '');
  });

  test('is genuinely SM4-CBC with an HMAC-SM3-derived key (independent decryption)', () => {
    const token = v1Only().encrypt('国密');
    const [, iv, ct] = token.split('.') as [string, string, string, string];
    const encKey = hmacSm3(k1, 'jiyue-field-enc-v1').subarray(0, 16);
    const d = createDecipheriv('sm4-cbc', encKey, Buffer.from(iv, 'base64url'));
    const pt = Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
    assert.equal(pt, '国密');
  });

  test('tampering with any part throws CryptoIntegrityError', () => {
    const c = v1v2();
    // Several blocks long, so an IV change alters the first block but not the padding:
    // only the MAC (not a padding error) can catch it.
    const secret = 'secret: 身份证号 320102199001011234';
    const token = c.encrypt(secret, 'row:42');
    for (const i of [1, 2, 3]) assert.throws(() => c.decrypt(tamperPart(token, i), 'row:42'), isIntegrityError);
    // Version switched to another key that exists: MAC covers the version.
    assert.throws(() => c.decrypt(token.replace(/^v2/, 'v1'), 'row:42'), isIntegrityError);
    // Structural damage.
    const malformed = [
      '', 'v2', token.slice(0, -1), `${token}.x`, token.replace(/^v2/, 'V2'), token.replace(/^v2/, 'v02'),
      token.replace(/^v2/, 'v-1'), `${token}=`, token.split('.').slice(0, 3).join('.'),
    ];
    for (const m of malformed) assert.throws(() => c.decrypt(m, 'row:42'), isIntegrityError, m);
    // A truncated ciphertext block (still valid base64url) is rejected too.
    const [v, iv, ct, mac] = token.split('.') as [string, string, string, string];
    const shortCt = Buffer.from(ct, 'base64url').subarray(0, 8).toString('base64url');
    assert.throws(() => c.decrypt([v, iv, shortCt, mac].join('.'), 'row:42'), isIntegrityError);
    assert.equal(c.decrypt(token, 'row:42'), secret);
  });

  test('AAD binds the ciphertext to its context', () => {
    const c = v1Only();
    const token = c.encrypt('13800138000', 'users.phone:7');
    assert.equal(c.decrypt(token, 'users.phone:7'), '13800138000');
    assert.throws(() => c.decrypt(token, 'users.phone:8'), isIntegrityError);
    assert.throws(() => c.decrypt(token), isIntegrityError);
    assert.throws(() => c.decrypt(c.encrypt('x'), 'users.phone:7'), isIntegrityError);
  });

  test('key rotation', () => {
    const old = v1Only();
    const t1 = old.encrypt('档案', 'aad');
    assert.ok(t1.startsWith('v1.'));
    assert.equal(old.needsRotation(t1), false);

    const rotated = v1v2();
    assert.equal(rotated.currentVersion, 2);
    assert.equal(rotated.decrypt(t1, 'aad'), '档案', 'old version still readable');
    assert.equal(rotated.needsRotation(t1), true);
    const t2 = rotated.rotate(t1, 'aad');
    assert.ok(t2.startsWith('v2.'));
    assert.equal(rotated.needsRotation(t2), false);
    assert.equal(rotated.decrypt(t2, 'aad'), '档案');
    assert.ok(rotated.encrypt('new').startsWith('v2.'));

    // The old instance does not know v2.
    assert.throws(() => old.decrypt(t2, 'aad'), isIntegrityError);
    assert.throws(() => old.decrypt(t2.replace(/^v2/, 'v9'), 'aad'), isIntegrityError);
  });

  test('a different master key cannot decrypt', () => {
    const token = v1Only().encrypt('x');
    const other = new FieldCipher({ current: 1, keys: new Map([[1, randomBytes(32)]]) });
    assert.throws(() => other.decrypt(token), isIntegrityError);
  });

  test('mutating the caller keyring afterwards has no effect', () => {
    const keys = new Map([[1, k1]]);
    const c = new FieldCipher({ current: 1, keys });
    const token = c.encrypt('x');
    keys.delete(1);
    assert.equal(c.decrypt(token), 'x');
  });

  test('constructor validates the keyring', () => {
    assert.throws(() => new FieldCipher({ current: 2, keys: new Map([[1, k1]]) }), RangeError);
    assert.throws(() => new FieldCipher({ current: 1, keys: new Map([[1, Buffer.alloc(16)]]) }), RangeError);
    assert.throws(() => new FieldCipher({ current: 0, keys: new Map([[0, k1]]) }), RangeError);
  });

  test('refuses ill-formed UTF-16 instead of silently corrupting it', () => {
    assert.throws(() => v1Only().encrypt('a\ud800b'), TypeError);
  });

  test('property: decrypt(encrypt(x)) === x for arbitrary Unicode strings and AAD', () => {
    const c = v1v2();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme' }), (x, aad) => {
        assert.equal(c.decrypt(c.encrypt(x, aad), aad), x);
      }),
      { numRuns: 300 },
    );
  });
});
