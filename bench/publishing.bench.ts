/**
 * Publishing (发布), in one run on one machine:
 *
 * (b) Full rebuild of one site with N generated documents (default 10,000; `--docs`): Jiyue's
 *     `rebuildSite` against Eleventy building the same HTML pages from the same Liquid templates
 *     and the same data (bench/lib/eleventy-site.ts exports the data objects Jiyue's theme
 *     templates receive; the outputs are checked byte for byte). Pages/s of each, same page
 *     count (the theme-rendered HTML pages: articles, column list pages, home, 404, site map).
 *     Jiyue is timed twice: with its real page store (gzip + brotli variants, SM3 digests,
 *     SM2-signed manifest, temp file + rename) and with a plain store that writes the bytes only
 *     (bench/lib/plain-page-store.ts); both also write the JSON API files, feeds, sitemaps and
 *     assets Eleventy does not, and read everything from the database. The Liquid render time
 *     inside Jiyue's rebuild is reported on its own.
 * (c) Publish-to-live on a site with 100,000 generated documents (`--docs`): one full rebuild
 *     (timed: the baseline), then new articles published through the real path — a draft
 *     created, submitted and approved through the column's whole review chain with the workflow
 *     operations (system actor); the last approval commits the outbox job; the job worker
 *     (started in this process, as `jiyue start` runs it) renders the pages — timed from the
 *     last approval's commit until the public server (buildApp, Fastify inject with Host
 *     `<site code>.localhost`) answers 200 with the new article. p50/p95 over the publishes.
 *
 * A dedicated SQLite database in a temp data dir (bench/lib/bench-database.ts); only loopback.
 * Run alone: `node --import tsx bench/publishing.bench.ts [--quick] [--docs N] [--part rebuild|live]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { seedDemo } from '../src/demo/seed-demo.js';
import { progressBar } from '../src/cli/progress.js';
import type { Platform } from '../src/platform/platform.js';
import { compressVariants, DEFAULT_THEME_DIR, publishingDeps, rebuildSite, type PublishingDeps } from '../src/modules/publishing/index.js';
import { writerThreadBusyMs, type PageStore } from '../src/modules/publishing/page-store/index.js';
import { getThemeSettings, saveThemeSettings } from '../src/modules/publishing/theme-settings.repo.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { createBenchPlatform } from './lib/bench-server.js';
import { createBenchDatabase } from './lib/bench-database.js';
import { fillSite } from './lib/site-documents.js';
import { assertSameLiquidOptions, compareOutputs, RenderCapture, runEleventy, writeEleventyTemplates } from './lib/eleventy-site.js';
import { createPlainPageStore } from './lib/plain-page-store.js';
import { median } from './lib/stats.js';
import { formatNumber, formatTable } from './lib/print-table.js';
import { cpuPlan } from './lib/cpu-pinning.js';
import { parseDocs, sec, seconds, SEED, SITE } from './lib/publishing-common.js';
import { benchPublishToLive, liveDocs, publishCount } from './lib/publish-to-live.js';

export { benchPublishToLive, LIVE_DOCS, LIVE_GOAL_MS, LIVE_GOAL_SHARE, liveDocs, publishCount } from './lib/publish-to-live.js';

export const REBUILD_DOCS = 10_000;
const QUICK_REBUILD_DOCS = 2_000;
/** Goal of the publishing issue: Jiyue's full rebuild at least as fast as Eleventy. */
export const REBUILD_GOAL_RATIO = 1;

/** The platform's publishing deps with the theme engine timed (and captured) and a store of our choosing. */
function benchDeps<S extends PageStore>(base: PublishingDeps, capture: RenderCapture, store: S): PublishingDeps & { readonly store: S } {
  return {
    db: base.db, store, theme: base.theme, events: base.events, clock: base.clock, dataDir: base.dataDir, listeners: base.listeners, ops: base.ops,
    get engine() { return capture.wrap(base.theme.engine); },
  };
}

/** The store with the time spent in apply() (compression, digests, files, manifest, signature) added up. */
function timedStore(store: PageStore): PageStore & { ms: number } {
  const t = {
    ...store,
    ms: 0,
    async apply(site: string, changes: Parameters<PageStore['apply']>[1]) {
      const start = process.hrtime.bigint();
      try { return await store.apply(site, changes); } finally { t.ms += Number(process.hrtime.bigint() - start) / 1e6; }
    },
  };
  return t;
}

interface RebuildTiming {
  readonly s: number;
  /** User + system CPU seconds of this process over the rebuild (less sensitive to other processes than the wall clock). */
  readonly cpuS: number;
  readonly files: number;
  readonly renderMs: number;
  readonly storeMs: number;
  /** Time the main thread was busy (rendering, the database, posting pages). */
  readonly mainBusyS: number;
  /** Time the page store's writer thread was busy (digests, compression, file calls' callbacks). */
  readonly writerBusyS: number;
}

/** One full rebuild of the site, with a progress bar. */
async function timedRebuild(deps: PublishingDeps & { readonly store: PageStore & { ms: number } }, capture: RenderCapture, siteId: number, label: string): Promise<RebuildTiming> {
  capture.resetTimes();
  deps.store.ms = 0;
  const bar = progressBar(`  ${label}`);
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const writer = writerThreadBusyMs();
  try {
    const { pages } = await rebuildSite(deps, siteId, (done, total) => bar.update(done, total));
    const used = process.cpuUsage(cpu);
    return {
      s: seconds(process.hrtime.bigint() - start), cpuS: (used.user + used.system) / 1e6, files: pages, renderMs: capture.renderMs, storeMs: deps.store.ms,
      mainBusyS: performance.eventLoopUtilization(elu).active / 1000, writerBusyS: (writerThreadBusyMs() - writer) / 1000,
    };
  } finally {
    bar.stop();
  }
}

/** Seconds compressVariants takes to give every page the rebuild stored its gzip and brotli variants. */
async function timedVariants(deps: PublishingDeps, siteId: number): Promise<number> {
  const bar = progressBar('  precompressed variants after the rebuild');
  const start = process.hrtime.bigint();
  try {
    await compressVariants(deps, siteId, (done, total) => bar.update(done, total));
    return seconds(process.hrtime.bigint() - start);
  } finally {
    bar.stop();
  }
}

/** (b) Jiyue's full rebuild against Eleventy on the same pages. */
export async function benchRebuildVsEleventy(opts: BenchOptions, q: { docs: number }): Promise<BenchResult> {
  const tdb = await createBenchDatabase('sqlite');
  let platform: Platform | null = null;
  try {
    platform = await createBenchPlatform(tdb);
    const p = platform;
    await seedDemo(p, { writeAccountsFile: false, documents: 'minimal' });
    const filled = await fillSite(p, { siteCode: SITE, total: q.docs, seed: SEED, sqliteFile: tdb.name, postgresUrl: null, log: opts.log });
    const base = publishingDeps(p);
    assertSameLiquidOptions(await base.theme.refresh(p.db));
    const capture = new RenderCapture();
    const real = benchDeps(base, capture, timedStore(base.store));
    const plainRoot = path.join(tdb.dataDir, 'plain-pages');
    const plain = benchDeps(base, capture, timedStore(createPlainPageStore(plainRoot)));
    const project = path.join(tdb.dataDir, 'eleventy');
    const eleventyOut = path.join(project, 'out');

    // Warm-up: the first rebuild also records every list position (published_items); the second
    // exports what each theme template receives into the Eleventy project.
    const first = await timedRebuild(real, capture, filled.siteId, `first rebuild (records list positions), ${q.docs.toLocaleString('en')} documents`);
    opts.log(`first rebuild: ${first.files.toLocaleString('en')} files in ${sec(first.s)}`);
    capture.startExport(project);
    await timedRebuild(plain, capture, filled.siteId, 'export rebuild (writes the Eleventy data files)');
    capture.stopExport();
    writeEleventyTemplates(project, capture);
    const htmlPages = capture.paths.size;
    const byTemplate = [...capture.pagesByTemplate].map(([t, n]) => `${t} ${n}`).join(', ');
    opts.log(`exported ${htmlPages.toLocaleString('en')} theme pages (${byTemplate}); Eleventy warm-up build…`);
    const warm = await runEleventy(project, eleventyOut, DEFAULT_THEME_DIR);
    const check = compareOutputs(capture, eleventyOut, plainRoot);
    if (check.differ.length > 0) throw new Error(`Eleventy and Jiyue differ on ${check.differ.length} pages, e.g. ${check.differ.slice(0, 3).join(', ')}`);
    opts.log(`Eleventy warm-up: ${sec(warm.ms / 1000)}; all ${check.same.toLocaleString('en')} pages byte-identical to Jiyue's`);

    const rounds: { real: RebuildTiming; variantsS: number; unchanged: RebuildTiming; empty: RebuildTiming; plain: RebuildTiming; eleventy: number; eleventyCpu: number }[] = [];
    const realSiteDir = path.join(real.store.root, SITE);
    // A theme change (the site's palette, as 网站发布 saves it) alters every HTML page: the
    // rebuild that follows is the usual reason to rebuild a whole site.
    const switchPalette = async () => {
      const s = await getThemeSettings(p.db, filled.siteId);
      await saveThemeSettings(p.db, filled.siteId, { ...s, palette: s.palette === 'red' ? 'blue' : 'red' }, null, Date.now());
    };
    for (let r = 0; r < opts.rounds; r++) {
      const got: Partial<(typeof rounds)[number]> = {};
      const steps: (() => Promise<void>)[] = [
        async () => {
          await switchPalette();
          got.real = await timedRebuild(real, capture, filled.siteId, `round ${r + 1}: Jiyue rebuild, real page store, theme changed (every HTML page rewritten)`);
          got.variantsS = await timedVariants(real, filled.siteId);
          got.unchanged = await timedRebuild(real, capture, filled.siteId, `round ${r + 1}: Jiyue rebuild, real page store, nothing changed`);
          // Every file created anew: the site's folder (pages and manifest) is emptied first.
          fs.rmSync(realSiteDir, { recursive: true, force: true });
          got.empty = await timedRebuild(real, capture, filled.siteId, `round ${r + 1}: Jiyue rebuild, real page store, into an empty folder`);
          // Back to a live site's steady state (every page with its variants) for the next round.
          await compressVariants(real, filled.siteId);
        },
        async () => { got.plain = await timedRebuild(plain, capture, filled.siteId, `round ${r + 1}: Jiyue rebuild, plain files`); },
        async () => {
          opts.log(`round ${r + 1}: Eleventy build…`);
          const e = await runEleventy(project, eleventyOut, DEFAULT_THEME_DIR);
          got.eleventy = e.ms / 1000;
          got.eleventyCpu = e.cpuMs / 1000;
        },
      ];
      for (let i = 0; i < steps.length; i++) await steps[(i + r) % steps.length]!();
      const done = got as (typeof rounds)[number];
      rounds.push(done);
      opts.log(`round ${r + 1}: Jiyue theme changed ${sec(done.real.s)} then variants ${sec(done.variantsS)} (CPU ${sec(done.real.cpuS)}; busy: main thread ${sec(done.real.mainBusyS)}, writer thread ${sec(done.real.writerBusyS)}), unchanged ${sec(done.unchanged.s)}, empty folder ${sec(done.empty.s)}, plain files ${sec(done.plain.s)} (CPU ${sec(done.plain.cpuS)}), Eleventy ${sec(done.eleventy)} (CPU ${sec(done.eleventyCpu)})`);
    }

    const pps = (s: number) => htmlPages / s;
    const eleventyPps = rounds.map((r) => pps(r.eleventy));
    const realPps = rounds.map((r) => pps(r.real.s));
    const unchangedPps = rounds.map((r) => pps(r.unchanged.s));
    const withVariantsPps = rounds.map((r) => pps(r.real.s + r.variantsS));
    const emptyPps = rounds.map((r) => pps(r.empty.s));
    const plainPps = rounds.map((r) => pps(r.plain.s));
    const eleventyBase = { value: median(eleventyPps), unit: 'pages/s', label: `Eleventy ${eleventyVersion()}, same ${htmlPages.toLocaleString('en')} pages` };
    const ratio = (xs: number[]) => median(xs.map((x, i) => x / eleventyPps[i]!));
    const goal = `≥ ${REBUILD_GOAL_RATIO}× Eleventy`;
    const figures: Figure[] = [
      { name: `full rebuild, ${q.docs.toLocaleString('en')} documents: Jiyue (real page store, after a theme change: every HTML page rewritten and live)`, value: median(realPps), unit: 'pages/s', baseline: eleventyBase, ratio: ratio(realPps), goal, pass: ratio(realPps) >= REBUILD_GOAL_RATIO },
      { name: `full rebuild, ${q.docs.toLocaleString('en')} documents: Jiyue (real page store, theme changed, until every page also has its gzip and brotli variants)`, value: median(withVariantsPps), unit: 'pages/s', baseline: eleventyBase, ratio: ratio(withVariantsPps), goal: '— (info)', pass: null },
      { name: `full rebuild, ${q.docs.toLocaleString('en')} documents: Jiyue (real page store, into an empty folder: every file created)`, value: median(emptyPps), unit: 'pages/s', baseline: eleventyBase, ratio: ratio(emptyPps), goal: '— (info)', pass: null },
      { name: `full rebuild, ${q.docs.toLocaleString('en')} documents: Jiyue (real page store, nothing changed: pages rendered, none rewritten)`, value: median(unchangedPps), unit: 'pages/s', baseline: eleventyBase, ratio: ratio(unchangedPps), goal: '— (info)', pass: null },
      { name: `full rebuild, ${q.docs.toLocaleString('en')} documents: Jiyue (plain files, no variants/manifest)`, value: median(plainPps), unit: 'pages/s', baseline: eleventyBase, ratio: ratio(plainPps), goal: '— (info)', pass: null },
    ];
    const realMs = (k: 'renderMs' | 'storeMs') => median(rounds.map((r) => r.real[k]));
    const renderPps = median(rounds.map((r) => pps((r.real.renderMs + r.plain.renderMs) / 2000)));
    figures.push({ name: 'Jiyue Liquid render phase alone (renderFileSync time inside the rebuild)', value: renderPps, unit: 'pages/s', baseline: eleventyBase, ratio: median(rounds.map((r, i) => pps((r.real.renderMs + r.plain.renderMs) / 2000) / eleventyPps[i]!)), goal: '— (info)', pass: null });
    const realS = median(rounds.map((r) => r.real.s));
    const cpu = (k: 'real' | 'plain' | 'eleventy') => median(rounds.map((r) => (k === 'eleventy' ? r.eleventyCpu : r[k].cpuS)));
    return {
      figures,
      notes: [
        `rebuild: one site (${SITE}) with ${q.docs.toLocaleString('en')} generated documents (${filled.set.counts.published.toLocaleString('en')} published; the demo mix of that site, bench/lib/document-set.ts), SQLite; `
          + `${htmlPages.toLocaleString('en')} theme pages (${byTemplate}) — the page count of every pages/s figure; Jiyue's rebuild writes ${rounds[0]!.real.files.toLocaleString('en')} files in all (plus article/column/site JSON, RSS/Atom feeds, sitemaps, robots.txt, assets)`,
        `rebuild, Jiyue (real page store, after a theme change): the site's palette is switched (as the console saves it: every HTML page's bytes change; JSON, feeds and sitemaps do not), then rebuildSite runs as the publishing job runs it — reads every document and list from the database, renders, `
          + `writes each file to a temp name (or a spare: a file replaced at least 60 s earlier, kept instead of deleted) and renames it, SM3 of every file, the touched manifest shards (of 256) + SM2-signed root per batch of 1,500 files, `
          + `one batch written while the next renders; the pages' old gzip/brotli variants are removed and the new pages listed as pending variants (served as stored; nginx compresses them meanwhile); timed until the last batch's manifest is signed and pages.changed sent (the whole site live); `
          + `median ${sec(realS)}: Liquid render ${sec(realMs('renderMs') / 1000)}, page store apply ${sec(realMs('storeMs') / 1000)} (overlapping the rendering)`,
        `rebuild, Jiyue (until every page also has its variants): the same, then compressVariants as the rebuild job runs it next — gzip and brotli of every pending page ≥ 1 KB on the writer threads, SM3 of each variant, written atomically, listed in the manifest 500 pages at a time under the site's lock `
          + `(median of the variants pass alone ${sec(median(rounds.map((r) => r.variantsS)))})`,
        `rebuild, Jiyue (real page store, into an empty folder): the site's page-store folder (pages and manifest) deleted first, so every file and folder is created (median ${sec(median(rounds.map((r) => r.empty.s)))}, CPU ${sec(median(rounds.map((r) => r.empty.cpuS)))})`,
        `rebuild, Jiyue (real page store, nothing changed): the same rebuild again right after — every page rendered, its SM3 compared with the signed manifest and the file's size checked; no file written (median ${sec(median(rounds.map((r) => r.unchanged.s)))})`,
        `rebuild, Jiyue (plain files): the same rebuildSite with a store that only does mkdir + writeFile per file (median ${sec(median(rounds.map((r) => r.plain.s)))}, store ${sec(median(rounds.map((r) => r.plain.storeMs)) / 1000)})`,
        `rebuild, Eleventy ${eleventyVersion()}: programmatic API (new Eleventy(input, output).write()) in a fresh Node process per round, timed from construction to write() resolving: `
          + `reads ${htmlPages.toLocaleString('en')} JSON data files (one per page, exactly the variables Jiyue's templates receive, captured from Jiyue's renderFileSync calls), paginates, renders `
          + `themes/default (includes folder) with the theme engine's LiquidJS options (strict variables/filters, ownPropertyOnly, escaped output), writes the HTML files (mkdir + writeFile); `
          + `module loading excluded; median ${sec(median(rounds.map((r) => r.eleventy)))}; Eleventy's output checked byte-identical to Jiyue's for all ${htmlPages.toLocaleString('en')} pages`,
        `rebuild: ${opts.rounds} rounds, order rotated each round; each pages/s figure is the median, the ratio the median of per-round ratios; the render-phase row is ${htmlPages.toLocaleString('en')} ÷ the summed renderFileSync time of one rebuild`,
        `rebuild, CPU time (user + system of the building process; less sensitive to other load than the wall clock): Jiyue real page store ${sec(cpu('real'))} (${formatNumber(htmlPages / cpu('real'))} pages per CPU-second, `
          + `${formatNumber(cpu('eleventy') / cpu('real'))}× Eleventy), plain files ${sec(cpu('plain'))} (${formatNumber(htmlPages / cpu('plain'))}, ${formatNumber(cpu('eleventy') / cpu('plain'))}× Eleventy), `
          + `Eleventy ${sec(cpu('eleventy'))} (${formatNumber(htmlPages / cpu('eleventy'))}); medians`,
      ],
    };
  } finally {
    await platform?.close();
    await tdb.drop();
  }
}

function eleventyVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../node_modules/@11ty/eleventy/package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '?';
  }
}

export function rebuildDocs(raw: string | undefined, quick: boolean): number {
  return raw === undefined ? (quick ? QUICK_REBUILD_DOCS : REBUILD_DOCS) : parseDocs(raw);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, docs: { type: 'string' }, part: { type: 'string' } } });
  const opts: BenchOptions = { quick: values.quick, rounds: 3, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) };
  const results: BenchResult[] = [];
  if (values.part !== 'live') results.push(await benchRebuildVsEleventy(opts, { docs: rebuildDocs(values.docs, values.quick) }));
  if (values.part !== 'rebuild') results.push(await benchPublishToLive(opts, { docs: liveDocs(values.docs, values.quick), publishes: publishCount(values.quick) }));
  console.log(formatTable(results.flatMap((r) => r.figures)));
  for (const note of results.flatMap((r) => r.notes)) console.log(`- ${note}`);
}
