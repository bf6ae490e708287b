/**
 * Publish-to-live while the public server is busy: the p95 from one article's last approval to the
 * public server's first 200 with it, on a server left idle and on the same server held at 50 % of
 * its saturation throughput for the public article page. Goal (issue 6): loaded p95 ≤ 2× idle p95.
 *
 * One process serves the public sites and runs the job worker, as `jiyue start` does (buildApp
 * listening on 127.0.0.1, jobs.start()), on a site with N generated documents (default 10,000;
 * bench/lib/site-documents.ts) after one full rebuild. That process is pinned to the server's
 * core, the load generators to another (bench/lib/cpu-pinning.ts).
 *
 * 1. Saturation: autocannon (bench/load.ts, 10 connections, keep-alive, br) on an article page of
 *    the site, as bench/delivery.bench.ts measures it; the median of 3 runs.
 * 2. Rounds, the order of the two phases alternated: publishes on the idle server, then (or first)
 *    the same number while bench/lib/paced-load-child.ts requests the same page at 50 % of that
 *    rate, evenly paced. A publish is the publish-to-live bench's path: a draft created,
 *    submitted and approved through the column's review chain (workflow operations, system
 *    actor); timed from the last approval's return to the first 200 with the title over real
 *    HTTP (polled every 2 ms on a keep-alive socket of its own).
 *
 * Run alone: `node --import tsx bench/live-under-load.bench.ts [--quick] [--docs N]`.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../src/app.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { registerAllJobs } from '../src/register-jobs.js';
import type { Platform } from '../src/platform/platform.js';
import { articlePath, getDocument } from '../src/modules/content/index.js';
import { PUBLISH_DOCUMENT_KIND, publishingDeps, rebuildSite } from '../src/modules/publishing/index.js';
import { columnByHref, publishInto } from '../test/support/public-site-fixtures.js';
import { typicalDocument } from './checks.bench.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { createBenchPlatform } from './lib/bench-server.js';
import { createBenchDatabase } from './lib/bench-database.js';
import { cpuPlan, pinThisProcess } from './lib/cpu-pinning.js';
import { fillSite } from './lib/site-documents.js';
import { loadProblems, runLoad } from './lib/run-load.js';
import type { LoadRun } from './lib/load-plan.js';
import { startPacedLoad, type PacedResult } from './lib/paced-load.js';
import { percentile } from './lib/percentile.js';
import { median } from './lib/stats.js';
import { formatNumber, formatTable } from './lib/print-table.js';
import { msText, parseDocs, sec, SEED, SITE } from './lib/publishing-common.js';

export const UNDER_LOAD_DOCS = 10_000;
const QUICK_UNDER_LOAD_DOCS = 2_000;
/** Goal of issue 6: publish-to-live p95 at half the saturation load no worse than twice idle. */
export const UNDER_LOAD_GOAL = 2;
export const LOAD_SHARE = 0.5;
const CONNECTIONS = 10;
const SOCKETS = 64;
const POLL_MS = 2;
const LIVE_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** GET over a keep-alive socket of its own: status and body. */
function getter(base: string, host: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    get: (url: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
      http.get(`${base}${url}`, { headers: { host }, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => { body += c; });
        res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.once('error', reject);
      }).once('error', reject);
    }),
    close: () => agent.destroy(),
  };
}

export function underLoadDocs(raw: string | undefined, quick: boolean): number {
  return raw === undefined ? (quick ? QUICK_UNDER_LOAD_DOCS : UNDER_LOAD_DOCS) : parseDocs(raw);
}

export function underLoadPublishes(quick: boolean): number {
  return quick ? 8 : 25;
}

/** Waits until no job is queued or running (at most 5 minutes); returns the kinds seen. */
async function drainJobs(p: Platform): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const limit = nowMs() + 300_000; nowMs() < limit;) {
    const busy = await p.db.selectFrom('jobs').select('kind').where('status', 'in', ['queued', 'running']).where('run_at', '<=', p.clock.now()).execute();
    if (busy.length === 0) return seen;
    for (const j of busy) seen.add(j.kind);
    await sleep(200);
  }
  throw new Error(`jobs still busy after 5 minutes: ${[...seen].join(', ')}`);
}

export async function benchLiveUnderLoad(opts: BenchOptions, q: { docs: number; publishes: number }): Promise<BenchResult> {
  const { cpu } = opts;
  const tdb = await createBenchDatabase('sqlite');
  // Undone in reverse order at the end.
  const closers: (() => unknown)[] = [() => tdb.drop()];
  try {
    const p = await createBenchPlatform(tdb);
    closers.push(() => p.close());
    await seedDemo(p, { writeAccountsFile: false, documents: 'minimal' });
    const filled = await fillSite(p, { siteCode: SITE, total: q.docs, seed: SEED + 1, sqliteFile: tdb.name, postgresUrl: null, log: opts.log });
    registerAllJobs(p);
    const t = nowMs();
    const { pages } = await rebuildSite(publishingDeps(p), filled.siteId);
    opts.log(`full rebuild: ${pages.toLocaleString('en')} files in ${sec((nowMs() - t) / 1000)}`);

    const app = await buildApp({ platform: p, logger: { level: p.config.logLevel, file: '/dev/null' } });
    closers.push(() => app.close());
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    p.jobs.start();
    closers.push(() => p.jobs.stop({ graceMs: 5_000 }));
    // Whatever the worker finds due at its start (schedules, catch-up) runs before anything is timed.
    const ran = await drainJobs(p);
    if (ran.size > 0) opts.log(`jobs run by the worker before the measurements: ${[...ran].join(', ')}`);
    const host = `${SITE}.localhost`;
    const page = getter(base, host);
    closers.push(() => page.close());
    const column = await columnByHref(p, SITE, '/tzgg/');
    // The loaded page: the newest article of the column (on the home page and the list's first page too).
    const newest = await p.db.selectFrom('documents').select(['id', 'first_published_at']).where('column_id', '=', column.id).where('status', '=', 'published')
      .orderBy('first_published_at', 'desc').limit(1).executeTakeFirstOrThrow();
    const target = articlePath(Number(newest.id), Number(newest.first_published_at));
    const first = await page.get(target);
    if (first.status !== 200) throw new Error(`${target} answers ${first.status}`);
    const loadHeaders = { host, 'accept-encoding': 'gzip, deflate, br' };

    pinThisProcess(cpu, cpu.serverCpus);
    try {
      // 1. Saturation of the article page.
      const satRun = (i: number): LoadRun => ({
        label: i === 0 ? 'warm-up' : `saturate ${i}`, url: `${base}${target}`, method: 'GET', headers: loadHeaders, mode: 'saturate', connections: CONNECTIONS,
        durationSec: opts.quick ? 2 : 5, warmupSec: 0,
      });
      const sat = (await runLoad(cpu, Array.from({ length: 4 }, (_, i) => satRun(i)))).slice(1);
      const satRps = median(sat.map((r) => r.rps));
      const rate = Math.round(satRps * LOAD_SHARE);
      opts.log(`saturation: ${sat.map((r) => r.rps.toFixed(0)).join(', ')} req/s → load at ${rate} req/s`);

      // 2. Publishes, idle and loaded, interleaved.
      const body = typicalDocument().bodyHtml;
      let n = 0;
      const publishOnce = async (): Promise<number> => {
        const title = `关于做好第${++n}批政务公开重点工作的通知（负载测试）`;
        const id = await publishInto(p, { columnId: column.id, kind: 'notice', title, bodyHtml: body });
        const t0 = nowMs();
        const doc = await getDocument(p.db, id);
        const url = articlePath(id, doc!.firstPublishedAt!);
        for (;;) {
          const res = await page.get(url);
          if (res.status === 200 && res.body.includes(title)) break;
          if (nowMs() - t0 > LIVE_TIMEOUT_MS) throw new Error(`${url} still answers ${res.status} ${LIVE_TIMEOUT_MS} ms after its approval`);
          await sleep(POLL_MS);
        }
        const live = nowMs() - t0;
        // The job's outcome and listeners finish before the next publish.
        const busy = () => p.db.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'running']).where('kind', '=', PUBLISH_DOCUMENT_KIND).executeTakeFirst();
        for (let k = 0; k < 500 && (await busy()) !== undefined; k++) await sleep(10);
        return live;
      };
      const phase = async (): Promise<number[]> => {
        const xs: number[] = [];
        for (let i = 0; i < q.publishes; i++) xs.push(await publishOnce());
        return xs;
      };
      for (let i = 0; i < 3; i++) await publishOnce();

      const rounds: { idle: number[]; loaded: number[]; load: PacedResult }[] = [];
      for (let r = 0; r < opts.rounds; r++) {
        const got: Partial<(typeof rounds)[number]> = {};
        const idle = async () => { got.idle = await phase(); };
        const loaded = async () => {
          const load = await startPacedLoad(cpu, { url: `${base}${target}`, headers: loadHeaders, rate, sockets: SOCKETS });
          await sleep(1_000);
          try { got.loaded = await phase(); } finally { got.load = await load.stop(); }
        };
        for (const step of r % 2 === 0 ? [idle, loaded] : [loaded, idle]) await step();
        const done = got as (typeof rounds)[number];
        rounds.push(done);
        opts.log(`round ${r + 1}: idle p50 ${msText(percentile(done.idle, 50))} p95 ${msText(percentile(done.idle, 95))}; at ${rate} req/s p50 ${msText(percentile(done.loaded, 50))} `
          + `p95 ${msText(percentile(done.loaded, 95))} (load served ${done.load.rps.toFixed(0)} req/s, generator busy ${Math.round(done.load.generatorBusy * 100)} %, p99 ${msText(done.load.latencyP99Ms)}, at most ${done.load.maxInFlight} in flight, ${done.load.non2xx} non-2xx, ${done.load.errors} errors)`);
      }

      const p95s = (k: 'idle' | 'loaded') => rounds.map((r) => percentile(r[k], 95));
      const idleP95 = median(p95s('idle'));
      const loadedP95 = median(p95s('loaded'));
      const ratio = median(rounds.map((r) => percentile(r.loaded, 95) / percentile(r.idle, 95)));
      const loadFailures = rounds.filter((r) => r.load.non2xx > 0 || r.load.errors > 0).map((r) => `${r.load.non2xx} non-2xx ${JSON.stringify(r.load.statusCodes)}, ${r.load.errors} errors`);
      const problems = [...loadProblems(sat), ...loadFailures.map((f) => `paced load: ${f}`)];
      const served = median(rounds.map((r) => r.load.rps));
      // A rate not held: the server fell behind (saturated for part of the phase: other processes on its core), or the
      // generator did (its own core busy: the server saw less than the planned load).
      const behind = rounds.map((r, i) => ({ r, i })).filter(({ r }) => r.load.rps < 0.95 * rate)
        .map(({ r, i }) => `round ${i + 1} served ${formatNumber(r.load.rps)} of ${rate} req/s (${formatNumber((100 * r.load.rps) / satRps)} % of saturation; up to ${r.load.maxInFlight} requests waiting; `
          + `generator busy ${Math.round(r.load.generatorBusy * 100)} %: ${r.load.generatorBusy > 0.9 ? 'the GENERATOR could not keep up, the server saw less load than planned' : 'the SERVER fell behind, saturated for part of the phase'})`);
      const baseline = { value: idleP95, unit: 'ms', label: 'idle server, same run' };
      const figures: Figure[] = [
        {
          name: `publish-to-live p95 at ${Math.round(LOAD_SHARE * 100)} % of saturation (${rate} req/s on the article page), ${q.docs.toLocaleString('en')}-document site`, value: loadedP95, unit: 'ms', baseline,
          ratio, goal: `≤ ${UNDER_LOAD_GOAL}× idle`, pass: problems.length === 0 && ratio <= UNDER_LOAD_GOAL,
        },
        {
          name: `publish-to-live p50 at ${Math.round(LOAD_SHARE * 100)} % of saturation, ${q.docs.toLocaleString('en')}-document site`, value: median(rounds.map((r) => percentile(r.loaded, 50))), unit: 'ms',
          baseline: { value: median(rounds.map((r) => percentile(r.idle, 50))), unit: 'ms', label: 'idle p50, same run' },
          ratio: median(rounds.map((r) => percentile(r.loaded, 50) / percentile(r.idle, 50))), goal: '— (info)', pass: null,
        },
      ];
      return {
        figures,
        notes: [
          `live under load: site ${SITE} with ${q.docs.toLocaleString('en')} generated documents (${filled.set.counts.published.toLocaleString('en')} published), SQLite, after one full rebuild (${pages.toLocaleString('en')} files); `
            + `one process serves (buildApp on 127.0.0.1) and runs the job worker (jobs.start()), pinned to the server core; the load generators in child processes on another`,
          `live under load: saturation of GET ${target} (Host ${host}, br), autocannon ${CONNECTIONS} connections, one untimed run then ${sat[0]!.durationSec.toFixed(0)} s × 3: ${sat.map((r) => r.rps.toFixed(0)).join(', ')} req/s, median ${formatNumber(satRps)}; `
            + `load = ${rate} req/s, paced evenly (open loop, up to ${SOCKETS} keep-alive sockets; not autocannon's overallRate, which sends each second's budget in a burst), started 1 s before the phase's first publish; served ${formatNumber(served)} req/s (median over rounds)`,
          `live under load: ${opts.rounds} rounds × ${q.publishes} publishes per phase (after 3 untimed), phase order alternated; each a notice with the typical 3,000-character body into /tzgg/ through the column's review chain, `
            + `timed from the last approval to the first 200 with the title over HTTP (own keep-alive socket, polled every ${POLL_MS} ms); p95 per phase, the figure the median over rounds, the ratio the median of per-round loaded ÷ idle; `
            + `per round idle / loaded p95: ${rounds.map((r) => `${msText(percentile(r.idle, 95))} / ${msText(percentile(r.loaded, 95))}`).join('; ')}`,
          ...(behind.length > 0 ? [`live under load: the paced rate was not held: ${behind.join('; ')}`] : []),
          ...problems.map((x) => `live under load PROBLEM: ${x}`),
        ],
      };
    } finally {
      pinThisProcess(cpu, cpu.allCpus);
    }
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, docs: { type: 'string' } } });
  const opts: BenchOptions = { quick: values.quick, rounds: 3, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) };
  const result = await benchLiveUnderLoad(opts, { docs: underLoadDocs(values.docs, values.quick), publishes: underLoadPublishes(values.quick) });
  console.log(formatTable(result.figures));
  for (const note of result.notes) console.log(`- ${note}`);
}
