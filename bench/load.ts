/**
 * The load generator child: `node --import tsx bench/load.ts '<JSON LoadRun[]>'` (or `@<file>`). Runs each
 * run in turn and prints one JSON array of LoadResult on stdout.
 */
import fs from 'node:fs';
import http from 'node:http';
import autocannon, { type AutocannonRequest } from 'autocannon';
import type { LoadResult, LoadRun, LoadWindow } from './lib/load-plan.js';
import { percentile } from './lib/percentile.js';

function headersOf(run: LoadRun): Record<string, string> {
  return { ...(run.bodies && run.bodies.length > 0 ? { 'content-type': 'application/json' } : {}), ...run.headers };
}

/** Counts answers per window of `ms` from `start` (hrtime ns). */
function windowRecorder(ms: number, start: bigint) {
  const slots: { ok: number; other: number; errors: number; times: number[] }[] = [];
  const slot = () => {
    const i = Math.floor(Number(process.hrtime.bigint() - start) / 1e6 / ms);
    for (let k = slots.length; k <= i; k++) slots.push({ ok: 0, other: 0, errors: 0, times: [] });
    return slots[i]!;
  };
  return {
    response(status: number, latencyMs: number) {
      const s = slot();
      if (status >= 200 && status < 300) s.ok++;
      else s.other++;
      s.times.push(latencyMs);
    },
    error() { slot().errors++; },
    windows(): LoadWindow[] {
      return slots.map((s, i) => ({ atMs: i * ms, ok: s.ok, other: s.other, errors: s.errors, p95Ms: s.times.length > 0 ? percentile(s.times, 95) : null }));
    },
  };
}

async function saturate(run: LoadRun): Promise<LoadResult> {
  const bodies = run.bodies ?? [];
  let next = 0;
  const instance = autocannon({
    url: run.alsoUrls && run.alsoUrls.length > 0 ? [run.url, ...run.alsoUrls] : run.url,
    connections: run.connections,
    duration: run.durationSec,
    timeout: run.timeoutSec ?? 30,
    ...(run.overallRate ? { overallRate: run.overallRate } : {}),
    ...(run.warmupSec > 0 ? { warmup: { connections: run.connections, duration: run.warmupSec } } : {}),
    requests: [{
      method: run.method,
      headers: headersOf(run),
      ...(bodies.length > 0 ? {
        setupRequest: (req: AutocannonRequest): AutocannonRequest => ({ ...req, body: bodies[next++ % bodies.length] ?? '' }),
      } : {}),
    }],
  });
  const startedAt = Date.now() + run.warmupSec * 1000;
  const windows = run.windowMs && run.warmupSec === 0 ? windowRecorder(run.windowMs, process.hrtime.bigint()) : null;
  const errorCodes: Record<string, number> = {};
  instance.on('response', (_client: unknown, status: number, _bytes: number, latencyMs: number) => windows?.response(status, latencyMs));
  instance.on('reqError', (err: Error & { code?: string }) => {
    const code = err.code ?? err.message;
    errorCodes[code] = (errorCodes[code] ?? 0) + 1;
    windows?.error();
  });
  const result = await instance;
  const ok = result.requests.total - result.non2xx;
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(result.statusCodeStats)) statusCodes[code] = s.count;
  return {
    label: run.label, rps: ok / result.duration, ok, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
    latencyMeanMs: result.latency.average, latencyP50Ms: result.latency.p50, latencyP99Ms: result.latency.p99, durationSec: result.duration, statusCodes,
    sent: result.requests.sent, errorCodes, startedAt, endedAt: Date.now(), ...(windows ? { windows: windows.windows() } : {}),
  };
}

function send(agent: http.Agent, run: LoadRun, body: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(run.url, { method: run.method, headers: headersOf(run), agent }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}

async function sequential(run: LoadRun): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const bodies = run.bodies ?? [];
  let next = 0;
  const statusCodes: Record<string, number> = {};
  const times: number[] = [];
  let errors = 0;
  const loop = async (seconds: number, record: boolean) => {
    const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
    while (process.hrtime.bigint() < deadline) {
      const start = process.hrtime.bigint();
      try {
        const status = await send(agent, run, bodies.length > 0 ? bodies[next++ % bodies.length] : undefined);
        if (record) {
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          times.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      } catch {
        if (record) errors++;
      }
    }
  };
  await loop(run.warmupSec, false);
  const started = process.hrtime.bigint();
  await loop(run.durationSec, true);
  const durationSec = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const ok = Object.entries(statusCodes).filter(([c]) => c.startsWith('2')).reduce((n, [, v]) => n + v, 0);
  return {
    label: run.label, rps: ok / durationSec, ok, non2xx: times.length - ok, errors, timeouts: 0,
    latencyMeanMs: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length), latencyP50Ms: at(0.5), latencyP99Ms: at(0.99),
    durationSec, statusCodes,
  };
}

// `@file`: the runs are in a file (thousands of request bodies do not fit in argv).
const arg = process.argv[2] ?? '[]';
const runs = JSON.parse(arg.startsWith('@') ? fs.readFileSync(arg.slice(1), 'utf8') : arg) as LoadRun[];
const results: LoadResult[] = [];
for (const run of runs) results.push(run.mode === 'sequential' ? await sequential(run) : await saturate(run));
process.stdout.write(`${JSON.stringify(results)}\n`);
