/**
 * TOTP second factor for administrators (RFC 6238 / RFC 4226). HMAC-SHA1 is
 * kept, not SM3, because every authenticator app on citizens' and staff's
 * phones only implements the RFC defaults.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.js';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const SECRET_BYTES = 20; // RFC 4226 recommends 160-bit secrets for SHA-1

export interface TotpVerifyResult {
  ok: boolean;
  /** Matched time step; persist the last accepted one and refuse steps <= it (replay). */
  step?: number;
}

export interface TotpUriOptions {
  secret: string;
  account: string;
  issuer?: string;
}

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

export function totpStep(timeMs: number): number {
  return Math.floor(timeMs / 1000 / TOTP_PERIOD_SECONDS);
}

function hotp(key: Buffer, counter: number, digits: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  // Dynamic truncation, RFC 4226 §5.3.
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function assertDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
    throw new RangeError('TOTP digits must be 6, 7 or 8');
  }
}

export function totpCode(secretBase32: string, timeMs: number, digits = TOTP_DIGITS): string {
  assertDigits(digits);
  return hotp(base32Decode(secretBase32), totpStep(timeMs), digits);
}

/**
 * Accepts codes from `window` steps either side of now to tolerate clock
 * drift. Never throws on bad user input (wrong length, letters): just not ok.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  timeMs: number,
  window = 1,
  digits = TOTP_DIGITS,
): TotpVerifyResult {
  assertDigits(digits);
  if (!Number.isInteger(window) || window < 0 || window > 10) {
    throw new RangeError('TOTP window must be an integer in 0..10');
  }
  const normalized = code.replace(/\s/g, '');
  if (normalized.length !== digits || !/^[0-9]+$/.test(normalized)) return { ok: false };
  const key = base32Decode(secretBase32);
  const given = Buffer.from(normalized);
  const now = totpStep(timeMs);
  let matched: number | undefined;
  // Every step in the window is checked (no early exit) so timing does not reveal which matched.
  for (let step = now - window; step <= now + window; step++) {
    if (step < 0) continue;
    const equal = timingSafeEqual(Buffer.from(hotp(key, step, digits)), given);
    if (equal && matched === undefined) matched = step;
  }
  return matched === undefined ? { ok: false } : { ok: true, step: matched };
}

/**
 * otpauth:// URI for the enrolment QR code (Google Authenticator key-URI
 * format). encodeURIComponent is used rather than URLSearchParams because the
 * latter encodes spaces as '+', which several authenticator apps show literally.
 */
export function totpUri({ secret, account, issuer = '集约' }: TotpUriOptions): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = [
    `secret=${encodeURIComponent(secret)}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ].join('&');
  return `otpauth://totp/${label}?${params}`;
}

/**
 * Crockford base32 alphabet, lowercase: no i, l, o, u, so codes read from
 * paper cannot be confused (0/o, 1/l/i). 8 chars ≈ 40 bits per code.
 */
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function generateRecoveryCodes(n = 10): string[] {
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new RangeError('recovery code count must be in 1..100');
  const codes = new Set<string>();
  while (codes.size < n) {
    let raw = '';
    for (let i = 0; i < 8; i++) raw += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    codes.add(`${raw.slice(0, 4)}-${raw.slice(4)}`);
  }
  return [...codes];
}

/**
 * Canonical form of a user-typed recovery code (case, spaces, missing hyphen,
 * and the Crockford look-alikes o→0, i/l→1), or undefined if it cannot be one.
 */
export function normalizeRecoveryCode(input: string): string | undefined {
  const raw = input
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  if (!/^[0-9a-hjkmnp-tv-z]{8}$/.test(raw)) return undefined;
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}
