import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sm2 } from 'sm-crypto-v2';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from '../../src/platform/crypto/index.js';
import {
  decodeSm2SignatureDer,
  encodeSm2SignatureDer,
  SM2_N,
} from '../../src/platform/crypto/sm2-signature-der.js';

// Worked signature example on the recommended curve with the default user ID
// 1234567812345678 (GM/T 0003.5-2012 / GB/T 32918.5): message "message digest".
const VEC = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  pub:
    '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
    'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
  msg: 'message digest',
};

describe('SM2 signatures', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const message = '关于印发《政府网站发展指引》的通知';

  test('key pair shape', () => {
    assert.match(privateKey, /^[0-9a-f]{64}$/);
    assert.match(publicKey, /^04[0-9a-f]{128}$/);
    assert.equal(sm2.getPublicKeyFromPrivateKey(privateKey), publicKey);
  });

  test('sign/verify roundtrip (DER hex)', () => {
    const sig = sm2Sign(message, privateKey);
    assert.ok(decodeSm2SignatureDer(sig) !== undefined, 'signature is canonical DER');
    assert.equal(sm2Verify(message, sig, publicKey), true);
    assert.equal(sm2Verify(new TextEncoder().encode(message), sig, publicKey), true);
  });

  test('altered message fails', () => {
    const sig = sm2Sign(message, privateKey);
    assert.equal(sm2Verify(`${message} `, sig, publicKey), false);
  });

  test('wrong public key fails', () => {
    const sig = sm2Sign(message, privateKey);
    assert.equal(sm2Verify(message, sig, generateSm2KeyPair().publicKey), false);
  });

  test('altered or malformed signatures return false and never throw', () => {
    const sig = sm2Sign(message, privateKey);
    const flipped = (i: number): string =>
      sig.slice(0, i) + ((parseInt(sig[i] ?? '0', 16) ^ 1).toString(16)) + sig.slice(i + 1);
    for (let i = 0; i < sig.length; i++) {
      assert.equal(sm2Verify(message, flipped(i), publicKey), false, `flip at hex ${i}`);
    }
    const n = SM2_N.toString(16);
    const garbage = [
      '', 'zz', '30', '3000', '3006020100020100', '3006020101020101', sig + '00', sig.slice(0, -2),
      encodeSm2SignatureDer({ r: SM2_N, s: 1n }), // r out of range
      `3045022100${n}0220${'11'.repeat(32)}`,
      '3046022100' + '00'.repeat(32) + '022100' + 'ff'.repeat(32),
    ];
    for (const g of garbage) assert.equal(sm2Verify(message, g, publicKey), false, g);
    // Public key not on the curve / malformed.
    assert.equal(sm2Verify(message, sig, `04${'00'.repeat(64)}`), false);
    assert.equal(sm2Verify(message, sig, 'not-a-key'), false);
  });

  test('interoperates with sm-crypto-v2 using the GB/T 32918 default user ID', () => {
    const sig = sm2Sign(message, privateKey, publicKey);
    const opts = { hash: true, der: true };
    assert.equal(sm2.doVerifySignature(message, sig, publicKey, { ...opts, userId: '1234567812345678' }), true);
    assert.equal(sm2.doVerifySignature(message, sig, publicKey, { ...opts, userId: 'ALICE123@YAHOO.COM' }), false);
    // And the other direction: a library signature verifies through our API.
    const theirs = sm2.doSignature(message, privateKey, opts);
    assert.equal(sm2Verify(message, theirs, publicKey), true);
  });

  test('published example signature verifies through sm2Verify', () => {
    const der = encodeSm2SignatureDer({ r: BigInt(`0x${VEC.r}`), s: BigInt(`0x${VEC.s}`) });
    assert.equal(der, `3046022100${VEC.r}022100${VEC.s}`);
    assert.equal(sm2.getPublicKeyFromPrivateKey(VEC.d), VEC.pub);
    assert.equal(sm2Verify(VEC.msg, der, VEC.pub), true);
    assert.equal(sm2Verify('message digesT', der, VEC.pub), false);
  });

  test('published example signature is reproduced by the library with the example nonce k', () => {
    // x1 of kG is the x coordinate of the "public key" for scalar k.
    const x1 = BigInt(`0x${sm2.getPublicKeyFromPrivateKey(VEC.k).slice(2, 66)}`);
    const sig = sm2.doSignature(VEC.msg, VEC.d, {
      hash: true,
      der: false,
      pointPool: [{ k: BigInt(`0x${VEC.k}`), x1 }],
    });
    assert.equal(sig, VEC.r + VEC.s);
  });

  test('rejects invalid private keys', () => {
    assert.throws(() => sm2Sign('x', '00'.repeat(32)), RangeError);
    assert.throws(() => sm2Sign('x', (SM2_N - 1n).toString(16)), RangeError);
    assert.throws(() => sm2Sign('x', 'abc'), RangeError);
  });
});

describe('SM2 DER codec', () => {
  test('roundtrips and rejects non-minimal encodings', () => {
    const sig = { r: 1n, s: SM2_N - 1n };
    assert.deepEqual(decodeSm2SignatureDer(encodeSm2SignatureDer(sig)), sig);
    // r = 1 with a redundant leading zero byte.
    const nonMinimal = '3007020200010201' + '01';
    assert.equal(decodeSm2SignatureDer(nonMinimal), undefined);
    assert.deepEqual(decodeSm2SignatureDer('3006020101020101'), { r: 1n, s: 1n });
    // Negative integer, trailing bytes, wrong outer length.
    assert.equal(decodeSm2SignatureDer('3006020181020101'), undefined);
    assert.equal(decodeSm2SignatureDer('300602010102010100'), undefined);
    assert.equal(decodeSm2SignatureDer('3007020101020101'), undefined);
  });
});
