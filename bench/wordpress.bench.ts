/**
 * The WordPress baseline: requests per second for the same article page from
 *
 * - Jiyue's public server (the page from its verified cache, as in the delivery benchmark),
 * - WordPress (Debian's package, php-fpm with OPcache, MariaDB), every request rendered by PHP:
 *   the baseline the goal is set against,
 * - and, for information, the same WordPress behind nginx's fastcgi_cache (the usual recipe).
 *
 * bench/peers/wordpress.sh sets WordPress up (root, apt-get; a no-op when done) with the same
 * article (title, body, path) among 1,000; this benchmark starts its nginx (one worker) and
 * php-fpm (4 workers) pinned to the server's core and stops them afterwards. The load generator,
 * connections and interleaving are the delivery benchmark's. Without root, or when the set-up
 * fails, the notes say so and no figure is recorded.
 *
 * Run alone: `node --import tsx bench/wordpress.bench.ts [--quick]`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { ARTICLE, ARTICLE_TITLE, BROWSER_ENCODINGS, createArticleSite, HOST, startJiyue } from './lib/article-page.js';
import { cpuPlan } from './lib/cpu-pinning.js';
import type { LoadResult, LoadRun } from './lib/load-plan.js';
import { loadProblems, runInterleaved } from './lib/run-load.js';
import { median } from './lib/stats.js';
import { formatTable } from './lib/print-table.js';

export const WORDPRESS_GOAL = 100;
const CONNECTIONS = 10;
const WP_PORT = 18480;
const WP_CACHED_PORT = 18481;
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'peers', 'wordpress.sh');

/** Runs wordpress.sh; returns its output, or throws with the end of it. */
function peer(command: 'setup' | 'start' | 'stop' | 'status', env: Record<string, string> = {}): { ok: boolean; out: string } {
  const r = spawnSync('bash', [SCRIPT, command], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20 * 60_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

const skipped = (why: string): BenchResult => ({ figures: [], notes: [`wordpress: ${why}: skipped, no figure recorded`] });

/** Same article from both: 200, the title and the last paragraph. */
async function checkPage(url: string, headers: Record<string, string>): Promise<string | null> {
  const res = await fetch(url, { headers }).catch((err: unknown) => err as Error);
  if (res instanceof Error) return `${url}: ${res.message}`;
  const body = await res.text();
  if (res.status !== 200 || !body.includes(ARTICLE_TITLE) || !body.includes('第60条')) return `${url}: ${res.status}, ${body.length} characters without the article`;
  return null;
}

export async function benchWordPress(opts: BenchOptions): Promise<BenchResult> {
  const { cpu, rounds, quick } = opts;
  if (process.getuid?.() !== 0) return skipped('WordPress is set up with apt-get and needs root (bash bench/peers/wordpress.sh)');
  opts.log('setting up WordPress (bench/peers/wordpress.sh; a no-op when done)…');
  const setup = peer('setup');
  if (!setup.ok) return skipped(`bench/peers/wordpress.sh failed: ${setup.out.split('\n').slice(-3).join(' / ')}`);
  // Stop only what this run started.
  const wasRunning = peer('status').ok;
  const notes: string[] = [];
  if (wasRunning) notes.push('wordpress: nginx and php-fpm were already running (not started by this run, so not pinned by it, and left running)');
  else {
    const started = peer('start', cpu.serverCpus ? { JIYUE_WP_CPUS: cpu.serverCpus } : {});
    if (!started.ok) return skipped(`bench/peers/wordpress.sh start failed: ${started.out.split('\n').slice(-3).join(' / ')}`);
  }
  const site = await createArticleSite();
  let jiyue: Awaited<ReturnType<typeof startJiyue>> | null = null;
  try {
    jiyue = await startJiyue(site.platform);
    const headers = { 'accept-encoding': BROWSER_ENCODINGS };
    const url = (port: number) => `http://127.0.0.1:${port}${ARTICLE}`;
    const wrong = (await Promise.all([
      checkPage(url(jiyue.port), { ...headers, host: HOST }), checkPage(url(WP_PORT), headers), checkPage(url(WP_CACHED_PORT), headers),
    ])).filter((x): x is string => x !== null);
    if (wrong.length > 0) return skipped(`the article page is not served: ${wrong.join('; ')}`);
    const wpBytes = Buffer.byteLength(await (await fetch(url(WP_PORT))).text());

    const run = (label: string, port: number, host?: string): LoadRun => ({
      label, url: url(port), method: 'GET', headers: { ...headers, ...(host ? { host } : {}) }, mode: 'saturate', connections: CONNECTIONS, durationSec: quick ? 2 : 5, warmupSec: 0,
    });
    const subjects = [run('jiyue', jiyue.port, HOST), run('wordpress', WP_PORT), run('cached', WP_CACHED_PORT)];
    const { results, of } = await runInterleaved(cpu, subjects, rounds);
    const [j, w, c] = ['jiyue', 'wordpress', 'cached'].map(of) as [LoadResult[], LoadResult[], LoadResult[]];
    for (let i = 0; i < rounds; i++) {
      opts.log(`wordpress round ${i + 1}: Jiyue ${j[i]?.rps.toFixed(0)} req/s, WordPress ${w[i]?.rps.toFixed(1)}, WordPress + fastcgi_cache ${c[i]?.rps.toFixed(0)}`);
    }
    const problems = loadProblems(results);
    const ratio = (base: LoadResult[]) => median(j.map((x, i) => x.rps / (base[i]?.rps ?? Number.NaN)));
    const jiyueRps = median(j.map((x) => x.rps));
    const figures: Figure[] = [
      {
        name: 'GET article page, Jiyue public server vs WordPress (php-fpm, uncached)', value: jiyueRps, unit: 'req/s',
        baseline: { value: median(w.map((x) => x.rps)), unit: 'req/s', label: 'WordPress 6.1, Debian' }, ratio: ratio(w),
        goal: `≥ ${WORDPRESS_GOAL}× WordPress`, pass: problems.length === 0 && ratio(w) >= WORDPRESS_GOAL,
      },
      {
        name: 'GET article page, Jiyue public server vs WordPress behind nginx fastcgi_cache', value: jiyueRps, unit: 'req/s',
        baseline: { value: median(c.map((x) => x.rps)), unit: 'req/s', label: 'WordPress + fastcgi_cache' }, ratio: ratio(c), goal: 'info', pass: null,
      },
    ];
    notes.push(
      `wordpress: ${rounds} interleaved rounds of ${subjects[0]!.durationSec} s per server, ${CONNECTIONS} connections (autocannon), Accept-Encoding ${BROWSER_ENCODINGS}; `
        + `Jiyue sends the stored br variant of its ${Math.round(site.article.length / 1024)} KB page; WordPress (theme twentytwentythree, 1,000 articles, OPcache, WP-cron off) renders a ${Math.round(wpBytes / 1024)} KB page `
        + `that nginx gzips; nginx (1 worker) and php-fpm (4 workers) ${wasRunning ? 'as already running' : `pinned to the server core (${cpu.serverCpus ?? 'not pinned'})`}, MariaDB (shared, already running) not pinned`,
      ...problems.map((p) => `wordpress PROBLEM: ${p}`),
    );
    return { figures, notes };
  } finally {
    await jiyue?.close();
    await site.close();
    if (!wasRunning) peer('stop');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const result = await benchWordPress({ quick: values.quick, rounds: 3, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) });
  console.log(formatTable(result.figures));
  for (const note of result.notes) console.log(`- ${note}`);
}
