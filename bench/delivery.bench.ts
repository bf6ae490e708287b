/**
 * Public pages: requests per second for one article page (about 15 KB of HTML, sent br-compressed
 * as browsers ask) from
 *
 * - Jiyue's public server (Host → site, signed manifest, SM3-verified bytes from its cache),
 * - nginx (Debian package) serving the same page-store files with the configuration
 *   `jiyue pages nginx` generates — the baseline,
 * - nginx in front of the page store with misses proxied to Jiyue (`--upstream`): the article is
 *   a hit, so nginx answers it from the file,
 * - and, for information, Jiyue with its verified cache off (JIYUE_PAGE_CACHE_BYTES=0): a disk
 *   read and an SM3 hash per request.
 *
 * Each server gets the same one core (taskset), the load generator (autocannon, 10 connections,
 * keep-alive) another; rounds interleave the servers. nginx is installed with apt-get when
 * missing (root only); without it the bench says so and records nothing.
 *
 * Run alone: `node --import tsx bench/delivery.bench.ts [--quick]`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Platform } from '../src/platform/platform.js';
import { nginxConfig } from '../src/modules/delivery/index.js';
import { brotliModuleAvailable, freePort, installNginx, startNginx, type RunningNginx } from '../test/support/nginx.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { ARTICLE, ARTICLE_HEADERS, createArticleSite, HOST, SITE, startJiyue } from './lib/article-page.js';
import { cpuPlan } from './lib/cpu-pinning.js';
import type { LoadResult, LoadRun } from './lib/load-plan.js';
import { loadProblems, runInterleaved } from './lib/run-load.js';
import { median } from './lib/stats.js';
import { formatTable } from './lib/print-table.js';

export const DIRECT_GOAL = 0.5;
export const FRONT_GOAL = 0.9;
const CONNECTIONS = 10;
export async function benchDelivery(opts: BenchOptions): Promise<BenchResult> {
  const { cpu, rounds, quick } = opts;
  if (!installNginx(opts.log)) return { figures: [], notes: ['delivery: nginx is not installed (apt-get install nginx libnginx-mod-http-brotli-static): skipped'] };
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const site0 = await createArticleSite();
    closers.push(() => site0.close());
    const { platform, store, manifest, article } = site0;
    const entry = manifest.entries.get(ARTICLE);

    const jiyue = await startJiyue(platform);
    closers.push(() => jiyue.close());
    // The same platform with the verified cache switched off (a new page store instance, same files).
    const uncachedPlatform: Platform = { ...platform, config: Object.freeze({ ...platform.config, pageCacheBytes: 0 }) };
    const uncached = await startJiyue(uncachedPlatform);
    closers.push(() => uncached.close());

    const site = { code: SITE, name: '江苏省人民政府', domains: [HOST], manifest };
    const nginxPort = await freePort();
    const frontPort = await freePort();
    const base = { storeRoot: path.resolve(store.root), brotli: brotliModuleAvailable(), generatedAt: new Date().toISOString() };
    const nginx: RunningNginx = await startNginx({ include: nginxConfig([site], { ...base, listen: `127.0.0.1:${nginxPort}`, upstream: null }), port: nginxPort, workers: 1, cpus: cpu.serverCpus });
    closers.push(() => nginx.stop());
    const front: RunningNginx = await startNginx({
      include: nginxConfig([site], { ...base, listen: `127.0.0.1:${frontPort}`, upstream: `127.0.0.1:${jiyue.port}` }), port: frontPort, workers: 1, cpus: cpu.serverCpus,
    });
    closers.push(() => front.stop());

    const headers = ARTICLE_HEADERS;
    const run = (label: string, port: number): LoadRun => ({
      label, url: `http://127.0.0.1:${port}${ARTICLE}`, method: 'GET', headers, mode: 'saturate', connections: CONNECTIONS, durationSec: quick ? 1 : 5, warmupSec: 0,
    });
    const subjects = [run('jiyue', jiyue.port), run('nginx', nginxPort), run('front', frontPort), run('uncached', uncached.port)];
    const { results, of } = await runInterleaved(cpu, subjects, rounds);
    const [j, n, f, u] = ['jiyue', 'nginx', 'front', 'uncached'].map(of) as [LoadResult[], LoadResult[], LoadResult[], LoadResult[]];
    for (let i = 0; i < rounds; i++) {
      opts.log(`delivery round ${i + 1}: Jiyue ${j[i]?.rps.toFixed(0)} req/s, nginx ${n[i]?.rps.toFixed(0)}, nginx in front ${f[i]?.rps.toFixed(0)}, Jiyue without cache ${u[i]?.rps.toFixed(0)}`);
    }
    const ratio = (a: LoadResult[]) => median(a.map((x, i) => x.rps / (n[i]?.rps ?? Number.NaN)));
    const problems = loadProblems(results);
    const nginxRps = median(n.map((x) => x.rps));
    const baseline = { value: nginxRps, unit: 'req/s', label: 'nginx, same files' };
    const figures: Figure[] = [
      {
        name: `GET article page (${Math.round(article.length / 1024)} KB, br), Jiyue public server`, value: median(j.map((x) => x.rps)), unit: 'req/s', baseline,
        ratio: ratio(j), goal: `≥ ${DIRECT_GOAL}× nginx`, pass: problems.length === 0 && ratio(j) >= DIRECT_GOAL,
      },
      {
        name: 'GET article page, nginx in front (misses to Jiyue)', value: median(f.map((x) => x.rps)), unit: 'req/s', baseline,
        ratio: ratio(f), goal: `≥ ${FRONT_GOAL}× nginx`, pass: problems.length === 0 && ratio(f) >= FRONT_GOAL,
      },
      {
        name: 'GET article page, Jiyue with JIYUE_PAGE_CACHE_BYTES=0 (read + SM3 per request)', value: median(u.map((x) => x.rps)), unit: 'req/s', baseline,
        ratio: ratio(u), goal: 'info', pass: null,
      },
    ];
    return {
      figures,
      notes: [
        `delivery: ${rounds} interleaved rounds of ${subjects[0]!.durationSec} s per server, ${CONNECTIONS} connections (autocannon), Accept-Encoding gzip, deflate, br`
          + ` (served: ${entry?.br ? 'br' : 'gzip'} variant, ${brotliModuleAvailable() ? 'nginx with brotli_static' : 'nginx without the brotli module, so gzip there'}); nginx 1 worker on the server's core`,
        ...problems.map((p) => `delivery PROBLEM: ${p}`),
      ],
    };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const result = await benchDelivery({ quick: values.quick, rounds: 3, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) });
  console.log(formatTable(result.figures));
  for (const note of result.notes) console.log(`- ${note}`);
}
