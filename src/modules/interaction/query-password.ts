import { timingSafeEqual } from 'node:crypto';
import { hmacSm3, verifyPassword } from '../../platform/crypto/index.js';

/**
 * The query password's stored form: HMAC-SM3 under a key derived from the platform's secrets,
 * bound to the letter's query code (a value copied to another row does not match).
 *
 * Why not the platform's PBKDF2 (190,000 rounds, ~0.2 s of CPU)? Stretching protects passwords
 * people choose, which are guessable, from whoever copies the database. This password is drawn
 * at random by us (8 of 31 characters), and the key is not in the database: without it a copy
 * of the table allows no guessing at all, and whoever has the key can already open the personal
 * data it would protect. Online guessing is stopped by the look-up throttle and lock-out. The
 * stretch only cost every letter a fifth of a CPU-second, capping receipts at a few per second
 * per core. Rows stored earlier in the PBKDF2 form still verify.
 */
const SCHEME = 'hmac-sm3';

export function queryPasswordKey(sessionSecret: Buffer): Buffer {
  return hmacSm3(sessionSecret, 'jiyue-letter-query-password');
}

function mac(key: Buffer, queryCode: string, password: string): Buffer {
  return hmacSm3(key, `${queryCode}\u0000${password}`);
}

export function hashQueryPassword(key: Buffer, queryCode: string, password: string): string {
  return `${SCHEME}$${mac(key, queryCode, password).toString('base64')}`;
}

/** False (never throws) for a wrong password or a malformed stored value. */
export async function verifyQueryPassword(key: Buffer, queryCode: string, password: string, stored: string): Promise<boolean> {
  if (!stored.startsWith(`${SCHEME}$`)) return verifyPassword(password, stored);
  const expected = Buffer.from(stored.slice(SCHEME.length + 1), 'base64');
  const actual = mac(key, queryCode, password);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
