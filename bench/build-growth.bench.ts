/**
 * Build growth: does a full rebuild cost more per page, and take more memory, as a site grows?
 * One site (the provincial portal) is filled with the same generated documents as the publishing
 * bench's rebuild (bench/lib/site-documents.ts over bench/lib/document-set.ts, written with
 * bench/lib/bulk-insert.ts) at a small and a ten times larger size (default 10,000 and 100,000
 * documents). Each round copies each prepared data dir and rebuilds it in a fresh Node process
 * (bench/lib/build-child.ts): `rebuildSite` as the publishing.rebuild job runs it, into an empty
 * page store, the list positions recorded afresh (the first rebuild after an import), so every
 * round does the same work and the two sizes never share a heap.
 *
 * Figures: per-page build time (wall time ÷ files written) and the building process's peak RSS
 * (VmHWM), large ÷ small; goals ≤ 1.2 and ≤ 1.5. Rounds alternate the order of the sizes.
 *
 * Run alone: `node --import tsx bench/build-growth.bench.ts [--quick] [--docs N]` (N: the small
 * size; the large one is 10 N). For profiling, `--prepare N` fills a data dir with N documents,
 * keeps it and prints `<data dir> <site id>`; rebuild a copy of it with
 * `node --cpu-prof --import tsx bench/lib/build-child.ts <copy> <site id>`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seedDemo } from '../src/demo/seed-demo.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import type { BuildSample } from './lib/build-child.js';
import { createBenchPlatform } from './lib/bench-server.js';
import { createBenchDatabase } from './lib/bench-database.js';
import { fillSite } from './lib/site-documents.js';
import { median } from './lib/stats.js';
import { formatNumber, formatTable } from './lib/print-table.js';
import { cpuPlan } from './lib/cpu-pinning.js';
import { msText, parseDocs, sec, SEED, SITE } from './lib/publishing-common.js';

export const GROWTH_SMALL_DOCS = 10_000;
const QUICK_SMALL_DOCS = 1_000;
/** The large site is this many times the small one. */
const GROWTH_FACTOR = 10;
/** Goals of issue 6: per-page time and peak memory from 10k to 100k documents. */
export const TIME_GROWTH_GOAL = 1.2;
export const MEMORY_GROWTH_GOAL = 1.5;

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(benchDir);
const MB = 2 ** 20;
const execFileAsync = promisify(execFile);

interface Prepared {
  readonly docs: number;
  readonly published: number;
  readonly siteId: number;
  readonly dataDir: string;
  readonly bytes: number;
  drop(): Promise<void>;
}

/** A data dir with the demo seed and `docs` generated documents on SITE, closed (ready to copy). */
async function prepare(opts: BenchOptions, docs: number): Promise<Prepared> {
  const tdb = await createBenchDatabase('sqlite');
  try {
    const platform = await createBenchPlatform(tdb);
    try {
      await seedDemo(platform, { writeAccountsFile: false, documents: 'minimal' });
      const filled = await fillSite(platform, { siteCode: SITE, total: docs, seed: SEED, sqliteFile: tdb.name, postgresUrl: null, log: opts.log });
      const bytes = fs.readdirSync(tdb.dataDir).reduce((n, f) => n + fs.statSync(path.join(tdb.dataDir, f)).size, 0);
      return { docs, published: filled.set.counts.published, siteId: filled.siteId, dataDir: tdb.dataDir, bytes, drop: () => tdb.drop() };
    } finally {
      await platform.close();
    }
  } catch (err) {
    await tdb.drop();
    throw err;
  }
}

/** Rebuilds a fresh copy of a prepared data dir in a child process. */
export async function buildInChild(prepared: { dataDir: string; siteId: number }, nodeArgs: readonly string[] = []): Promise<BuildSample> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-build-'));
  try {
    fs.cpSync(prepared.dataDir, copy, { recursive: true });
    const script = path.join(benchDir, 'lib', 'build-child.ts');
    const { stdout } = await execFileAsync(process.execPath, [...nodeArgs, '--import', 'tsx', script, copy, String(prepared.siteId)], { cwd: repoRoot, maxBuffer: 1 << 20 });
    return JSON.parse(stdout) as BuildSample;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

const perPageMs = (s: BuildSample) => (s.wallS * 1000) / s.pages;
const cpuPerPageMs = (s: BuildSample) => (s.cpuS * 1000) / s.pages;
const mb = (bytes: number) => `${formatNumber(bytes / MB)} MB`;

export async function benchBuildGrowth(opts: BenchOptions, q: { small: number }): Promise<BenchResult> {
  const sizes = [q.small, q.small * GROWTH_FACTOR];
  const prepared: Prepared[] = [];
  try {
    for (const docs of sizes) prepared.push(await prepare(opts, docs));
    const [small, large] = prepared as [Prepared, Prepared];
    const rounds: { small: BuildSample; large: BuildSample }[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      const got: Partial<{ small: BuildSample; large: BuildSample }> = {};
      const order = r % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
      for (const which of order) {
        const p = which === 'small' ? small : large;
        opts.log(`round ${r + 1}: rebuild, ${p.docs.toLocaleString('en')} documents, in a child process…`);
        const s = await buildInChild(p);
        got[which] = s;
        opts.log(`round ${r + 1}: ${p.docs.toLocaleString('en')} documents: ${s.pages.toLocaleString('en')} files in ${sec(s.wallS)} (CPU ${sec(s.cpuS)}), ${msText(perPageMs(s))}/file, `
          + `peak RSS ${mb(s.peakRss)} (before the rebuild ${mb(s.rssBefore)}; peak heap used ${mb(s.peakHeapUsed)}, external ${mb(s.peakExternal)})`);
      }
      rounds.push(got as { small: BuildSample; large: BuildSample });
    }

    const med = (f: (s: BuildSample) => number, k: 'small' | 'large') => median(rounds.map((r) => f(r[k])));
    const ratio = (f: (s: BuildSample) => number) => median(rounds.map((r) => f(r.large) / f(r.small)));
    const label = (p: Prepared, s: BuildSample) => `${p.docs.toLocaleString('en')} documents, ${s.pages.toLocaleString('en')} files`;
    const timeRatio = ratio(perPageMs);
    const memRatio = ratio((s) => s.peakRss);
    const cpuRatio = ratio(cpuPerPageMs);
    const smallFirst = rounds[0]!.small;
    const largeFirst = rounds[0]!.large;
    const name = (what: string) => `full rebuild ${what}, ${large.docs.toLocaleString('en')} vs ${small.docs.toLocaleString('en')} documents`;
    const figures: Figure[] = [
      {
        name: name('time per file'), value: med(perPageMs, 'large'), unit: 'ms', baseline: { value: med(perPageMs, 'small'), unit: 'ms', label: label(small, smallFirst) },
        ratio: timeRatio, goal: `≤ ${TIME_GROWTH_GOAL}×`, pass: timeRatio <= TIME_GROWTH_GOAL,
      },
      {
        name: name('peak RSS of the building process'), value: med((s) => s.peakRss / MB, 'large'), unit: 'MB', baseline: { value: med((s) => s.peakRss / MB, 'small'), unit: 'MB', label: label(small, smallFirst) },
        ratio: memRatio, goal: `≤ ${MEMORY_GROWTH_GOAL}×`, pass: memRatio <= MEMORY_GROWTH_GOAL,
      },
      {
        name: name('CPU time per file'), value: med(cpuPerPageMs, 'large'), unit: 'ms', baseline: { value: med(cpuPerPageMs, 'small'), unit: 'ms', label: label(small, smallFirst) },
        ratio: cpuRatio, goal: '— (info)', pass: null,
      },
    ];
    const detail = (p: Prepared, k: 'small' | 'large') => `${p.docs.toLocaleString('en')} documents (${p.published.toLocaleString('en')} published, database ${mb(p.bytes)}): `
      + `${(k === 'small' ? smallFirst : largeFirst).pages.toLocaleString('en')} files, wall ${sec(med((s) => s.wallS, k))}, CPU ${sec(med((s) => s.cpuS, k))}, `
      + `peak RSS ${mb(med((s) => s.peakRss, k))} (RSS before the rebuild ${mb(med((s) => s.rssBefore, k))}), peak V8 heap used ${mb(med((s) => s.peakHeapUsed, k))}, external + array buffers ${mb(med((s) => s.peakExternal, k))}`;
    return {
      figures,
      notes: [
        `build growth: site ${SITE}, the publishing bench's generated documents (same seed) at ${small.docs.toLocaleString('en')} and ${large.docs.toLocaleString('en')}, SQLite; `
          + `each round copies the prepared data dir and runs rebuildSite (real page store) in a fresh Node process (bench/lib/build-child.ts) into an empty page store, list positions recorded afresh; `
          + `${opts.rounds} rounds, order of the sizes alternated; time per file = wall time ÷ files written; peak RSS = the child's VmHWM (includes Node, modules and the open platform)`,
        `build growth, medians: ${detail(small, 'small')}; ${detail(large, 'large')}`,
        `build growth, per round (large ÷ small): time per file ${rounds.map((r) => `${formatNumber(perPageMs(r.large) / perPageMs(r.small))}×`).join(', ')}; `
          + `peak RSS ${rounds.map((r) => `${formatNumber(r.large.peakRss / r.small.peakRss)}×`).join(', ')}; growth of RSS over the rebuild (peak − before) `
          + `${mb(med((s) => s.peakRss - s.rssBefore, 'small'))} → ${mb(med((s) => s.peakRss - s.rssBefore, 'large'))}`,
      ],
    };
  } finally {
    for (const p of prepared) await p.drop();
  }
}

export function growthSmallDocs(raw: string | undefined, quick: boolean): number {
  return raw === undefined ? (quick ? QUICK_SMALL_DOCS : GROWTH_SMALL_DOCS) : parseDocs(raw);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, docs: { type: 'string' }, prepare: { type: 'string' } } });
  const opts: BenchOptions = { quick: values.quick, rounds: 3, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) };
  if (values.prepare !== undefined) {
    // For profiling: a prepared data dir, kept (copy it before each `build-child.ts <dir> <site id>`: a rebuild changes it).
    const p = await prepare(opts, parseDocs(values.prepare));
    console.log(`${p.dataDir} ${p.siteId}`);
    process.exit(0);
  }
  const result = await benchBuildGrowth(opts, { small: growthSmallDocs(values.docs, values.quick) });
  console.log(formatTable(result.figures));
  for (const note of result.notes) console.log(`- ${note}`);
}
