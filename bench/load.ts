/**
 * The load generator child: `node --import tsx bench/load.ts '<JSON LoadRun[]>'`. Runs each
 * autocannon run in turn and prints one JSON array of LoadResult on stdout.
 */
import autocannon, { type AutocannonRequest } from 'autocannon';
import type { LoadResult, LoadRun } from './lib/load-plan.js';

async function runOne(run: LoadRun): Promise<LoadResult> {
  const bodies = run.bodies ?? [];
  let next = 0;
  const headers = { ...(bodies.length > 0 ? { 'content-type': 'application/json' } : {}), ...run.headers };
  const result = await autocannon({
    url: run.url,
    connections: run.connections,
    duration: run.durationSec,
    timeout: 30,
    ...(run.warmupSec > 0 ? { warmup: { connections: run.connections, duration: run.warmupSec } } : {}),
    requests: [{
      method: run.method,
      headers,
      ...(bodies.length > 0 ? {
        setupRequest: (req: AutocannonRequest): AutocannonRequest => ({ ...req, body: bodies[next++ % bodies.length] ?? '' }),
      } : {}),
    }],
  });
  const ok = result.requests.total - result.non2xx;
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(result.statusCodeStats)) statusCodes[code] = s.count;
  return {
    label: run.label, rps: ok / result.duration, ok, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
    latencyP50Ms: result.latency.p50, latencyP99Ms: result.latency.p99, durationSec: result.duration, statusCodes,
  };
}

const runs = JSON.parse(process.argv[2] ?? '[]') as LoadRun[];
const results: LoadResult[] = [];
for (const run of runs) results.push(await runOne(run));
process.stdout.write(`${JSON.stringify(results)}\n`);
