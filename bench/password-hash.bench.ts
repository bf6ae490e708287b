/**
 * Hash time at the default iterations: PBKDF2-HMAC-SM3 (what we store) against PBKDF2-HMAC-
 * SHA-256 at the same iterations, one hash at a time, interleaved round by round.
 */
import { pbkdf2, randomBytes } from 'node:crypto';
import { settings } from '../src/config/index.js';
import { hashPassword } from '../src/platform/crypto/index.js';
import type { BenchOptions, BenchResult } from './lib/figure.js';
import { median, timeMs } from './lib/stats.js';
import { BENCH_PASSWORD } from './lib/bench-server.js';

/** The shipped default of JIYUE_PASSWORD_ITERATIONS (not the operator's environment). */
export const DEFAULT_ITERATIONS = settings.passwordIterations.default;

export const HASH_GOAL_MS = { min: 60, max: 200 } as const;

function sha256Pbkdf2(iterations: number): Promise<Buffer> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) => {
    pbkdf2(BENCH_PASSWORD, salt, iterations, 32, 'sha256', (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Median ms of `samples` sequential PBKDF2-HMAC-SM3 hashes (through the real hashPassword). */
export async function sampleSm3HashMs(iterations: number, samples: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await timeMs(() => hashPassword(BENCH_PASSWORD, iterations)));
  return median(times);
}

/** CPU time (all threads of this process) in ms. */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * `concurrency` hashes always in flight (libuv's pool spreads them over the cores) for about
 * `seconds`: hashes per second, counted until the last one finishes so no work is cut off,
 * and the CPU time each took, which stays true when other processes take cores from us.
 */
export async function parallelHashes(iterations: number, concurrency: number, seconds: number): Promise<{ perSecond: number; cpuMsEach: number }> {
  const cpu0 = processCpuMs();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let done = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      await hashPassword(BENCH_PASSWORD, iterations);
      done++;
    }
  }));
  return { perSecond: done / ((performance.now() - start) / 1000), cpuMsEach: (processCpuMs() - cpu0) / done };
}

async function sampleSha256Ms(iterations: number, samples: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await timeMs(() => sha256Pbkdf2(iterations)));
  return median(times);
}

export async function benchPasswordHash(opts: BenchOptions): Promise<BenchResult> {
  const iterations = DEFAULT_ITERATIONS;
  const samples = opts.quick ? 2 : 3;
  // The first call pays for starting libuv's thread pool; keep it out of the figures.
  await sampleSm3HashMs(iterations, 1);
  await sampleSha256Ms(iterations, 1);
  const sm3: number[] = [];
  const sha: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    // Alternate which goes first so a drift in machine speed does not favour one side.
    let a: number;
    let b: number;
    if (round % 2 === 0) {
      a = await sampleSm3HashMs(iterations, samples);
      b = await sampleSha256Ms(iterations, samples);
    } else {
      b = await sampleSha256Ms(iterations, samples);
      a = await sampleSm3HashMs(iterations, samples);
    }
    sm3.push(a);
    sha.push(b);
    ratios.push(a / b);
    opts.log(`hash round ${round + 1}: SM3 ${a.toFixed(1)} ms, SHA-256 ${b.toFixed(1)} ms`);
  }
  const value = median(sm3);
  return {
    figures: [{
      name: `password hash, PBKDF2-HMAC-SM3 × ${iterations} (default)`,
      value, unit: 'ms',
      baseline: { value: median(sha), unit: 'ms', label: 'PBKDF2-SHA-256, same iterations' },
      ratio: median(ratios),
      goal: `${HASH_GOAL_MS.min}–${HASH_GOAL_MS.max} ms`,
      pass: value >= HASH_GOAL_MS.min && value <= HASH_GOAL_MS.max,
    }],
    notes: [`hash: one hash at a time, no server running, median of ${samples} hashes per round, ${opts.rounds} rounds`],
  };
}
