/**
 * Logins per second at the default iterations, against what the hash alone allows:
 * cores × 1000 / (ms per hash). Each round measures the hash on the idle server, then runs
 * the login load, so baseline and subject are interleaved.
 */
import type { BenchOptions, BenchResult } from './lib/figure.js';
import { BENCH_PASSWORD, createBenchUsers, startBenchServer } from './lib/bench-server.js';
import { pinThisProcess } from './lib/cpu-pinning.js';
import { loadProblems, runLoad } from './lib/run-load.js';
import { median } from './lib/stats.js';
import { DEFAULT_ITERATIONS, sampleSm3HashMs } from './password-hash.bench.js';

export const LOGIN_GOAL_RATIO = 0.7;
const USERS = 64;

export async function benchLogin(opts: BenchOptions): Promise<BenchResult> {
  const { cpu } = opts;
  // Hashing runs on libuv's pool, which may use every core: the server is not pinned here.
  pinThisProcess(cpu, cpu.allCpus);
  const server = await startBenchServer('sqlite');
  try {
    if (server.platform.config.passwordIterations !== DEFAULT_ITERATIONS) throw new Error('bench server does not use the default iterations');
    const users = await createBenchUsers(server.platform, { count: USERS, password: BENCH_PASSWORD });
    const bodies = users.map((username) => JSON.stringify({ username, password: BENCH_PASSWORD }));
    const connections = 4 * cpu.cores;
    const rps: number[] = [];
    const maxes: number[] = [];
    const ratios: number[] = [];
    const problems: string[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      const hashMs = await sampleSm3HashMs(DEFAULT_ITERATIONS, 3);
      const max = (cpu.cores * 1000) / hashMs;
      const [result] = await runLoad(cpu, [{
        label: `login round ${round + 1}`, url: `${server.url}/api/v1/auth/login`, method: 'POST', bodies,
        connections, durationSec: opts.quick ? 3 : 8, warmupSec: 1,
      }]);
      if (!result) throw new Error('load generator returned nothing');
      problems.push(...loadProblems([result]));
      rps.push(result.rps);
      maxes.push(max);
      ratios.push(result.rps / max);
      opts.log(`login round ${round + 1}: ${result.rps.toFixed(1)} logins/s, hash ${hashMs.toFixed(1)} ms → max ${max.toFixed(1)}/s`);
    }
    const ratio = median(ratios);
    return {
      figures: [{
        name: `POST /api/v1/auth/login [sqlite, ${cpu.cores} cores]`,
        value: median(rps), unit: 'req/s',
        baseline: { value: median(maxes), unit: 'req/s', label: `max = ${cpu.cores} cores × 1000 / hash ms` },
        ratio, goal: `ratio ≥ ${LOGIN_GOAL_RATIO}`,
        pass: problems.length === 0 && ratio >= LOGIN_GOAL_RATIO,
      }],
      notes: [
        `login: ${USERS} editors without 2FA (no lockout, no TOTP replay), ${connections} connections, server unpinned (the hash pool may use all ${cpu.cores} cores)`,
        ...problems.map((p) => `login PROBLEM: ${p}`),
      ],
    };
  } finally {
    await server.close();
  }
}
