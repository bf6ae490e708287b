import { randomBytes } from 'node:crypto';

/** Upper bound only guards against accidental huge allocations from bad config. */
const MAX_TOKEN_BYTES = 1024;

/** Unpredictable URL-safe token (session ids, CSRF tokens, reset links). */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > MAX_TOKEN_BYTES) {
    throw new RangeError(`randomToken: bytes must be an integer in 1..${MAX_TOKEN_BYTES}`);
  }
  return randomBytes(bytes).toString('base64url');
}
