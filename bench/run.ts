/**
 * `npm run bench [-- --quick] [--only hash,login,api,audit,documents,delivery,wordpress,overload,publishing,live-under-load,build-growth,search,letters,interview-fanout,scale-out] [--docs N] [--clients N]`: runs the benchmarks and
 * prints one table. Every figure is the median of interleaved rounds and stands next to a
 * baseline measured in the same run, so the ratios mean something on any machine. Never
 * part of `npm test`.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/db/index.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { cpuPlan } from './lib/cpu-pinning.js';
import { formatTable } from './lib/print-table.js';
import { postgresVersion } from './lib/postgres-available.js';
import { BENCH_OVERRIDES_NOTE } from './lib/bench-server.js';
import { benchPasswordHash, DEFAULT_ITERATIONS } from './password-hash.bench.js';
import { benchLogin } from './login.bench.js';
import { benchApiOverhead } from './api-overhead.bench.js';
import { benchAuditAppend } from './audit-append.bench.js';
import { benchDocuments, documentCount } from './documents.bench.js';
import { benchChecks } from './checks.bench.js';
import { benchDelivery } from './delivery.bench.js';
import { benchWordPress } from './wordpress.bench.js';
import { benchOverload } from './overload.bench.js';
import { benchPublishToLive, benchRebuildVsEleventy, liveDocs, publishCount, rebuildDocs } from './publishing.bench.js';
import { benchSearch } from './search.bench.js';
import { benchLetters } from './letters.bench.js';
import { benchInterviewFanout, fanoutSize } from './interview-fanout.bench.js';
import { benchScaleOut } from './scale-out.bench.js';
import { benchLiveUnderLoad, underLoadDocs, underLoadPublishes } from './live-under-load.bench.js';
import { benchBuildGrowth, growthSmallDocs } from './build-growth.bench.js';

const BENCHES = ['hash', 'login', 'api', 'audit', 'documents', 'delivery', 'wordpress', 'overload', 'publishing', 'live-under-load', 'build-growth', 'search', 'letters', 'interview-fanout', 'scale-out'] as const;
type BenchName = (typeof BENCHES)[number];

/** A mistake on the command line: the message is enough, no stack. */
class UsageError extends Error {}

function selected(only: readonly string[]): Set<BenchName> {
  const names = only.flatMap((o) => o.split(',')).map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return new Set(BENCHES);
  const unknown = names.filter((n) => !(BENCHES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new UsageError(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHES.join(', ')}`);
  return new Set(names as BenchName[]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string', multiple: true, default: [] }, docs: { type: 'string' }, clients: { type: 'string' } } });
  const which = selected(values.only);
  let docs: number;
  try {
    docs = documentCount(values.docs, values.quick);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const cpu = cpuPlan();
  const started = Date.now();
  const opts: BenchOptions = { quick: values.quick, rounds: 3, cpu, log: (m) => process.stderr.write(`  ${m}\n`) };
  const usesPostgres = which.has('api') || which.has('audit') || which.has('documents') || which.has('search') || which.has('letters');
  const pgVersion = usesPostgres ? await postgresVersion() : null;
  const engines: Engine[] = pgVersion ? ['sqlite', 'postgres'] : ['sqlite'];
  // Other busy processes take cores the figures assume are ours; say so next to the table.
  const loadAtStart = os.loadavg()[0] ?? 0;

  const figures: Figure[] = [];
  const notes: string[] = [];
  const add = (r: BenchResult) => {
    figures.push(...r.figures);
    notes.push(...r.notes);
  };
  const step = async (label: string, fn: () => Promise<BenchResult>) => {
    process.stderr.write(`${label}…\n`);
    const t0 = Date.now();
    add(await fn());
    process.stderr.write(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  };
  if (which.has('hash')) await step('password hash', () => benchPasswordHash(opts));
  if (which.has('login')) await step('login', () => benchLogin(opts));
  if (which.has('api')) for (const e of engines) await step(`api overhead [${e}]`, () => benchApiOverhead(opts, e));
  if (which.has('audit')) for (const e of engines) await step(`audit append [${e}]`, () => benchAuditAppend(opts, e));
  if (which.has('documents')) {
    for (const e of engines) await step(`documents, ${docs.toLocaleString('en')} [${e}]`, () => benchDocuments(opts, e, { docs }));
    // The checks a save is followed by, on their own (engine-independent CPU work).
    await step('machine checks', () => benchChecks(opts));
  }
  if (which.has('delivery')) await step('public pages (Jiyue vs nginx)', () => benchDelivery(opts));
  // Sets WordPress up with apt-get on its first run (root; bench/peers/wordpress.sh).
  if (which.has('wordpress')) await step('public pages (Jiyue vs WordPress)', () => benchWordPress(opts));
  if (which.has('overload')) await step('public server at 5× overload (shipped defaults)', () => benchOverload(opts));
  if (which.has('publishing')) {
    // Its own defaults (10,000 and 100,000 documents); --docs sets both sites' size.
    await step('publishing: full rebuild (Jiyue vs Eleventy)', () => benchRebuildVsEleventy(opts, { docs: rebuildDocs(values.docs, values.quick) }));
    await step('publishing: publish-to-live', () => benchPublishToLive(opts, { docs: liveDocs(values.docs, values.quick), publishes: publishCount(values.quick) }));
  }
  // Issue 6: publish-to-live at 50 % of the public server's saturation (--docs: the site, default 10,000), and
  // the full rebuild's time per file and peak memory from --docs to 10× (default 10,000 → 100,000).
  if (which.has('live-under-load')) await step('publish-to-live under load', () => benchLiveUnderLoad(opts, { docs: underLoadDocs(values.docs, values.quick), publishes: underLoadPublishes(values.quick) }));
  if (which.has('build-growth')) await step('full rebuild growth (10× the documents)', () => benchBuildGrowth(opts, { small: growthSmallDocs(values.docs, values.quick) }));
  // Search: the same generated set (--docs, default 1,000,000) in both engines, FTS5 against GIN.
  if (which.has('search')) await step(`search, ${docs.toLocaleString('en')} documents [${engines.join(', ')}]`, () => benchSearch(opts, engines, { docs }));
  if (which.has('letters')) for (const e of engines) await step(`letters with durable receipts [${e}]`, () => benchLetters(opts, e));
  // Live-interview fan-out: --clients SSE connections (default 1,000; 100 with --quick), one and two processes.
  if (which.has('interview-fanout')) await step('interview fan-out (SSE, LISTEN/NOTIFY)', () => benchInterviewFanout(opts, fanoutSize(values.quick, values.clients)));
  // Scale-out on PostgreSQL: 1 vs 2 `jiyue serve --roles public` processes, 1 vs 2 `jiyue worker` (skipped without PostgreSQL).
  if (which.has('scale-out')) await step('scale-out (public and worker processes on one PostgreSQL)', () => benchScaleOut(opts));
  if (usesPostgres && !pgVersion) notes.push('PostgreSQL did not answer (JIYUE_TEST_PG_URL or 127.0.0.1:5432): its figures were skipped');

  const cpus = os.cpus();
  const passed = figures.filter((f) => f.pass === true).length;
  const goals = figures.filter((f) => f.pass !== null).length;
  const lines = [
    `Jiyue benchmarks${values.quick ? ' (--quick)' : ''} — ${new Date(started).toISOString()}`,
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpu.cores} cores (nproc), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; Node ${process.version}; SQLite (better-sqlite3, WAL)${pgVersion ? `; PostgreSQL ${pgVersion} on loopback` : ''}`,
    `default JIYUE_PASSWORD_ITERATIONS = ${DEFAULT_ITERATIONS}; every figure is the median of ${opts.rounds} interleaved rounds; ratios are medians of per-round ratios`,
    '',
    formatTable(figures),
    '',
    `${passed} of ${goals} goals met (the goals are ours, set for this issue; "info" rows have none). Took ${Math.round((Date.now() - started) / 1000)} s.`,
    '',
    'Notes:',
    `- ${cpu.note}`,
    `- load average when the run started: ${loadAtStart.toFixed(2)} on ${cpu.cores} cores${loadAtStart > cpu.cores / 2 ? ' — OTHER PROCESSES WERE BUSY: figures that assume every core is ours (login max) read low' : ''}`,
    `- ${BENCH_OVERRIDES_NOTE}`,
    ...notes.map((n) => `- ${n}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  const usage = err instanceof UsageError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'));
  process.stderr.write(`${usage ? `${(err as Error).message}\nusage: npm run bench [-- --quick] [--only ${BENCHES.join(',')}] [--docs N] [--clients N]` : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
