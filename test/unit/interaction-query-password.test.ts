import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { hashPassword, hmacSm3 } from '../../src/platform/crypto/index.js';
import { hashQueryPassword, queryPasswordKey, verifyQueryPassword } from '../../src/modules/interaction/query-password.js';

describe('interaction: the stored form of query passwords', () => {
  const key = queryPasswordKey(randomBytes(32));

  test('HMAC-SM3 of code and password under the derived key; the right password verifies, others do not', async () => {
    const stored = hashQueryPassword(key, '20261127123456', 'ABCD2345');
    const expected = hmacSm3(key, '20261127123456\u0000ABCD2345').toString('base64');
    assert.equal(stored, `hmac-sm3$${expected}`);
    assert.ok(!stored.includes('ABCD2345'));
    assert.equal(await verifyQueryPassword(key, '20261127123456', 'ABCD2345', stored), true);
    assert.equal(await verifyQueryPassword(key, '20261127123456', 'ABCD2346', stored), false);
  });

  test('bound to the letter and the key: copied to another code, or checked under another key, it fails', async () => {
    const stored = hashQueryPassword(key, '20261127123456', 'ABCD2345');
    assert.equal(await verifyQueryPassword(key, '20261127654321', 'ABCD2345', stored), false);
    assert.equal(await verifyQueryPassword(queryPasswordKey(randomBytes(32)), '20261127123456', 'ABCD2345', stored), false);
  });

  test('rows stored in the earlier PBKDF2 form still verify; malformed values are a plain no', async () => {
    const legacy = await hashPassword('ABCD2345', 1000);
    assert.equal(await verifyQueryPassword(key, '20261127123456', 'ABCD2345', legacy), true);
    assert.equal(await verifyQueryPassword(key, '20261127123456', 'WRONG234', legacy), false);
    for (const bad of ['', 'hmac-sm3$', 'hmac-sm3$!!!', 'hmac-sm3$AAAA', 'pbkdf2$x']) {
      assert.equal(await verifyQueryPassword(key, '20261127123456', 'ABCD2345', bad), false, bad);
    }
  });
});
