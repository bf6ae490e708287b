import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createChallenge, solveChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { altchaSolutionValid } from '../../src/modules/interaction/captcha-verify.js';

const secrets = { signature: 'a'.repeat(64), keySignature: 'b'.repeat(64) };

async function solved(counter: number): Promise<{ challenge: Challenge; solution: Solution }> {
  const challenge = await createChallenge({
    algorithm: 'SHA-256', cost: 1, counter, deriveKey,
    hmacSignatureSecret: secrets.signature, hmacKeySignatureSecret: secrets.keySignature, data: { exp: 1_900_000_000_000, site: '3200000001' },
  });
  const solution = await solveChallenge({ challenge, deriveKey });
  assert.ok(solution);
  return { challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } };
}

async function libraryVerdict(challenge: Challenge, solution: Solution): Promise<boolean> {
  try {
    const r = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: secrets.signature, hmacKeySignatureSecret: secrets.keySignature });
    return r.verified;
  } catch {
    return false;
  }
}

describe('interaction: ALTCHA verification with node:crypto', () => {
  it('agrees with altcha-lib on genuine and tampered payloads', async () => {
    const { challenge, solution } = await solved(37);
    const flipHex = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);
    const cases: { name: string; challenge: Challenge; solution: Solution; valid: boolean }[] = [
      { name: 'genuine', challenge, solution, valid: true },
      { name: 'derived key changed', challenge, solution: { ...solution, derivedKey: flipHex(solution.derivedKey) }, valid: false },
      { name: 'derived key upper-case', challenge, solution: { ...solution, derivedKey: solution.derivedKey.toUpperCase() }, valid: false },
      { name: 'derived key odd length', challenge, solution: { ...solution, derivedKey: solution.derivedKey.slice(1) }, valid: false },
      { name: 'counter negative', challenge, solution: { ...solution, counter: -1 }, valid: false },
      { name: 'signature changed', challenge: { ...challenge, signature: flipHex(challenge.signature ?? '') }, solution, valid: false },
      { name: 'expiry moved', challenge: { ...challenge, parameters: { ...challenge.parameters, data: { ...challenge.parameters.data, exp: 1_999_999_999_999 } } }, solution, valid: false },
      { name: 'key signature removed', challenge: { ...challenge, parameters: { ...challenge.parameters, keySignature: undefined } }, solution, valid: false },
    ];
    for (const c of cases) {
      assert.equal(altchaSolutionValid(secrets, c.challenge, c.solution), c.valid, c.name);
      assert.equal(await libraryVerdict(c.challenge, c.solution), c.valid, `altcha-lib on ${c.name}`);
    }
  });

  it('refuses a challenge signed with another secret', async () => {
    const { challenge, solution } = await solved(5);
    assert.equal(altchaSolutionValid({ ...secrets, signature: 'c'.repeat(64) }, challenge, solution), false);
    assert.equal(altchaSolutionValid({ ...secrets, keySignature: 'c'.repeat(64) }, challenge, solution), false);
  });

  it('does not throw on hostile shapes', () => {
    const odd = { parameters: { nonce: 1, toJSON: undefined, x: { y: [1, { z: null }] } }, signature: 'zz' } as unknown as Challenge;
    assert.equal(altchaSolutionValid(secrets, odd, { counter: 1, derivedKey: 'ab' }), false);
    assert.equal(altchaSolutionValid(secrets, { parameters: {} } as unknown as Challenge, { counter: 1, derivedKey: 'ab' }), false);
  });
});
