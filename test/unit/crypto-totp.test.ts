import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  generateRecoveryCodes,
  generateTotpSecret,
  normalizeRecoveryCode,
  randomToken,
  totpCode,
  totpUri,
  verifyTotp,
} from '../../src/platform/crypto/index.js';
import { base32Decode, base32Encode } from '../../src/platform/crypto/base32.js';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

describe('base32 (RFC 4648 §10 vectors)', () => {
  const vectors: Array<[string, string]> = [
    ['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI'],
  ];
  for (const [plain, encoded] of vectors) {
    test(`"${plain}"`, () => {
      assert.equal(base32Encode(Buffer.from(plain)), encoded);
      assert.equal(base32Decode(encoded).toString(), plain);
      assert.equal(base32Decode(`${encoded.toLowerCase()}======`).toString(), plain);
    });
  }
  test('rejects invalid characters', () => assert.throws(() => base32Decode('MZ1W'), TypeError));
});

describe('TOTP (RFC 6238 Appendix B, SHA-1)', () => {
  test('secret is the expected base32', () => {
    assert.equal(RFC_SECRET, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  const vectors: Array<[number, string]> = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  for (const [seconds, code] of vectors) {
    test(`T=${seconds}s → ${code}`, () => {
      assert.equal(totpCode(RFC_SECRET, seconds * 1000, 8), code);
      // 6 digits is the same truncated value mod 10^6.
      assert.equal(totpCode(RFC_SECRET, seconds * 1000), code.slice(2));
      assert.deepEqual(verifyTotp(RFC_SECRET, code, seconds * 1000, 0, 8), {
        ok: true,
        step: Math.floor(seconds / 30),
      });
    });
  }
});

describe('verifyTotp', () => {
  const secret = generateTotpSecret();
  const now = 1_700_000_000_000;
  const step = Math.floor(now / 30_000);

  test('generated secret is 20 bytes of base32', () => {
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.equal(base32Decode(secret).length, 20);
  });

  test('accepts the current code and reports its step', () => {
    assert.deepEqual(verifyTotp(secret, totpCode(secret, now), now), { ok: true, step });
    assert.deepEqual(verifyTotp(secret, ` ${totpCode(secret, now).replace(/(\d{3})/, '$1 ')}`, now), { ok: true, step });
  });

  test('window tolerates one step of drift either side, not more', () => {
    assert.deepEqual(verifyTotp(secret, totpCode(secret, now - 30_000), now), { ok: true, step: step - 1 });
    assert.deepEqual(verifyTotp(secret, totpCode(secret, now + 30_000), now), { ok: true, step: step + 1 });
    assert.equal(verifyTotp(secret, totpCode(secret, now - 60_000), now).ok, false);
    assert.equal(verifyTotp(secret, totpCode(secret, now - 30_000), now, 0).ok, false);
    assert.equal(verifyTotp(secret, totpCode(secret, now - 60_000), now, 2).ok, true);
  });

  test('wrong or malformed codes are rejected without throwing', () => {
    const code = totpCode(secret, now);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (const c of [wrong, '', '12345', '1234567', 'abcdef', `${code}0`, '１２３４５６']) {
      assert.equal(verifyTotp(secret, c, now).ok, false, c);
    }
  });
});

describe('totpUri', () => {
  test('otpauth URI with URL-encoded Chinese issuer and account', () => {
    const uri = totpUri({ secret: 'JBSWY3DPEHPK3PXP', account: '张三@jiyue.gov.cn' });
    assert.equal(
      uri,
      'otpauth://totp/%E9%9B%86%E7%BA%A6:%E5%BC%A0%E4%B8%89%40jiyue.gov.cn' +
        '?secret=JBSWY3DPEHPK3PXP&issuer=%E9%9B%86%E7%BA%A6&algorithm=SHA1&digits=6&period=30',
    );
    const parsed = new URL(uri);
    assert.equal(parsed.protocol, 'otpauth:');
    assert.equal(parsed.searchParams.get('issuer'), '集约');
    assert.ok(!totpUri({ secret: 'A', account: 'a b', issuer: 'X Y' }).includes('+'));
  });
});

describe('recovery codes', () => {
  test('format, unambiguous alphabet, uniqueness', () => {
    const codes = generateRecoveryCodes();
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const c of codes) {
      assert.match(c, /^[0-9a-z]{4}-[0-9a-z]{4}$/);
      assert.doesNotMatch(c, /[ilou]/);
    }
    assert.equal(generateRecoveryCodes(3).length, 3);
  });

  test('normalizeRecoveryCode folds case, spacing and look-alikes', () => {
    const [code] = generateRecoveryCodes(1);
    assert.ok(code !== undefined);
    assert.equal(normalizeRecoveryCode(code.toUpperCase().replace('-', ' ')), code);
    assert.equal(normalizeRecoveryCode('O1IL-abcd'), '0111-abcd');
    assert.equal(normalizeRecoveryCode('abcd-efg'), undefined);
    assert.equal(normalizeRecoveryCode('abcd-efgu'), undefined);
  });
});

describe('randomToken', () => {
  test('base64url of the requested length, unique', () => {
    assert.match(randomToken(), /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(randomToken(16), 'base64url').length, 16);
    assert.notEqual(randomToken(), randomToken());
    assert.throws(() => randomToken(0), RangeError);
  });
});
