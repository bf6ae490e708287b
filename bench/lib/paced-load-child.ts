/**
 * Open-loop load at a fixed rate, until told to stop: `node --import tsx bench/lib/paced-load-child.ts '<JSON PacedLoad>'`.
 * Requests start on a schedule (one every 1/rate s, caught up on every 1 ms timer tick), whether or
 * not earlier ones were answered, over up to `sockets` keep-alive connections. autocannon's
 * `overallRate` is a per-connection budget per second, sent back to back at the start of each
 * second: a server at "50 %" would be saturated for half of every second and idle for the other
 * half. Prints `ready` once the first answer arrived; on stdin's end prints one JSON PacedResult.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { PacedLoad, PacedResult } from './paced-load.js';
import { percentile } from './percentile.js';

const cfg = JSON.parse(process.argv[2] ?? '{}') as PacedLoad;
const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.sockets });
const statusCodes: Record<string, number> = {};
const latencies: number[] = [];
let sent = 0;
let errors = 0;
let inFlight = 0;
let maxInFlight = 0;
let ready = false;
let stopping = false;

function fire(): void {
  const t0 = process.hrtime.bigint();
  sent++;
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  const done = (status: number | null) => {
    inFlight--;
    if (status === null) errors++;
    else {
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    if (!ready) {
      ready = true;
      process.stdout.write('ready\n');
    }
  };
  const req = http.get(cfg.url, { headers: cfg.headers, agent }, (res) => {
    res.resume();
    res.once('end', () => done(res.statusCode ?? 0));
    res.once('error', () => done(null));
  });
  req.once('error', () => done(null));
}

const started = process.hrtime.bigint();
const elu = performance.eventLoopUtilization();
const tick = () => {
  if (stopping) return;
  const due = Math.floor((Number(process.hrtime.bigint() - started) / 1e9) * cfg.rate);
  while (sent < due) fire();
  setTimeout(tick, 1);
};
tick();

process.stdin.resume();
process.stdin.once('end', () => {
  stopping = true;
  const durationSec = Number(process.hrtime.bigint() - started) / 1e9;
  const ok = Object.entries(statusCodes).filter(([c]) => c.startsWith('2')).reduce((n, [, v]) => n + v, 0);
  const result: PacedResult = {
    rate: cfg.rate, sent, ok, non2xx: latencies.length - ok, errors, durationSec, rps: ok / durationSec, maxInFlight,
    generatorBusy: performance.eventLoopUtilization(elu).utilization,
    latencyP50Ms: latencies.length > 0 ? percentile(latencies, 50) : Number.NaN, latencyP99Ms: latencies.length > 0 ? percentile(latencies, 99) : Number.NaN, statusCodes,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  agent.destroy();
  process.exit(0);
});
