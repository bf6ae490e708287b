/**
 * Password hashing with PBKDF2-HMAC-SM3 (RFC 8018 PBKDF2 over the national
 * hash, as required for 等保/密评 compliance where SHA-2 based schemes are not
 * accepted).
 *
 * Stored format: `pbkdf2-sm3$<iterations>$<saltB64>$<hashB64>`. The iteration
 * count travels with each hash so the configured cost can be raised later and
 * old hashes still verify (then get upgraded via needsRehash on next login).
 */
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const SCHEME = 'pbkdf2-sm3';
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Below this, PBKDF2 gives almost no protection; refuse rather than silently store weak hashes. */
export const MIN_PASSWORD_ITERATIONS = 1_000;
/** Caps the work a corrupted or hostile stored string can make verifyPassword do. */
export const MAX_PASSWORD_ITERATIONS = 50_000_000;

interface ParsedHash {
  iterations: number;
  salt: Buffer;
  hash: Buffer;
}

const B64_RE = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeBase64Strict(s: string): Buffer | undefined {
  if (!B64_RE.test(s)) return undefined;
  const bytes = Buffer.from(s, 'base64');
  // Non-canonical encodings are rejected so a stored hash has exactly one spelling.
  return bytes.toString('base64') === s ? bytes : undefined;
}

function assertIterations(iterations: number): void {
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < MIN_PASSWORD_ITERATIONS ||
    iterations > MAX_PASSWORD_ITERATIONS
  ) {
    throw new RangeError(
      `password hash iterations must be an integer in ${MIN_PASSWORD_ITERATIONS}..${MAX_PASSWORD_ITERATIONS}`,
    );
  }
}

/**
 * Passwords are NFC-normalised so the same password typed through different
 * input methods / operating systems (composed vs decomposed forms) matches.
 */
function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFC'), 'utf8');
}

/** Raw PBKDF2-HMAC-SM3. Async so the work runs on libuv's thread pool, not the event loop. */
export function pbkdf2Sm3(
  password: string | Uint8Array,
  salt: Uint8Array,
  iterations: number,
  keyLength: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password, salt, iterations, keyLength, 'sm3', (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

function parse(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 4) return undefined;
  const [scheme, iterText, saltText, hashText] = parts;
  if (scheme !== SCHEME || iterText === undefined || saltText === undefined || hashText === undefined) {
    return undefined;
  }
  // Digits only, no leading zeros: keeps the string canonical and rejects "1e6", "+5", etc.
  if (!/^[1-9][0-9]{0,9}$/.test(iterText)) return undefined;
  const iterations = Number(iterText);
  if (iterations < MIN_PASSWORD_ITERATIONS || iterations > MAX_PASSWORD_ITERATIONS) return undefined;
  const salt = decodeBase64Strict(saltText);
  const hash = decodeBase64Strict(hashText);
  if (salt === undefined || hash === undefined) return undefined;
  if (salt.length < SALT_BYTES || hash.length !== HASH_BYTES) return undefined;
  return { iterations, salt, hash };
}

export async function hashPassword(password: string, iterations: number): Promise<string> {
  assertIterations(iterations);
  const salt = randomBytes(SALT_BYTES);
  const hash = await pbkdf2Sm3(passwordBytes(password), salt, iterations, HASH_BYTES);
  return `${SCHEME}$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Returns false (never throws) for a wrong password or a malformed/tampered
 * stored string, so login code has a single failure path.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (parsed === undefined) return false;
  const candidate = await pbkdf2Sm3(passwordBytes(password), parsed.salt, parsed.iterations, HASH_BYTES);
  return timingSafeEqual(candidate, parsed.hash);
}

/**
 * True when the stored hash should be replaced (after a successful login) because
 * it is unparseable or was made with a different cost than currently configured.
 */
export function needsRehash(stored: string, iterations: number): boolean {
  const parsed = parse(stored);
  return parsed === undefined || parsed.iterations !== iterations || parsed.salt.length !== SALT_BYTES;
}

export interface CalibrateOptions {
  /** Iterations used for each timing sample. */
  sampleIterations?: number;
  /** Samples taken; the fastest is used to reduce noise from a busy machine. */
  samples?: number;
}

/**
 * Estimates the iteration count that takes about `targetMs` on this machine,
 * rounded to a multiple of 1000. Used by the benchmark / deployment docs to
 * pick a value for the password cost setting.
 */
export async function calibrateIterations(targetMs: number, options: CalibrateOptions = {}): Promise<number> {
  if (!(targetMs > 0) || !Number.isFinite(targetMs)) {
    throw new RangeError('calibrateIterations: targetMs must be a positive number');
  }
  const sampleIterations = options.sampleIterations ?? 20_000;
  const samples = options.samples ?? 3;
  const salt = randomBytes(SALT_BYTES);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await pbkdf2Sm3('calibration-password', salt, sampleIterations, HASH_BYTES);
    best = Math.min(best, performance.now() - start);
  }
  const perMs = sampleIterations / Math.max(best, 0.001);
  const estimate = Math.round((perMs * targetMs) / 1000) * 1000;
  return Math.min(MAX_PASSWORD_ITERATIONS, Math.max(MIN_PASSWORD_ITERATIONS, estimate));
}
