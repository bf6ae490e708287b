/**
 * SM3 hash (GB/T 32905-2016) and HMAC-SM3, backed by OpenSSL through node:crypto.
 *
 * OpenSSL's SM3 is used rather than a pure-JS one because it is an order of
 * magnitude faster and is the same primitive PBKDF2-SM3 runs on.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Strings are hashed as their UTF-8 bytes. */
export type BytesInput = string | Uint8Array;

export function sm3(data: BytesInput): Buffer {
  return createHash('sm3').update(data).digest();
}

export function sm3Hex(data: BytesInput): string {
  return sm3(data).toString('hex');
}

export function hmacSm3(key: BytesInput, data: BytesInput): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * Compares two hex strings without leaking where they differ. Inputs that are
 * not well-formed hex are treated as unequal instead of being decoded leniently
 * (Buffer.from(x, 'hex') silently stops at the first bad character, which
 * could make different strings compare equal).
 */
export function timingSafeEqualHex(a: string, b: string): boolean {
  if (a.length !== b.length || !HEX_RE.test(a) || !HEX_RE.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
