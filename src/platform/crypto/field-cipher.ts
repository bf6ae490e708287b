/**
 * Authenticated encryption of individual database fields (ID card numbers,
 * phone numbers, …) with national algorithms: SM4-CBC + HMAC-SM3,
 * encrypt-then-MAC. Node/OpenSSL has no SM4-GCM, and composing CBC with a MAC
 * over the ciphertext gives the same integrity guarantee using primitives
 * OpenSSL does provide.
 *
 * Token: `v<version>.<iv>.<ciphertext>.<mac>` (base64url parts). The version
 * selects the master key so keys can be rotated while old rows stay readable.
 */
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeBase64UrlStrict } from './base64url.js';
import { CryptoIntegrityError } from './crypto-integrity-error.js';
import { hmacSm3 } from './sm3.js';

export interface FieldKeyring {
  current: number;
  /** version → 32-byte master key */
  keys: ReadonlyMap<number, Buffer>;
}

interface DerivedKeys {
  enc: Buffer;
  mac: Buffer;
}

export const FIELD_MASTER_KEY_BYTES = 32;
const IV_BYTES = 16;
const MAC_BYTES = 32;
const BLOCK_BYTES = 16;
// Distinct labels give independent encryption and MAC keys from one master.
const ENC_LABEL = 'jiyue-field-enc-v1';
const MAC_LABEL = 'jiyue-field-mac-v1';
const VERSION_RE = /^v([1-9][0-9]{0,8})$/;
// A lone surrogate cannot be encoded as UTF-8; it would decrypt to U+FFFD instead of the input.
const LONE_SURROGATE_RE = /\p{Cs}/u;

interface ParsedToken {
  version: number;
  iv: Buffer;
  ct: Buffer;
  mac: Buffer;
}

function isValidVersion(v: number): boolean {
  return Number.isSafeInteger(v) && v >= 1 && v <= 999_999_999;
}

function parseVersion(token: string): number {
  const dot = token.indexOf('.');
  const match = VERSION_RE.exec(dot === -1 ? token : token.slice(0, dot));
  if (match?.[1] === undefined) throw new CryptoIntegrityError('malformed encrypted field');
  return Number(match[1]);
}

function parseToken(token: string): ParsedToken {
  const parts = token.split('.');
  if (parts.length !== 4) throw new CryptoIntegrityError('malformed encrypted field');
  const version = parseVersion(token);
  const iv = decodeBase64UrlStrict(parts[1] ?? '');
  const ct = decodeBase64UrlStrict(parts[2] ?? '');
  const mac = decodeBase64UrlStrict(parts[3] ?? '');
  if (
    iv?.length !== IV_BYTES ||
    ct === undefined ||
    ct.length === 0 ||
    ct.length % BLOCK_BYTES !== 0 ||
    mac?.length !== MAC_BYTES
  ) {
    throw new CryptoIntegrityError('malformed encrypted field');
  }
  return { version, iv, ct, mac };
}

/**
 * MAC input is unambiguous: fixed-width version and IV, length-prefixed
 * ciphertext, then the AAD as the remainder — so no two (ct, aad) splits
 * produce the same bytes.
 */
function macInput(version: number, iv: Buffer, ct: Buffer, aad: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(version, 0);
  header.writeUInt32BE(ct.length, 4);
  return Buffer.concat([header.subarray(0, 4), iv, header.subarray(4), ct, aad]);
}

export class FieldCipher {
  readonly #current: number;
  readonly #keys = new Map<number, DerivedKeys>();

  constructor(keyring: FieldKeyring) {
    // Keys are derived (and the ring copied) up front so later mutation of the
    // caller's Map cannot change what this instance decrypts with.
    for (const [version, master] of keyring.keys) {
      if (!isValidVersion(version)) throw new RangeError(`invalid field key version ${version}`);
      if (master.length !== FIELD_MASTER_KEY_BYTES) {
        throw new RangeError(`field key v${version} must be ${FIELD_MASTER_KEY_BYTES} bytes`);
      }
      this.#keys.set(version, {
        enc: hmacSm3(master, ENC_LABEL).subarray(0, 16),
        mac: hmacSm3(master, MAC_LABEL),
      });
    }
    if (!this.#keys.has(keyring.current)) {
      throw new RangeError(`current field key version ${keyring.current} is not in the keyring`);
    }
    this.#current = keyring.current;
  }

  get currentVersion(): number {
    return this.#current;
  }

  encrypt(plaintext: string, aad = ''): string {
    if (LONE_SURROGATE_RE.test(plaintext)) {
      throw new TypeError('FieldCipher.encrypt: plaintext is not well-formed Unicode');
    }
    const version = this.#current;
    const keys = this.#keysFor(version);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('sm4-cbc', keys.enc, iv);
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const mac = hmacSm3(keys.mac, macInput(version, iv, ct, Buffer.from(aad, 'utf8')));
    return `v${version}.${iv.toString('base64url')}.${ct.toString('base64url')}.${mac.toString('base64url')}`;
  }

  /** Verifies the MAC (constant time) before any decryption is attempted. */
  decrypt(token: string, aad = ''): string {
    const { version, iv, ct, mac } = parseToken(token);
    const keys = this.#keysFor(version);
    const expected = hmacSm3(keys.mac, macInput(version, iv, ct, Buffer.from(aad, 'utf8')));
    if (!timingSafeEqual(expected, mac)) {
      throw new CryptoIntegrityError('encrypted field failed authentication');
    }
    try {
      const decipher = createDecipheriv('sm4-cbc', keys.enc, iv);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      // Only reachable if someone holding the MAC key produced bad padding.
      throw new CryptoIntegrityError('encrypted field failed to decrypt');
    }
  }

  /** Re-encrypts under the current key version (for background re-keying jobs). */
  rotate(token: string, aad = ''): string {
    return this.encrypt(this.decrypt(token, aad), aad);
  }

  /** Cheap check (no crypto) whether a stored token was written with an older key. */
  needsRotation(token: string): boolean {
    return parseVersion(token) !== this.#current;
  }

  #keysFor(version: number): DerivedKeys {
    const keys = this.#keys.get(version);
    if (keys === undefined) throw new CryptoIntegrityError(`unknown field key version v${version}`);
    return keys;
  }
}
