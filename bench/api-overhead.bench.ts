/**
 * What an authenticated API request costs compared with GET /healthz (public, one trivial
 * query) on the same server in the same run. GET /api/v1/auth/me resolves the session
 * cookie (SM3 of the token, session, user and grants lookups) and describes the user.
 */
import type { Engine } from '../src/db/index.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { BENCH_PASSWORD, createBenchUsers, signInOverHttp, startBenchServer } from './lib/bench-server.js';
import { pinThisProcess } from './lib/cpu-pinning.js';
import type { LoadRun } from './lib/load-plan.js';
import { loadProblems, runLoad } from './lib/run-load.js';
import { median } from './lib/stats.js';

export const API_GOAL_COST = 3;
const CONNECTIONS = 10;

export async function benchApiOverhead(opts: BenchOptions, engine: Engine): Promise<BenchResult> {
  const { cpu } = opts;
  const server = await startBenchServer(engine);
  try {
    const [username] = await createBenchUsers(server.platform, { count: 1, password: BENCH_PASSWORD });
    const cookie = await signInOverHttp(server.url, username ?? '', BENCH_PASSWORD);
    const health: LoadRun = { label: 'healthz', url: `${server.url}/healthz`, method: 'GET', connections: CONNECTIONS, durationSec: opts.quick ? 2 : 5, warmupSec: 1 };
    const me: LoadRun = { ...health, label: 'me', url: `${server.url}/api/v1/auth/me`, headers: { cookie } };
    const runs: LoadRun[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      // Alternate the order; --quick warms up only in the first round.
      const warmupSec = opts.quick && round > 0 ? 0 : 1;
      const pair = [{ ...health, warmupSec }, { ...me, warmupSec }];
      runs.push(...(round % 2 === 0 ? pair : pair.reverse()));
    }
    pinThisProcess(cpu, cpu.serverCpus);
    const results = await runLoad(cpu, runs).finally(() => pinThisProcess(cpu, cpu.allCpus));
    const h = results.filter((r) => r.label === 'healthz');
    const m = results.filter((r) => r.label === 'me');
    if (h.length !== opts.rounds || m.length !== opts.rounds) throw new Error('load generator returned an unexpected number of runs');
    const costs = h.map((x, i) => x.rps / (m[i]?.rps ?? Number.NaN));
    const latencyRatios = m.map((x, i) => x.latencyP50Ms / (h[i]?.latencyP50Ms ?? Number.NaN));
    for (let i = 0; i < opts.rounds; i++) {
      opts.log(`api [${engine}] round ${i + 1}: /healthz ${h[i]?.rps.toFixed(0)} req/s, /auth/me ${m[i]?.rps.toFixed(0)} req/s`);
    }
    const problems = loadProblems(results);
    const cost = median(costs);
    const figures: Figure[] = [
      {
        name: `GET /api/v1/auth/me (session) throughput [${engine}]`,
        value: median(m.map((x) => x.rps)), unit: 'req/s',
        baseline: { value: median(h.map((x) => x.rps)), unit: 'req/s', label: 'GET /healthz' },
        ratio: cost, goal: `cost (healthz ÷ me) ≤ ${API_GOAL_COST}×`,
        pass: problems.length === 0 && cost <= API_GOAL_COST,
      },
      {
        name: `GET /api/v1/auth/me p50 latency at ${CONNECTIONS} conns [${engine}]`,
        value: median(m.map((x) => x.latencyP50Ms)), unit: 'ms',
        baseline: { value: median(h.map((x) => x.latencyP50Ms)), unit: 'ms', label: 'GET /healthz' },
        ratio: median(latencyRatios), goal: '— (me ÷ healthz)', pass: null,
      },
    ];
    return {
      figures,
      notes: [
        `api [${engine}]: ${CONNECTIONS} connections, one signed-in editor, ${opts.rounds} rounds of /healthz and /auth/me in alternating order`,
        ...problems.map((p) => `api [${engine}] PROBLEM: ${p}`),
      ],
    };
  } finally {
    await server.close();
  }
}
