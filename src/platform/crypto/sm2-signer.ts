/**
 * SM2 digital signatures (GB/T 32918.2) via sm-crypto-v2. Node's own SM2
 * support does not compute Z_A the way the standard does, so its signatures
 * do not interoperate with other national-crypto implementations.
 *
 * Signatures are DER hex and always use the standard default user ID, which
 * is what third-party verifiers (CA tools, 密评 checkers) assume.
 */
import { sm2 } from 'sm-crypto-v2';
import { decodeSm2SignatureDer, SM2_N } from './sm2-signature-der.js';

export const SM2_DEFAULT_USER_ID = '1234567812345678';

export interface Sm2KeyPair {
  /** 64 hex chars */
  privateKey: string;
  /** uncompressed point, 130 hex chars starting with 04 */
  publicKey: string;
}

const PRIVATE_KEY_RE = /^[0-9a-fA-F]{64}$/;
const PUBLIC_KEY_RE = /^04[0-9a-fA-F]{128}$/;

/** GB/T 32918.1 requires d in [1, n-2] (d+1 must be invertible mod n). */
export function isValidSm2PrivateKey(privateKeyHex: string): boolean {
  if (!PRIVATE_KEY_RE.test(privateKeyHex)) return false;
  const d = BigInt(`0x${privateKeyHex}`);
  return d >= 1n && d <= SM2_N - 2n;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  // generateKeyPairHex can in theory yield n-1 (invalid for signing); loop is almost never taken.
  for (;;) {
    const { privateKey, publicKey } = sm2.generateKeyPairHex();
    if (isValidSm2PrivateKey(privateKey)) return { privateKey, publicKey };
  }
}

export function sm2PublicKeyFromPrivate(privateKeyHex: string): string {
  if (!isValidSm2PrivateKey(privateKeyHex)) throw new RangeError('invalid SM2 private key');
  return sm2.getPublicKeyFromPrivateKey(privateKeyHex.toLowerCase());
}

/**
 * Signs the UTF-8 bytes of `message` (SM3 with Z_A). Passing the public key,
 * when known, saves a scalar multiplication per signature.
 */
export function sm2Sign(message: string | Uint8Array, privateKeyHex: string, publicKeyHex?: string): string {
  if (!isValidSm2PrivateKey(privateKeyHex)) throw new RangeError('invalid SM2 private key');
  return sm2.doSignature(message, privateKeyHex.toLowerCase(), {
    hash: true,
    der: true,
    userId: SM2_DEFAULT_USER_ID,
    publicKey: publicKeyHex ?? sm2PublicKeyFromPrivate(privateKeyHex),
  });
}

/** Never throws: any malformed input is simply "not a valid signature". */
export function sm2Verify(message: string | Uint8Array, signatureHex: string, publicKeyHex: string): boolean {
  if (!PUBLIC_KEY_RE.test(publicKeyHex)) return false;
  const sig = decodeSm2SignatureDer(signatureHex);
  if (sig === undefined) return false;
  const raw = sig.r.toString(16).padStart(64, '0') + sig.s.toString(16).padStart(64, '0');
  try {
    return sm2.doVerifySignature(message, raw, publicKeyHex.toLowerCase(), {
      hash: true,
      der: false,
      userId: SM2_DEFAULT_USER_ID,
    });
  } catch {
    // e.g. a public key that is not on the curve
    return false;
  }
}
