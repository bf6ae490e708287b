/**
 * One full rebuild in a process of its own, so its memory high-water mark is its own:
 * `node --import tsx bench/lib/build-child.ts <data dir> <site id>`. Opens the platform on the
 * data dir (a SQLite database the parent filled; shipped defaults plus BENCH_OVERRIDES, as every
 * bench), runs `rebuildSite` as the publishing.rebuild job does, and prints one JSON BuildSample
 * on stdout (JIYUE_BUILD_HEAP_SNAPSHOT=<file>: also a heap snapshot after the rebuild). Extra Node flags (`--cpu-prof`, `--heapsnapshot-near-heap-limit`, …) go before the script.
 */
import fs from 'node:fs';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { publishingDeps, rebuildSite } from '../../src/modules/publishing/index.js';
import { createBenchPlatform } from './bench-server.js';

export interface BuildSample {
  /** Files the rebuild wrote (rebuildSite's count: HTML, JSON, feeds, sitemaps, assets). */
  readonly pages: number;
  readonly wallS: number;
  /** User + system CPU of the whole process (main thread, writer threads, libuv pool) over the rebuild. */
  readonly cpuS: number;
  /** Peak resident set of the process (VmHWM), bytes. */
  readonly peakRss: number;
  /** Resident set just before the rebuild started (modules loaded, platform open), bytes. */
  readonly rssBefore: number;
  /** Largest V8 heap in use seen by a 100 ms sampler during the rebuild, bytes. */
  readonly peakHeapUsed: number;
  /** Largest external + array-buffer memory seen by the sampler, bytes. */
  readonly peakExternal: number;
  /** V8 heap still in use after the rebuild and a full GC (only with --expose-gc), bytes. */
  readonly retainedHeap: number | null;
}

/** VmHWM from /proc (Linux); getrusage's maxRSS elsewhere. Bytes. */
export function peakRssBytes(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch { /* not Linux */ }
  return process.resourceUsage().maxRSS * 1024;
}

async function main(): Promise<void> {
  const [dataDir, site] = process.argv.slice(2);
  if (!dataDir || !site) throw new Error('usage: build-child.ts <data dir> <site id>');
  const platform = await createBenchPlatform({ engine: 'sqlite', databaseUrl: null, dataDir, drop: async () => undefined });
  try {
    const deps = publishingDeps(platform);
    let peakHeapUsed = 0;
    let peakExternal = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peakHeapUsed = Math.max(peakHeapUsed, m.heapUsed);
      peakExternal = Math.max(peakExternal, m.external + m.arrayBuffers);
    };
    const sampler = setInterval(sample, 100);
    const rssBefore = process.memoryUsage().rss;
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const { pages } = await rebuildSite(deps, Number(site));
    const wallS = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    sample();
    const peakRss = peakRssBytes();
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const result: BuildSample = {
      pages, wallS, cpuS: (used.user + used.system) / 1e6, peakRss, rssBefore,
      peakHeapUsed: Math.max(peakHeapUsed, getHeapStatistics().used_heap_size), peakExternal, retainedHeap: gc ? process.memoryUsage().heapUsed : null,
    };
    const snapshot = process.env.JIYUE_BUILD_HEAP_SNAPSHOT;
    if (snapshot) writeHeapSnapshot(snapshot);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await platform.close();
  }
}

await main();
