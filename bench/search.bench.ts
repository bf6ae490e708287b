/**
 * Search at scale (default 1,000,000 Chinese documents, bench/lib/search-corpus.ts) on both
 * engines with the same data:
 *
 * - (d) search p95 of a realistic query mix (short service words, two-character words,
 *   service names, policy areas, place + word, quoted phrases, questions), platform-wide and
 *   relevance-ordered, through `searchDocuments` exactly as the public API calls it (with the
 *   query log): SQLite FTS5 against PostgreSQL tsvector + GIN; and each engine with a site
 *   filter against itself without one (same queries, a site drawn by its share of documents);
 * - (e) indexing throughput including jieba segmentation (the module's indexBatches, as the
 *   reindex job runs it: batches of 200 joined into transactions of 1,000 documents, the next
 *   transaction's batches segmented on a worker thread meanwhile) against segmentation alone on
 *   one thread, on the same documents.
 *
 * Run alone: `node --import tsx bench/search.bench.ts [--quick] [--docs N] [--queries N]`.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle, type Engine } from '../src/db/index.js';
import { Prng } from '../src/demo/documents/prng.js';
import { COUNT_CAP, DOCS_PER_TRANSACTION, indexBatches, REINDEX_BATCH, RELEVANCE_WINDOW, searchDocuments, segmentEntry, SegmentWorker, warmUpSegmenter, type SearchEntry } from '../src/modules/search/index.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { createBenchDatabase } from './lib/bench-database.js';
import { corpusDocuments, corpusQueries, corpusSites, type CorpusSite } from './lib/search-corpus.js';
import { median } from './lib/stats.js';
import { percentile } from './lib/percentile.js';
import { formatNumber, formatTable } from './lib/print-table.js';
import { cpuPlan } from './lib/cpu-pinning.js';
import { postgresVersion } from './lib/postgres-available.js';

export const SEARCH_GOAL_MS = 50;
export const DEFAULT_DOCS = 1_000_000;
export const QUICK_DOCS = 20_000;
const SEED = 20_261_126;
/** "Now" of the generated history (fixed, so the set is the same on every run). */
const NOW = Date.UTC(2026, 10, 26, 4, 0, 0);

interface Target {
  readonly engine: Engine;
  readonly dbh: DatabaseHandle;
  readonly drop: () => Promise<void>;
  readonly sizeOf: () => Promise<number>;
}

async function openTarget(engine: Engine): Promise<Target> {
  const tdb = await createBenchDatabase(engine);
  const dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
  await dbh.migrate();
  const sizeOf = async (): Promise<number> => {
    if (engine === 'sqlite') {
      return fs.readdirSync(tdb.dataDir).filter((f) => f.startsWith('jiyue.db')).reduce((s, f) => s + fs.statSync(`${tdb.dataDir}/${f}`).size, 0);
    }
    const r = await sql<{ n: number }>`select (pg_total_relation_size('search_entries') + pg_total_relation_size('search_terms'))::bigint as n`.execute(dbh.db);
    return Number(r.rows[0]?.n ?? 0);
  };
  return { engine, dbh, sizeOf, drop: async () => { await dbh.close(); await tdb.drop(); } };
}

const elapsed = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/** The set in batches of REINDEX_BATCH, as the reindex job reads the content feed. */
function* corpusBatches(sites: readonly CorpusSite[], first: number, count: number): Generator<SearchEntry[]> {
  for (let at = first; at < first + count; at += REINDEX_BATCH) {
    yield corpusDocuments(sites, { first: at, count: Math.min(REINDEX_BATCH, first + count - at), seed: SEED, now: NOW });
  }
}

/** Loads the whole set into one engine through the module's bulk path (indexBatches); returns seconds. */
async function load(t: Target, sites: readonly CorpusSite[], docs: number, log: (m: string) => void): Promise<number> {
  const started = Date.now();
  let reported = 0;
  await indexBatches(t.dbh.db, corpusBatches(sites, 1, docs), {
    now: () => NOW, freshTerms: true,
    onBatch: async (done) => {
      if (done - reported < 100_000 && done < docs) return;
      reported = done;
      const rate = done / ((Date.now() - started) / 1000);
      log(`${t.engine}: loaded ${done.toLocaleString('en')} of ${docs.toLocaleString('en')} (${Math.round(rate)} docs/s, about ${Math.round((docs - done) / rate / 60)} min left)`);
    },
  });
  return (Date.now() - started) / 1000;
}

/**
 * (e) per round: new documents (ids above the loaded set, as publishing adds them) segmented
 * alone on this thread (segmentEntry), then indexed by indexBatches into each engine's full
 * index; and, for information, a re-index of as many existing documents (what the reindex job
 * does: each entry replaced in place). Documents are generated before the clocks start.
 */
async function indexingRounds(targets: readonly Target[], sites: readonly CorpusSite[], docs: number, rounds: number, perRound: number):
  Promise<{ segMs: number[]; indexMs: Map<Engine, number[]>; replaceMs: Map<Engine, number[]> }> {
  const segMs: number[] = [];
  const indexMs = new Map<Engine, number[]>(targets.map((t) => [t.engine, []]));
  const replaceMs = new Map<Engine, number[]>(targets.map((t) => [t.engine, []]));
  // Started and warmed up before the clocks: its 0.3 s dictionary load is once per reindex, not per document.
  const worker = SegmentWorker.start();
  await worker.ready();
  for (let r = 0; r < rounds; r++) {
    const fresh = [...corpusBatches(sites, docs + 1 + r * perRound, perRound)];
    const again = [...corpusBatches(sites, 1 + ((r * perRound * 7919) % Math.max(1, docs - perRound)), perRound)];
    const t0 = process.hrtime.bigint();
    for (const b of fresh) b.map(segmentEntry);
    segMs.push(elapsed(t0));
    for (const t of targets) {
      const t1 = process.hrtime.bigint();
      await indexBatches(t.dbh.db, fresh, { now: () => NOW, worker });
      indexMs.get(t.engine)!.push(elapsed(t1));
      const t2 = process.hrtime.bigint();
      await indexBatches(t.dbh.db, again, { now: () => NOW, worker });
      replaceMs.get(t.engine)!.push(elapsed(t2));
    }
  }
  await worker.stop();
  return { segMs, indexMs, replaceMs };
}

interface QueryCase {
  readonly q: string;
  readonly siteId: number;
}

function queryCases(sites: readonly CorpusSite[], n: number): QueryCase[] {
  const rng = new Prng(SEED + 1);
  const total = sites.reduce((s, x) => s + x.weight, 0);
  return corpusQueries(rng, n).map((q) => {
    let r = rng.next() * total;
    const site = sites.find((s) => (r -= s.weight) <= 0) ?? sites[0]!;
    return { q, siteId: site.id };
  });
}

type Variant = 'all' | 'site';

async function timeSearch(t: Target, c: QueryCase, variant: Variant): Promise<number> {
  const t0 = process.hrtime.bigint();
  await searchDocuments(t.dbh.db, { q: c.q, ...(variant === 'site' ? { siteId: c.siteId } : {}), sort: 'relevance', page: 1, pageSize: 20, log: true, now: NOW });
  return elapsed(t0);
}

export async function benchSearch(opts: BenchOptions, engines: readonly Engine[], q: { docs: number; queries?: number }): Promise<BenchResult> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  warmUpSegmenter();
  const sites = corpusSites();
  const targets: Target[] = [];
  try {
    for (const e of engines) targets.push(await openTarget(e));
    const loadSeconds = new Map<Engine, number>();
    for (const t of targets) loadSeconds.set(t.engine, await load(t, sites, q.docs, opts.log));
    for (const t of targets) {
      const t1 = Date.now();
      if (t.engine === 'postgres') await sql`vacuum analyze search_entries`.execute(t.dbh.db);
      else {
        // Both FTS5 tables, as the reindex job compacts them.
        await sql`insert into search_fts (search_fts) values ('optimize')`.execute(t.dbh.db);
        await sql`insert into search_title_fts (search_title_fts) values ('optimize')`.execute(t.dbh.db);
      }
      opts.log(`${t.engine}: ${t.engine === 'postgres' ? 'vacuum analyze' : 'FTS5 optimize'} took ${((Date.now() - t1) / 1000).toFixed(1)} s; index ${(await t.sizeOf() / 2 ** 20).toFixed(0)} MiB`);
    }

    // (e) Indexing including segmentation vs segmentation alone, interleaved rounds.
    const perRound = Math.min(q.docs, opts.quick ? 4_000 : 20_000);
    opts.log(`indexing rounds: ${opts.rounds} × ${perRound.toLocaleString('en')} documents…`);
    const { segMs, indexMs, replaceMs } = await indexingRounds(targets, sites, q.docs, opts.rounds, perRound);
    const rate = (ms: number) => perRound / (ms / 1000);
    const segRate = { value: median(segMs.map(rate)), unit: 'docs/s', label: 'jieba segmentation alone' };
    for (const t of targets) {
      const label = t.engine === 'sqlite' ? 'SQLite FTS5' : 'PostgreSQL GIN';
      const idx = indexMs.get(t.engine)!;
      const ratio = median(segMs.map((s, i) => s / (idx[i] ?? s)));
      figures.push({ name: `indexing incl. segmentation, new documents, ${label}`, value: median(idx.map(rate)), unit: 'docs/s', baseline: segRate, ratio, goal: '≥ 0.5×', pass: ratio >= 0.5 });
      const rep = replaceMs.get(t.engine)!;
      figures.push({
        name: `re-indexing existing documents (reindex job), ${label}`, value: median(rep.map(rate)), unit: 'docs/s', baseline: segRate,
        ratio: median(segMs.map((s, i) => s / (rep[i] ?? s))), goal: '—', pass: null,
      });
    }

    // (d) Query latency, interleaved: every query on every engine and variant in each round, order rotated.
    const cases = queryCases(sites, q.queries ?? (opts.quick ? 60 : 200));
    const combos = targets.flatMap((t) => (['all', 'site'] as const).map((v) => ({ t, v })));
    opts.log(`warming up with ${cases.length} queries…`);
    for (const c of cases) for (const { t, v } of combos) await timeSearch(t, c, v);
    const samples = new Map<string, number[][]>();
    for (let round = 0; round < opts.rounds; round++) {
      const times = new Map(combos.map(({ t, v }) => [`${t.engine}/${v}`, [] as number[]]));
      for (const [i, c] of cases.entries()) {
        for (let k = 0; k < combos.length; k++) {
          const { t, v } = combos[(i + k + round) % combos.length]!;
          times.get(`${t.engine}/${v}`)!.push(await timeSearch(t, c, v));
        }
      }
      for (const [key, list] of times) samples.set(key, [...(samples.get(key) ?? []), list]);
      opts.log(`round ${round + 1}: ${[...times].map(([k, l]) => `${k} p95 ${formatNumber(percentile(l, 95))} ms`).join(', ')}`);
    }
    const p95 = (key: string): number[] => (samples.get(key) ?? []).map((l) => percentile(l, 95));
    const p50 = (key: string): number => median((samples.get(key) ?? []).map((l) => percentile(l, 50)));
    const has = (e: Engine) => targets.some((t) => t.engine === e);
    if (has('sqlite') && has('postgres')) {
      const fts = p95('sqlite/all');
      const pg = p95('postgres/all');
      const ratio = median(fts.map((v, i) => v / (pg[i] ?? v)));
      const value = median(fts);
      figures.push({
        name: `search p95, ${q.docs.toLocaleString('en')} docs, FTS5 vs PostgreSQL GIN`, value, unit: 'ms',
        baseline: { value: median(pg), unit: 'ms', label: 'PostgreSQL GIN p95' }, ratio, goal: `≤ 1.0× and ≤ ${SEARCH_GOAL_MS} ms`, pass: ratio <= 1 && value <= SEARCH_GOAL_MS,
      });
    } else if (has('sqlite')) {
      const value = median(p95('sqlite/all'));
      figures.push({ name: `search p95, ${q.docs.toLocaleString('en')} docs, FTS5`, value, unit: 'ms', baseline: null, ratio: null, goal: `≤ ${SEARCH_GOAL_MS} ms`, pass: value <= SEARCH_GOAL_MS });
    }
    for (const t of targets) {
      const label = t.engine === 'sqlite' ? 'FTS5' : 'PostgreSQL GIN';
      const site = p95(`${t.engine}/site`);
      const all = p95(`${t.engine}/all`);
      const ratio = median(site.map((v, i) => v / (all[i] ?? v)));
      figures.push({
        name: `search p95 with a site filter, ${label}`, value: median(site), unit: 'ms',
        baseline: { value: median(all), unit: 'ms', label: 'same queries, no filter' }, ratio, goal: '≤ 1.5×', pass: ratio <= 1.5,
      });
      figures.push({ name: `search p50 (no filter / site filter), ${label}`, value: p50(`${t.engine}/all`), unit: `ms / ${formatNumber(p50(`${t.engine}/site`))} ms`, baseline: null, ratio: null, goal: '—', pass: null });
    }
    const sizes = await Promise.all(targets.map(async (t) => `${t.engine} ${(await t.sizeOf() / 2 ** 30).toFixed(2)} GiB`));
    const sample = corpusDocuments(sites, { first: 1, count: Math.min(q.docs, 10_000), seed: SEED, now: NOW });
    const chars = sample.reduce((n, e) => n + e.title.length + e.bodyText.length, 0) / sample.length;
    notes.push(`search set: ${q.docs.toLocaleString('en')} generated documents on ${sites.length} sites, ${Math.round(chars)} characters on average (title + body); loaded with indexBatches in ${[...loadSeconds].map(([e, s]) => `${Math.round(s)} s (${e}, ${Math.round(q.docs / s)} docs/s)`).join(' and ')}; index size: ${sizes.join(', ')}`);
    notes.push(`search queries: ${cases.length} from the query mix × ${opts.rounds} rounds × {no filter, site filter} per engine, relevance order, page 1 of 20, through searchDocuments with the anonymous query log, after one warm-up pass; relevance takes the newest title matches first and ranks the newest ${RELEVANCE_WINDOW} others only when they do not fill the page (with a phrase, the others go newest first and only as many are read as the page needs); counts are exact up to ${COUNT_CAP.toLocaleString('en')} matches in all (beyond that, group counts are those of the first ${(COUNT_CAP + 1).toLocaleString('en')} found)`);
    notes.push(`indexing throughput: per round, ${perRound.toLocaleString('en')} new documents segmented alone on one thread (segmentEntry: normalization, jieba cutForSearch of title, body and metadata, precise-mode title words for suggestions), then indexed by indexBatches into the full index (batches of ${REINDEX_BATCH}, joined into transactions of ${DOCS_PER_TRANSACTION.toLocaleString('en')} documents; a worker thread segments the next transaction's batches while the main thread writes the current one); ratio = segmentation time ÷ indexing time. The re-indexing row replaces as many existing entries in place (its SQLite cost is mostly rewriting rows whose 3-byte-per-character body text spills onto overflow pages)`);
  } finally {
    for (const t of targets) await t.drop().catch(() => undefined);
  }
  return { figures, notes };
}

export function searchDocumentCount(raw: string | undefined, quick: boolean): number {
  if (raw === undefined) return quick ? QUICK_DOCS : DEFAULT_DOCS;
  const n = Number(raw.replace(/[,_]/g, ''));
  if (!Number.isInteger(n) || n < 1_000 || n > 20_000_000) throw new RangeError(`--docs must be a whole number from 1000 to 20000000, not ${raw}`);
  return n;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, docs: { type: 'string' }, queries: { type: 'string' }, engine: { type: 'string' } } });
  const pg = values.engine === 'sqlite' ? null : await postgresVersion();
  const engines: Engine[] = values.engine === 'postgres' ? ['postgres'] : pg ? ['sqlite', 'postgres'] : ['sqlite'];
  const started = Date.now();
  const result = await benchSearch({ quick: values.quick, rounds: 3, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) }, engines,
    { docs: searchDocumentCount(values.docs, values.quick), ...(values.queries ? { queries: Number(values.queries) } : {}) });
  console.log(formatTable(result.figures));
  for (const note of result.notes) console.log(`- ${note}`);
  console.log(`- took ${Math.round((Date.now() - started) / 1000)} s; PostgreSQL ${pg ?? 'not used'}`);
}
