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
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../src/app.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import type { Platform } from '../src/platform/platform.js';
import { pageStoreFor } from '../src/modules/publishing/page-store/index.js';
import { nginxConfig } from '../src/modules/delivery/index.js';
import { createTestDatabase } from '../test/support/engines.js';
import { brotliModuleAvailable, freePort, installNginx, startNginx, type RunningNginx } from '../test/support/nginx.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { createBenchPlatform } from './lib/bench-server.js';
import { cpuPlan, pinThisProcess } from './lib/cpu-pinning.js';
import type { LoadResult, LoadRun } from './lib/load-plan.js';
import { loadProblems, runLoad } from './lib/run-load.js';
import { median } from './lib/stats.js';
import { formatTable } from './lib/print-table.js';

export const DIRECT_GOAL = 0.5;
export const FRONT_GOAL = 0.9;
const CONNECTIONS = 10;
const SITE = '3200000001';
const HOST = 'www.jiangsu.gov.cn';
const ARTICLE = '/zwgk/tzgg/art_2026_11_26_1.html';

/** A government article page of typical size: header, breadcrumb, metadata table, body, footer. */
function articlePage(): Buffer {
  const paragraphs = Array.from({ length: 60 }, (_, i) =>
    `<p>第${i + 1}条 各设区市人民政府，省各委办厅局，省各直属单位：为深入贯彻落实党中央、国务院决策部署，进一步优化政务服务，提升行政效能，现就有关事项通知如下。</p>`).join('\n');
  return Buffer.from(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>关于进一步优化政务服务提升行政效能的通知_江苏省人民政府</title>
<meta name="SiteName" content="江苏省人民政府"><meta name="SiteDomain" content="www.jiangsu.gov.cn"><meta name="SiteIDCode" content="3200000001">
<meta name="ArticleTitle" content="关于进一步优化政务服务提升行政效能的通知"><meta name="PubDate" content="2026-11-26 09:30"><meta name="ContentSource" content="省政府办公厅">
<link rel="stylesheet" href="/assets/site.css"><script src="/assets/site.js" defer></script></head>
<body><header><a href="/">江苏省人民政府</a><nav><a href="/zwgk/">政务公开</a><a href="/zwgk/tzgg/">通知公告</a></nav></header>
<nav class="breadcrumb"><ol><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li>通知公告</li></ol></nav>
<main id="main"><article><h1>关于进一步优化政务服务提升行政效能的通知</h1>
<table class="meta"><tr><th>索引号</th><td>014000319/2026-01234</td><th>发布机构</th><td>江苏省人民政府办公厅</td></tr>
<tr><th>文号</th><td>苏政办发〔2026〕88号</td><th>成文日期</th><td>2026-11-20</td></tr></table>
${paragraphs}
</article></main><footer><p>主办单位：江苏省人民政府办公厅 网站标识码：3200000001 苏ICP备05009302号</p></footer></body></html>
`);
}

async function startJiyue(platform: Platform): Promise<{ port: number; close(): Promise<void> }> {
  // Request logs stay on at the default level (part of a real request) but go nowhere.
  const app = await buildApp({ platform, logger: { level: platform.config.logLevel, file: '/dev/null' } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: Number(new URL(url).port), close: () => app.close() };
}

function pick(results: readonly LoadResult[], label: string): LoadResult[] {
  return results.filter((r) => r.label === label);
}

export async function benchDelivery(opts: BenchOptions): Promise<BenchResult> {
  const { cpu, rounds, quick } = opts;
  if (!installNginx(opts.log)) return { figures: [], notes: ['delivery: nginx is not installed (apt-get install nginx libnginx-mod-http-brotli-static): skipped'] };
  const tdb = await createTestDatabase('sqlite');
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const platform = await createBenchPlatform(tdb);
    closers.push(() => platform.close());
    await seedDemo(platform, { writeAccountsFile: false });
    // nginx workers run as nobody: let them read the page store.
    fs.chmodSync(tdb.dataDir, 0o755);
    const store = pageStoreFor(platform);
    const article = articlePage();
    await store.apply(SITE, { write: [{ path: ARTICLE, body: article }, { path: '/', body: articlePage() }, { path: '/404.html', body: Buffer.from('<h1>404</h1>') }] });
    fs.chmodSync(store.root, 0o755);
    const manifest = await store.manifest(SITE);
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

    const headers = { host: HOST, 'accept-encoding': 'gzip, deflate, br' };
    const run = (label: string, port: number): LoadRun => ({
      label, url: `http://127.0.0.1:${port}${ARTICLE}`, method: 'GET', headers, mode: 'saturate', connections: CONNECTIONS, durationSec: quick ? 1 : 5, warmupSec: 0,
    });
    const subjects = [run('jiyue', jiyue.port), run('nginx', nginxPort), run('front', frontPort), run('uncached', uncached.port)];
    const runs: LoadRun[] = [];
    for (let r = 0; r < rounds; r++) {
      const order = subjects.map((_, i) => subjects[(i + r) % subjects.length]!);
      runs.push(...order.map((s) => ({ ...s, warmupSec: r === 0 ? 1 : 0 })));
    }
    pinThisProcess(cpu, cpu.serverCpus);
    const results = await runLoad(cpu, runs).finally(() => pinThisProcess(cpu, cpu.allCpus));
    const [j, n, f, u] = ['jiyue', 'nginx', 'front', 'uncached'].map((l) => pick(results, l)) as [LoadResult[], LoadResult[], LoadResult[], LoadResult[]];
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
    await tdb.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const result = await benchDelivery({ quick: values.quick, rounds: 3, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) });
  console.log(formatTable(result.figures));
  for (const note of result.notes) console.log(`- ${note}`);
}
