/**
 * What an authenticated API request costs compared with GET /healthz (public, one trivial
 * query) on the same server in the same run. GET /api/v1/auth/me resolves the session
 * cookie (SM3 of the token, session, user and grants lookups) and describes the user.
 * Two views: throughput with the server saturated, and latency one request at a time.
 */
import type { Engine } from '../src/db/index.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { BENCH_PASSWORD, createBenchUsers, signInOverHttp, startBenchServer } from './lib/bench-server.js';
import { pinThisProcess } from './lib/cpu-pinning.js';
import type { LoadResult, LoadRun } from './lib/load-plan.js';
import { loadProblems, runLoad } from './lib/run-load.js';
import { median } from './lib/stats.js';

export const API_GOAL_COST = 3;
const CONNECTIONS = 10;

/** Round by round, baseline and subject back to back, the order alternating; warm-up only before the first pair. */
function interleave(rounds: number, base: LoadRun, subject: LoadRun, warmupSec: number): LoadRun[] {
  const runs: LoadRun[] = [];
  for (let round = 0; round < rounds; round++) {
    const w = round === 0 ? warmupSec : 0;
    const pair = [{ ...base, warmupSec: w }, { ...subject, warmupSec: w }];
    runs.push(...(round % 2 === 0 ? pair : pair.reverse()));
  }
  return runs;
}

function pick(results: readonly LoadResult[], label: string, rounds: number): LoadResult[] {
  const r = results.filter((x) => x.label === label);
  if (r.length !== rounds) throw new Error(`load generator returned ${r.length} runs of ${label}, expected ${rounds}`);
  return r;
}

export async function benchApiOverhead(opts: BenchOptions, engine: Engine): Promise<BenchResult> {
  const { cpu, rounds, quick } = opts;
  const server = await startBenchServer(engine);
  try {
    const [username] = await createBenchUsers(server.platform, { count: 1, password: BENCH_PASSWORD });
    const cookie = await signInOverHttp(server.url, username ?? '', BENCH_PASSWORD);
    const health: LoadRun = { label: 'healthz', url: `${server.url}/healthz`, method: 'GET', mode: 'saturate', connections: CONNECTIONS, durationSec: quick ? 1 : 5, warmupSec: 0 };
    const me: LoadRun = { ...health, label: 'me', url: `${server.url}/api/v1/auth/me`, headers: { cookie } };
    const seq = { mode: 'sequential', connections: 1, durationSec: quick ? 0.5 : 2 } as const;
    const runs = [
      ...interleave(rounds, health, me, 1),
      ...interleave(rounds, { ...health, ...seq, label: 'healthz-1' }, { ...me, ...seq, label: 'me-1' }, 0.5),
    ];
    pinThisProcess(cpu, cpu.serverCpus);
    const results = await runLoad(cpu, runs).finally(() => pinThisProcess(cpu, cpu.allCpus));
    const [h, m, h1, m1] = [pick(results, 'healthz', rounds), pick(results, 'me', rounds), pick(results, 'healthz-1', rounds), pick(results, 'me-1', rounds)];
    const costs = h.map((x, i) => x.rps / (m[i]?.rps ?? Number.NaN));
    const latencyRatios = m1.map((x, i) => x.latencyP50Ms / (h1[i]?.latencyP50Ms ?? Number.NaN));
    for (let i = 0; i < rounds; i++) {
      opts.log(`api [${engine}] round ${i + 1}: /healthz ${h[i]?.rps.toFixed(0)} req/s, /auth/me ${m[i]?.rps.toFixed(0)} req/s; `
        + `one at a time: /healthz ${h1[i]?.latencyP50Ms.toFixed(2)} ms, /auth/me ${m1[i]?.latencyP50Ms.toFixed(2)} ms`);
    }
    const problems = loadProblems(results);
    const cost = median(costs);
    const latencyRatio = median(latencyRatios);
    const figures: Figure[] = [
      {
        name: `GET /api/v1/auth/me throughput, ${CONNECTIONS} conns [${engine}]`,
        value: median(m.map((x) => x.rps)), unit: 'req/s',
        baseline: { value: median(h.map((x) => x.rps)), unit: 'req/s', label: 'GET /healthz' },
        ratio: cost, goal: `cost (healthz ÷ me) ≤ ${API_GOAL_COST}×`,
        pass: problems.length === 0 && cost <= API_GOAL_COST,
      },
      {
        name: `GET /api/v1/auth/me p50 latency, 1 at a time [${engine}]`,
        value: median(m1.map((x) => x.latencyP50Ms)), unit: 'ms',
        baseline: { value: median(h1.map((x) => x.latencyP50Ms)), unit: 'ms', label: 'GET /healthz' },
        ratio: latencyRatio, goal: `cost (me ÷ healthz) ≤ ${API_GOAL_COST}×`,
        pass: problems.length === 0 && latencyRatio <= API_GOAL_COST,
      },
    ];
    return {
      figures,
      notes: [
        `api [${engine}]: one signed-in editor; ${rounds} rounds of /healthz and /auth/me in alternating order, `
          + `${health.durationSec} s each with ${CONNECTIONS} connections (autocannon), then ${seq.durationSec} s each one request at a time (keep-alive, hrtime)`,
        ...problems.map((p) => `api [${engine}] PROBLEM: ${p}`),
      ],
    };
  } finally {
    await server.close();
  }
}
