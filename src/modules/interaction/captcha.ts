import { createChallenge, randomInt, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Db } from '../../db/index.js';
import { hmacSm3 } from '../../platform/crypto/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { altchaSolutionValid } from './captcha-verify.js';
import { InteractionErrors } from './errors.js';

/** HMAC secrets of the challenges, derived from the platform key: every process agrees, nothing to configure. */
export interface CaptchaSecrets {
  readonly signature: string;
  readonly keySignature: string;
}

export function captchaSecrets(root: Buffer): CaptchaSecrets {
  return { signature: hmacSm3(root, 'jiyue-captcha-signature').toString('hex'), keySignature: hmacSm3(root, 'jiyue-captcha-key').toString('hex') };
}

/** How long a challenge may be solved and submitted. */
export const CAPTCHA_TTL_MS = 10 * 60_000;
/*
 * The solver tries SHA-256 over counters from 0 up to a secret one: 5,000–20,000 hashes, well
 * under a second in a browser, and a cost for anyone sending letters by the thousand.
 */
const COUNTER_MIN = 5_000;
const COUNTER_MAX = 20_000;

/**
 * A new ALTCHA challenge (protocol v2, SHA-256). Expiry travels in the signed `data.exp` rather
 * than altcha's own `expiresAt`, so it is measured on the platform clock like everything else.
 * altcha-lib's randomInt takes (max, min).
 */
export async function issueChallenge(secrets: CaptchaSecrets, now: number): Promise<Challenge> {
  return createChallenge({
    algorithm: 'SHA-256', cost: 1, counter: randomInt(COUNTER_MAX, COUNTER_MIN), deriveKey,
    hmacSignatureSecret: secrets.signature, hmacKeySignatureSecret: secrets.keySignature, data: { exp: now + CAPTCHA_TTL_MS },
  });
}

/** A verified, not yet spent solution: its challenge's id and when it expires. */
export interface VerifiedCaptcha {
  readonly id: string;
  readonly expiresAt: number;
}

function parsePayload(payload: string): { challenge: Challenge; solution: Solution } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  const p = parsed as { challenge?: { parameters?: unknown; signature?: unknown }; solution?: { counter?: unknown; derivedKey?: unknown } } | null;
  if (!p || typeof p !== 'object' || !p.challenge || typeof p.challenge.parameters !== 'object' || p.challenge.parameters === null
    || typeof p.challenge.signature !== 'string' || !p.solution || typeof p.solution.counter !== 'number' || typeof p.solution.derivedKey !== 'string') return null;
  return parsed as { challenge: Challenge; solution: Solution };
}

/**
 * Checks an ALTCHA payload (base64 JSON `{challenge, solution}`, as the widget submits it):
 * signed by us, solved, not expired. Whether it was already used is `spendCaptcha`'s job,
 * inside the transaction that uses it.
 */
export async function checkCaptcha(secrets: CaptchaSecrets, payload: string | undefined, now: number): Promise<VerifiedCaptcha> {
  if (!payload) throw new AppError(InteractionErrors['interaction.captcha.missing']);
  const parsed = parsePayload(payload);
  if (!parsed) throw new AppError(InteractionErrors['interaction.captcha.invalid']);
  if (!altchaSolutionValid(secrets, parsed.challenge, parsed.solution)) throw new AppError(InteractionErrors['interaction.captcha.invalid']);
  const exp = parsed.challenge.parameters.data?.exp;
  if (typeof exp !== 'number' || exp < now) throw new AppError(InteractionErrors['interaction.captcha.expired']);
  return { id: parsed.challenge.signature ?? '', expiresAt: exp };
}

/** Records the challenge as spent (a replay is refused); forgets challenges that have expired anyway. */
export async function spendCaptcha(trx: Db, captcha: VerifiedCaptcha, now: number): Promise<void> {
  const spent = await spendCaptchas(trx, [captcha], now);
  if (!spent.has(captchaKey(captcha))) throw new AppError(InteractionErrors['interaction.captcha.used']);
}

const SWEEP_EVERY_MS = 60_000;
let lastSweep = Number.NEGATIVE_INFINITY;

/** The stored form of a challenge's id (the column holds 64 characters). */
export function captchaKey(captcha: VerifiedCaptcha): string {
  return captcha.id.slice(0, 64);
}

/**
 * Records several challenges as spent in one statement and returns the keys (captchaKey) it
 * recorded now: a key missing from the answer was spent before (a replay). The captchas must be
 * distinct. Forgets challenges that have expired anyway.
 */
export async function spendCaptchas(trx: Db, captchas: readonly VerifiedCaptcha[], now: number): Promise<Set<string>> {
  // Expired challenges are refused by checkCaptcha anyway, so their rows only take room: sweep
  // them once a minute (by platform time), not on every letter.
  if (!(now - lastSweep < SWEEP_EVERY_MS && now >= lastSweep)) {
    await trx.deleteFrom('captcha_uses').where('expires_at', '<', now).execute();
    lastSweep = now;
  }
  if (captchas.length === 0) return new Set();
  const rows = await trx.insertInto('captcha_uses').values(captchas.map((c) => ({ challenge_id: captchaKey(c), expires_at: c.expiresAt })))
    .onConflict((oc) => oc.column('challenge_id').doNothing()).returning('challenge_id').execute();
  return new Set(rows.map((r) => r.challenge_id));
}
