import crypto from 'node:crypto';
import type { Challenge, Solution } from 'altcha-lib';

/*
 * ALTCHA v2 verification done with node:crypto, synchronously. altcha-lib's verifySolution does
 * the same two HMAC-SHA-256 checks through WebCrypto, whose async jobs (importKey, then sign)
 * cost more than the letter's database work: about a seventh of a letter's server time in the
 * letters benchmark's profile. The wire format is altcha-lib's: a test checks that both agree.
 */

const HEX_BYTES = /^(?:[0-9a-f]{2})+$/;
const MAX_COUNTER = 0xffff_ffff;

/** altcha-lib's canonical JSON: keys sorted at every depth, undefined members dropped. */
function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(obj).sort().flatMap((k) => (obj[k] === undefined ? [] : [[k, sortKeys(obj[k])]])));
}

function hmacHex(secret: string, data: string | Buffer): string {
  return crypto.createHmac('sha256', secret).update(data).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * True when the challenge carries our signature and the solution's derived key carries our key
 * signature. Challenges issued here always have a key signature (issueChallenge passes the key
 * secret), so a challenge without one is not ours and fails.
 */
export function altchaSolutionValid(secrets: { readonly signature: string; readonly keySignature: string }, challenge: Challenge, solution: Solution): boolean {
  if (typeof challenge.signature !== 'string') return false;
  let canonical: string;
  try {
    canonical = JSON.stringify(sortKeys(challenge.parameters));
  } catch {
    return false;
  }
  if (!sameText(challenge.signature, hmacHex(secrets.signature, canonical))) return false;
  const keySignature = (challenge.parameters as { keySignature?: unknown }).keySignature;
  if (typeof keySignature !== 'string') return false;
  if (typeof solution.derivedKey !== 'string' || !HEX_BYTES.test(solution.derivedKey)) return false;
  if (!Number.isInteger(solution.counter) || solution.counter < 0 || solution.counter > MAX_COUNTER) return false;
  return sameText(keySignature, hmacHex(secrets.keySignature, Buffer.from(solution.derivedKey, 'hex')));
}
