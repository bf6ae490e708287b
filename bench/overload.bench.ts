/**
 * Overload: what the public server answers when offered five times what it can serve, whether
 * it survives, and how soon it is back to normal afterwards.
 *
 * The server runs as `jiyue serve` would, with the SHIPPED defaults (overload guard and throttles
 * on, unlike the other benchmarks), in its own process pinned to the server's core, so a crash
 * shows as an exit and cannot take the benchmark with it. Per scenario and round:
 *
 * 1. saturation S: 2xx per second, closed loop with 10 and with 100 connections, the higher;
 * 2. half load (S/2 offered, 10 connections) for a few seconds: the normal p95 and throughput;
 * 3. overload: 5×S offered (autocannon overallRate) over 1,000 connections; a request not
 *    answered within 10 s counts as a timeout;
 * 4. half load again, straight after: recovery is the time from the end of the overload to the
 *    start of the first 2 s in which every 500 ms window has only 2xx answers and a p95 within
 *    twice the normal one (or normal + 5 ms), and the four together at least 80% of the normal
 *    throughput.
 *
 * Each round also measures what a refusal costs: the article page saturated on a second server
 * whose guard refuses from half utilisation (so, saturated, it refuses everything), 503s per
 * second against the page's saturation in the same round.
 *
 * Scenarios: the article page (from the verified cache) and a public API read from the database
 * (the published-letters list). The load generator has one core: when it cannot offer 5×S, the
 * figure's name says how much it did offer.
 *
 * Run alone: `node --import tsx bench/overload.bench.ts [--quick]`.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { ARTICLE, ARTICLE_HEADERS, createArticleSite, SITE } from './lib/article-page.js';
import { cpuPlan } from './lib/cpu-pinning.js';
import type { LoadResult, LoadRun, LoadWindow } from './lib/load-plan.js';
import { runLoad } from './lib/run-load.js';
import { spawnServer, type ServerProcess } from './lib/server-process.js';
import { median } from './lib/stats.js';
import { formatNumber, formatTable } from './lib/print-table.js';

export const OVERLOAD_FACTOR = 5;
export const RECOVERY_GOAL_SEC = 10;
const OVERLOAD_CONNECTIONS = 1000;
const TIMEOUT_SEC = 10;
const WINDOW_MS = 500;
/** Consecutive normal windows that make "recovered". */
const STABLE_WINDOWS = 4;
const REFUSALS = new Set(['429', '503']);
/** The half-load run after the overload: long enough to see a recovery a little over the goal. */
const RECOVERY_RUN_SEC = RECOVERY_GOAL_SEC + 5;

interface Scenario {
  readonly key: string;
  readonly name: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

const SCENARIOS: readonly Scenario[] = [
  { key: 'page', name: 'article page', path: ARTICLE, headers: ARTICLE_HEADERS },
  { key: 'api', name: 'public API (published letters list)', path: `/api/v1/public/sites/${SITE}/published-letters`, headers: {} },
];

interface Round {
  readonly saturation: number;
  /** Requests the generator sent per second during the overload ÷ saturation. */
  readonly offered: number;
  readonly overload: LoadResult;
  /** Answers that are neither 2xx nor 429/503, plus socket errors and timeouts, overload and recovery runs together. */
  readonly bad: number;
  readonly total: number;
  readonly normalP95: number;
  /** Seconds; null: not back to normal before the recovery run ended. */
  readonly recovery: number | null;
  readonly crashed: string | null;
}

/** Windows wholly inside the run (the last one is cut short by the run's end). */
function fullWindows(r: LoadResult): readonly LoadWindow[] {
  return (r.windows ?? []).filter((w) => w.atMs + WINDOW_MS <= r.durationSec * 1000);
}

function badAnswers(r: LoadResult): number {
  const other = Object.entries(r.statusCodes).filter(([code]) => !code.startsWith('2') && !REFUSALS.has(code)).reduce((n, [, c]) => n + c, 0);
  return other + r.errors;
}

function answered(r: LoadResult): number {
  return Object.values(r.statusCodes).reduce((n, c) => n + c, 0) + r.errors;
}

/**
 * autocannon paces a fixed rate per connection and per second (a burst, then a pause), so a 500 ms
 * window may hold a second's answers or none: throughput is judged over the 2 s span, status and
 * p95 window by window.
 */
function recoverySec(before: LoadResult, over: LoadResult, after: LoadResult): { seconds: number | null; normalP95: number } {
  // The first second of the half load can still see refusals decided during the saturation runs.
  const normal = fullWindows(before).slice(1000 / WINDOW_MS);
  const p95 = median(normal.map((w) => w.p95Ms).filter((x): x is number => x !== null));
  const okPerWindow = normal.reduce((n, w) => n + w.ok, 0) / Math.max(1, normal.length);
  const fine = (w: LoadWindow) => w.other === 0 && w.errors === 0 && (w.p95Ms === null || w.p95Ms <= Math.max(2 * p95, p95 + 5));
  const ws = fullWindows(after);
  const gapMs = (after.startedAt ?? 0) - (over.endedAt ?? 0);
  for (let i = 0; i + STABLE_WINDOWS <= ws.length; i++) {
    const span = ws.slice(i, i + STABLE_WINDOWS);
    if (span.every(fine) && span.reduce((n, w) => n + w.ok, 0) >= 0.8 * okPerWindow * STABLE_WINDOWS) return { seconds: (gapMs + ws[i]!.atMs) / 1000, normalP95: p95 };
  }
  return { seconds: null, normalP95: p95 };
}

async function oneRound(opts: BenchOptions, server: ServerProcess, sc: Scenario): Promise<Round> {
  const { cpu, quick } = opts;
  const base: LoadRun = { label: sc.key, url: `http://127.0.0.1:${server.port}${sc.path}`, method: 'GET', headers: sc.headers, mode: 'saturate', connections: 10, durationSec: quick ? 2 : 4, warmupSec: 1 };
  const sat = await runLoad(cpu, [base, { ...base, connections: 100, warmupSec: 0 }]);
  const saturation = Math.max(...sat.map((r) => r.rps));
  const half: LoadRun = { ...base, overallRate: Math.max(1, Math.round(saturation / 2)), warmupSec: 0, windowMs: WINDOW_MS, timeoutSec: TIMEOUT_SEC };
  const [before, overload, after] = await runLoad(cpu, [
    { ...half, durationSec: quick ? 3 : 5 },
    { ...half, connections: OVERLOAD_CONNECTIONS, overallRate: Math.round(OVERLOAD_FACTOR * saturation), durationSec: quick ? 5 : 10 },
    { ...half, durationSec: RECOVERY_RUN_SEC },
  ]) as [LoadResult, LoadResult, LoadResult];
  const { seconds, normalP95 } = recoverySec(before, overload, after);
  // Alive: the process runs and answers /healthz at all (a 503 from the overload guard is an answer).
  let crashed = server.crashed();
  if (!crashed) {
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_SEC * 1000) }).catch((err: unknown) => err as Error);
    if (health instanceof Error) crashed = `GET /healthz: ${health.message}`;
  }
  const offered = (overload.sent ?? 0) / overload.durationSec / saturation;
  opts.log(`overload ${sc.key}: saturation ${saturation.toFixed(0)} req/s; offered ${offered.toFixed(2)}× over ${OVERLOAD_CONNECTIONS} connections → ${JSON.stringify(overload.statusCodes)}, `
    + `errors ${JSON.stringify(overload.errorCodes)}, p99 ${overload.latencyP99Ms} ms; recovery ${seconds === null ? 'none' : `${seconds.toFixed(1)} s`}; before ${JSON.stringify(before.statusCodes)}, after ${JSON.stringify(after.statusCodes)}${crashed ? `; CRASHED: ${crashed}` : ''}`);
  const windows = (r: LoadResult) => fullWindows(r).map((w) => `${w.ok}${w.other + w.errors > 0 ? `+${w.other + w.errors}` : ''}@${w.p95Ms?.toFixed(0) ?? '—'}`).join(' ');
  opts.log(`  ${WINDOW_MS} ms windows (2xx[+other]@p95 ms): before ${windows(before)} | after ${windows(after)}`);
  return { saturation, offered, overload, bad: badAnswers(overload) + badAnswers(after), total: answered(overload) + answered(after), normalP95, recovery: seconds, crashed };
}

/**
 * What refusing costs: the article page saturated (100 connections) on a server whose guard
 * refuses from half utilisation, so under that load it refuses every request; 503s per second.
 * A refusal must cost well under a served page, or a shedding server falls behind as a serving
 * one does (the refusal is made in front of Fastify: platform/http/overload-gate.ts).
 */
async function refusalRate(opts: BenchOptions, shedder: ServerProcess): Promise<{ perSec: number; served: number }> {
  const run: LoadRun = {
    label: 'refusals', url: `http://127.0.0.1:${shedder.port}${ARTICLE}`, method: 'GET', headers: ARTICLE_HEADERS, mode: 'saturate', connections: 100,
    durationSec: opts.quick ? 2 : 4, warmupSec: 2,
  };
  const [r] = await runLoad(opts.cpu, [run]) as [LoadResult];
  return { perSec: (r.statusCodes['503'] ?? 0) / r.durationSec, served: r.ok };
}

export async function benchOverload(opts: BenchOptions): Promise<BenchResult> {
  const site = await createArticleSite();
  let server: ServerProcess | null = null;
  let shedder: ServerProcess | null = null;
  const rounds = new Map<string, Round[]>(SCENARIOS.map((s) => [s.key, []]));
  const refusals: { perSec: number; served: number }[] = [];
  const crashes: string[] = [];
  try {
    const start = () => spawnServer({ dataDir: site.tdb.dataDir, databaseUrl: null, shipped: true, cpus: opts.cpu.serverCpus });
    server = await start();
    // The same server with the guard's utilisation limit at its lowest (0.5): saturated, it refuses everything.
    shedder = await spawnServer({ dataDir: site.tdb.dataDir, databaseUrl: null, shipped: true, cpus: opts.cpu.serverCpus, config: { pressureMaxEventLoopUtilization: 0.5 } });
    for (let r = 0; r < opts.rounds; r++) {
      for (const sc of r % 2 === 0 ? SCENARIOS : [...SCENARIOS].reverse()) {
        const round = await oneRound(opts, server, sc);
        rounds.get(sc.key)!.push(round);
        if (round.crashed) {
          crashes.push(`${sc.key} round ${r + 1}: ${round.crashed}`);
          await server.stop();
          server = await start();
        }
      }
      refusals.push(await refusalRate(opts, shedder));
      opts.log(`refusals: ${refusals.at(-1)!.perSec.toFixed(0)} 503/s with every request refused (${refusals.at(-1)!.served} served)`);
    }
  } finally {
    await server?.stop();
    await shedder?.stop();
    await site.close();
  }

  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const sc of SCENARIOS) {
    const rs = rounds.get(sc.key)!;
    const bad = rs.reduce((n, x) => n + x.bad, 0);
    const total = rs.reduce((n, x) => n + x.total, 0);
    const saturation = { value: median(rs.map((x) => x.saturation)), unit: 'req/s', label: 'saturation, 2xx' };
    const offered = median(rs.map((x) => x.offered));
    const recoveries = rs.map((x) => x.recovery ?? Number.POSITIVE_INFINITY);
    const recovery = median(recoveries);
    figures.push(
      {
        name: `overload (${formatNumber(offered)}× saturation offered), ${sc.name}: answers other than 2xx/429/503`, value: (100 * bad) / Math.max(1, total), unit: '%',
        baseline: saturation, ratio: null, goal: `0 (a timeout of ${TIMEOUT_SEC} s counts)`, pass: bad === 0,
      },
      {
        name: `overload, ${sc.name}: recovery to normal p95 and throughput`, value: Number.isFinite(recovery) ? recovery : RECOVERY_RUN_SEC,
        unit: Number.isFinite(recovery) ? 's' : 's (not recovered within the run)',
        baseline: { value: median(rs.map((x) => x.normalP95)), unit: 'ms', label: 'normal p95 at half load' }, ratio: null,
        goal: `≤ ${RECOVERY_GOAL_SEC} s (every round)`, pass: recoveries.every((s) => s <= RECOVERY_GOAL_SEC),
      },
    );
    const sum = (code: string) => rs.reduce((n, x) => n + (x.overload.statusCodes[code] ?? 0), 0);
    const sent = rs.reduce((n, x) => n + answered(x.overload), 0);
    notes.push(`overload, ${sc.name}: over ${rs.length} rounds ${sent.toLocaleString('en')} requests answered or failed during the overload runs: ${sum('200').toLocaleString('en')} 200, `
      + `${sum('503').toLocaleString('en')} 503, ${sum('429').toLocaleString('en')} 429, ${bad.toLocaleString('en')} bad (overload and recovery runs); offered ${rs.map((x) => `${formatNumber(x.offered)}×`).join(', ')} of saturation `
      + `(${rs.map((x) => formatNumber(x.saturation)).join(', ')} req/s); 2xx during the overload ${rs.map((x) => formatNumber(x.overload.rps)).join(', ')} req/s; recovery ${recoveries.map((s) => (Number.isFinite(s) ? `${s.toFixed(1)} s` : 'not within the run')).join(', ')}`);
    if (offered < OVERLOAD_FACTOR * 0.9) notes.push(`overload, ${sc.name}: the load generator (one core, ${OVERLOAD_CONNECTIONS} connections) offered only ${formatNumber(offered)}× saturation, not ${OVERLOAD_FACTOR}×`);
  }
  const pageRounds = rounds.get('page')!;
  figures.push({
    name: 'refusals per second, article page, every request refused (guard at 0.5 utilisation, 100 connections)', value: median(refusals.map((x) => x.perSec)), unit: 'req/s',
    baseline: { value: median(pageRounds.map((x) => x.saturation)), unit: 'req/s', label: 'saturation, 2xx, same page' },
    ratio: median(refusals.map((x, i) => x.perSec / (pageRounds[i]?.saturation ?? Number.NaN))), goal: '> 1× (refusing is cheaper than serving)',
    pass: refusals.every((x, i) => x.perSec > (pageRounds[i]?.saturation ?? Number.POSITIVE_INFINITY)),
  });
  notes.push(`refusals: ${refusals.map((x) => formatNumber(x.perSec)).join(', ')} 503/s by round (${refusals.map((x) => x.served).join(', ')} pages served in them) against saturation ${pageRounds.map((x) => formatNumber(x.saturation)).join(', ')} req/s; one load-generator core, so a refusal rate near its own limit understates the ratio`);
  figures.push({ name: 'overload: server process exits, or /healthz unanswered afterwards', value: crashes.length, unit: '', baseline: null, ratio: null, goal: '0', pass: crashes.length === 0 });
  notes.push(
    `overload: shipped defaults (JIYUE_PRESSURE_MAX_ELU ${0.98}, event-loop delay limit 1000 ms, rate limits on), the server in its own process on the server core; per scenario and round: saturation (10 and 100 connections), `
      + `${OVERLOAD_FACTOR}× saturation offered over ${OVERLOAD_CONNECTIONS} connections, half load before and after in ${WINDOW_MS} ms windows; recovered = the start of ${STABLE_WINDOWS} windows in a row with only 2xx answers and p95 ≤ max(2× normal, normal + 5 ms) each, and together ≥ 80% of the normal throughput`,
    ...crashes.map((c) => `overload CRASH: ${c}`),
  );
  return { figures, notes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const result = await benchOverload({ quick: values.quick, rounds: 3, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) });
  console.log(formatTable(result.figures));
  for (const note of result.notes) console.log(`- ${note}`);
}
