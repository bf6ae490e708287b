/**
 * Logins per second at the default iterations, against what the hash alone allows:
 * cores × 1000 / (ms per hash). Each round measures the hash on the idle server, then runs
 * the login load, so baseline and subject are interleaved. A second row compares the CPU
 * time the server spends per login with the CPU time of one hash: unlike wall-clock rates,
 * that stays meaningful when other processes take cores away.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../src/db/index.js';
import type { BenchOptions, BenchResult } from './lib/figure.js';
import { BENCH_PASSWORD, createBenchUsers, startBenchServer } from './lib/bench-server.js';
import { pinThisProcess } from './lib/cpu-pinning.js';
import { loadProblems, runLoad } from './lib/run-load.js';
import { median } from './lib/stats.js';
import { DEFAULT_ITERATIONS, parallelHashes, processCpuMs, sampleSm3HashMs } from './password-hash.bench.js';

export const LOGIN_GOAL_RATIO = 0.7;
const USERS = 64;

async function sessionCount(db: Db): Promise<number> {
  const r = await db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Waits until logins the load generator abandoned at its deadline have finished on the server. */
async function settledSessionCount(db: Db): Promise<number> {
  let last = await sessionCount(db);
  for (;;) {
    await sleep(300);
    const now = await sessionCount(db);
    if (now === last) return now;
    last = now;
  }
}

export async function benchLogin(opts: BenchOptions): Promise<BenchResult> {
  const { cpu } = opts;
  // Hashing runs on libuv's pool, which may use every core: the server is not pinned here.
  pinThisProcess(cpu, cpu.allCpus);
  const server = await startBenchServer('sqlite');
  const db = server.platform.db;
  try {
    if (server.platform.config.passwordIterations !== DEFAULT_ITERATIONS) throw new Error('bench server does not use the default iterations');
    const users = await createBenchUsers(server.platform, { count: USERS, password: BENCH_PASSWORD });
    const bodies = users.map((username) => JSON.stringify({ username, password: BENCH_PASSWORD }));
    const connections = 4 * cpu.cores;
    const rps: number[] = [];
    const maxes: number[] = [];
    const ratios: number[] = [];
    const cpuPerLogin: number[] = [];
    const cpuPerHash: number[] = [];
    const cpuRatios: number[] = [];
    const problems: string[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      // Baselines on the idle server, then the subject: interleaved round by round.
      const hashMs = await sampleSm3HashMs(DEFAULT_ITERATIONS, 3);
      const max = (cpu.cores * 1000) / hashMs;
      const hashes = await parallelHashes(DEFAULT_ITERATIONS, connections, opts.quick ? 0.3 : 2);
      const sessions0 = await sessionCount(db);
      const cpu0 = processCpuMs();
      const [result] = await runLoad(cpu, [{
        label: `login round ${round + 1}`, url: `${server.url}/api/v1/auth/login`, method: 'POST', mode: 'saturate', bodies,
        connections, durationSec: opts.quick ? 1.5 : 8, warmupSec: opts.quick ? (round === 0 ? 0.5 : 0) : 1,
      }]);
      if (!result) throw new Error('load generator returned nothing');
      // Every successful login leaves a session row, warm-up and abandoned ones included, so CPU ÷ rows is exact.
      const logins = (await settledSessionCount(db)) - sessions0;
      const loginCpuMs = (processCpuMs() - cpu0) / Math.max(1, logins);
      problems.push(...loadProblems([result]));
      rps.push(result.rps);
      maxes.push(max);
      ratios.push(result.rps / max);
      cpuPerLogin.push(loginCpuMs);
      cpuPerHash.push(hashes.cpuMsEach);
      cpuRatios.push(loginCpuMs / hashes.cpuMsEach);
      opts.log(`login round ${round + 1}: ${result.rps.toFixed(1)} logins/s; hash ${hashMs.toFixed(1)} ms → max ${max.toFixed(1)}/s; `
        + `CPU ${loginCpuMs.toFixed(1)} ms per login, ${hashes.cpuMsEach.toFixed(1)} ms per hash (${hashes.perSecond.toFixed(1)} hashes/s with ${connections} in flight)`);
    }
    const ratio = median(ratios);
    return {
      figures: [{
        name: `POST /api/v1/auth/login [sqlite, ${cpu.cores} cores]`,
        value: median(rps), unit: 'req/s',
        baseline: { value: median(maxes), unit: 'req/s', label: `max = ${cpu.cores} cores × 1000 / hash ms` },
        ratio, goal: `ratio ≥ ${LOGIN_GOAL_RATIO}`,
        pass: problems.length === 0 && ratio >= LOGIN_GOAL_RATIO,
      }, {
        name: 'server CPU time per login [sqlite]',
        value: median(cpuPerLogin), unit: 'ms',
        baseline: { value: median(cpuPerHash), unit: 'ms', label: 'CPU time per hash, same process' },
        ratio: median(cpuRatios), goal: '— (1.0 = only the hash)', pass: null,
      }],
      notes: [
        `login: ${USERS} editors without 2FA (no lockout, no TOTP replay), ${connections} connections, server unpinned (the hash pool may use all ${cpu.cores} cores); `
          + 'CPU per login = server process CPU time during the run ÷ sessions created',
        ...problems.map((p) => `login PROBLEM: ${p}`),
      ],
    };
  } finally {
    await server.close();
  }
}
