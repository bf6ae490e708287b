/**
 * Live-interview fan-out: delivery latency from the moment an answer is posted to the moment
 * each of N subscribed SSE clients (raw http connections on 127.0.0.1) has it, p50 and p95:
 *
 * - one process, SQLite (in-process event bus) and PostgreSQL (NOTIFY back through LISTEN),
 * - two processes on PostgreSQL: half the clients on this process's server, half on a second
 *   server process (spawned), the answer posted on the first,
 * - baseline: a bare `node:http` SSE server holding the same number of clients, writing the
 *   same frame (same bytes) to every socket in a loop as soon as the answer is "posted".
 *
 * The ratio is baseline p95 ÷ ours p95 (1.0 = as fast as writing to the sockets directly).
 * Posts go one at a time: the next waits until every client has the last one, so each sample
 * is one post's latency, not queueing behind the previous. The answer is posted through the
 * operation (transaction, audit, NOTIFY), not over HTTP: the request's own cost is the same for
 * one client or a thousand. The clients live in this process, like the baseline's.
 *
 * Run alone: `node --import tsx bench/interview-fanout.bench.ts [--clients 1000] [--posts 30]`.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../src/db/index.js';
import { systemActor } from '../src/platform/identity/actor.js';
import { buildApp } from '../src/app.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { entryFrame, interviewDeps, postEntry } from '../src/modules/interaction/index.js';
import { createTestDatabase } from '../test/support/engines.js';
import { seedInterview, seedQuestion } from '../test/support/interview-fixtures.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { createBenchPlatform } from './lib/bench-server.js';
import { cpuPlan } from './lib/cpu-pinning.js';
import { percentile } from './lib/percentile.js';
import { formatTable } from './lib/print-table.js';
import { median } from './lib/stats.js';
import { postgresVersion } from './lib/postgres-available.js';
import { awaitAll, openFleet, type SseFleet } from './lib/sse-load.js';
import { spawnServer } from './lib/server-process.js';

export interface FanoutSize {
  readonly clients: number;
  readonly posts: number;
}

export function fanoutSize(quick: boolean, clients?: string, posts?: string): FanoutSize {
  const c = clients === undefined ? (quick ? 100 : 1000) : Number.parseInt(clients, 10);
  const p = posts === undefined ? (quick ? 10 : 30) : Number.parseInt(posts, 10);
  if (!(c >= 2 && c <= 20_000) || !(p >= 1 && p <= 10_000)) throw new Error('--clients 2–20000, --posts 1–10000');
  return { clients: c, posts: p };
}

const ANSWER = '感谢网友的提问。企业开办全流程已压缩至一个工作日内，材料一次提交、全程网办。bench-';

interface Samples {
  readonly latencies: number[];
  readonly missed: number;
}

/** Posts `posts` markers one after another with `post(k)`; collects each client's latency for each. */
async function measure(fleet: SseFleet, clients: number, posts: number, firstMarker: number, post: (k: number) => Promise<void>): Promise<Samples> {
  const latencies: number[] = [];
  let missed = 0;
  for (let i = 0; i < posts; i++) {
    const k = firstMarker + i;
    const t0 = performance.now();
    await post(k);
    missed += await awaitAll(fleet, k, clients);
    for (const t of fleet.arrivalsOf(k)) if (t !== undefined) latencies.push(t - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
  return { latencies, missed };
}

/** The baseline: node:http holding the sockets, writing one identical frame to each. */
async function bareServer(): Promise<{ port: number; broadcast(k: number): void; close(): Promise<void> }> {
  const sockets = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.write('retry: 3000\n\n');
    sockets.add(res);
    req.on('close', () => sockets.delete(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    broadcast(k) {
      const frame = entryFrame({ seq: k, kind: 'answer', speaker: '王局长', body: `${ANSWER}${k}`, at: Date.now(), imageId: null, question: { id: k, nickname: '网友甲', body: '请问企业开办需要几天？' } });
      for (const s of sockets) s.write(frame);
    },
    async close() {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

interface Scenario {
  readonly name: string;
  readonly engine: Engine;
  readonly processes: 1 | 2;
}

/** One scenario: our server(s) and the baseline, interleaved over the rounds. */
async function runScenario(opts: BenchOptions, size: FanoutSize, sc: Scenario): Promise<{ figures: Figure[]; notes: string[] }> {
  const tdb = await createTestDatabase(sc.engine);
  const platform = await createBenchPlatform(tdb);
  const closers: (() => Promise<void>)[] = [];
  try {
    await seedDemo(platform, { writeAccountsFile: false });
    const app = await buildApp({ platform, logger: { level: platform.config.logLevel, file: '/dev/null' } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    const ports = [(app.server.address() as AddressInfo).port];
    if (sc.processes === 2) {
      const second = await spawnServer({ dataDir: tdb.dataDir, databaseUrl: tdb.databaseUrl });
      ports.push(second.port);
      closers.push(() => second.stop());
    }
    const deps = interviewDeps(platform);
    const actor = systemActor('bench');
    const interview = await seedInterview(platform, 'live');
    const total = size.posts * opts.rounds;
    const questions: number[] = [];
    for (let i = 0; i < total; i++) questions.push(await seedQuestion(platform, interview.id, `问题${i}`, true));
    const per = Math.floor(size.clients / ports.length);
    const fleet = await openFleet(ports.map((port, i) => ({ port, path: `/api/v1/public/interviews/${interview.id}/events?after=${interview.lastSeq}`, count: i === ports.length - 1 ? size.clients - per * i : per })));
    closers.push(async () => fleet.close());
    const bare = await bareServer();
    closers.push(() => bare.close());
    const baseFleet = await openFleet([{ port: bare.port, path: '/', count: size.clients }]);
    closers.push(async () => baseFleet.close());

    const ours: { p50: number; p95: number }[] = [];
    const base: { p50: number; p95: number }[] = [];
    let missed = 0;
    let marker = 0;
    let q = 0;
    for (let round = 0; round < opts.rounds; round++) {
      const b = await measure(baseFleet, size.clients, size.posts, (marker += size.posts), async (k) => bare.broadcast(k));
      const o = await measure(fleet, size.clients, size.posts, (marker += size.posts), async (k) => {
        await postEntry({ db: platform.db, actor, interviewId: interview.id, deps, input: { kind: 'answer', speaker: '王局长', body: `${ANSWER}${k}`, questionId: questions[q++]! } });
      });
      missed += o.missed + b.missed;
      for (const [list, s] of [[base, b], [ours, o]] as const) if (s.latencies.length > 0) list.push({ p50: percentile(s.latencies, 50), p95: percentile(s.latencies, 95) });
      opts.log(`${sc.name} round ${round + 1}: ours p95 ${ours.at(-1)?.p95.toFixed(1)} ms, bare node:http p95 ${base.at(-1)?.p95.toFixed(1)} ms`);
    }
    const baseline = (k: 'p50' | 'p95') => ({ value: median(base.map((x) => x[k])), unit: 'ms', label: `bare node:http SSE, same ${size.clients} sockets, ${k}` });
    const ratio = (k: 'p50' | 'p95') => median(ours.map((x, i) => (base[i]?.[k] ?? Number.NaN) / x[k]));
    const label = `interview fan-out, ${size.clients.toLocaleString('en')} SSE clients, ${sc.name}`;
    const figures: Figure[] = (['p50', 'p95'] as const).map((k) => ({
      name: `${label}, delivery latency ${k}`, value: median(ours.map((x) => x[k])), unit: 'ms', baseline: baseline(k), ratio: ratio(k), goal: '— (info; ratio = baseline ÷ ours)', pass: null,
    }));
    const notes = missed > 0 ? [`${sc.name}: ${missed} deliveries did not arrive within 10 s (left out of the percentiles)`] : [];
    return { figures, notes };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await platform.close();
    await tdb.drop();
  }
}

export async function benchInterviewFanout(opts: BenchOptions, size: FanoutSize): Promise<BenchResult> {
  const pg = await postgresVersion();
  const scenarios: Scenario[] = [
    { name: 'one process [sqlite]', engine: 'sqlite', processes: 1 },
    ...(pg ? [{ name: 'one process [postgres]', engine: 'postgres', processes: 1 } as const, { name: 'two processes, half each [postgres]', engine: 'postgres', processes: 2 } as const] : []),
  ];
  const figures: Figure[] = [];
  const notes: string[] = [`interview fan-out: ${size.posts} answers per round, posted one at a time through the operation; clients and the posting code share this process with the first server`];
  for (const sc of scenarios) {
    opts.log(`interview fan-out: ${sc.name}`);
    const r = await runScenario(opts, size, sc);
    figures.push(...r.figures);
    notes.push(...r.notes);
  }
  if (!pg) notes.push('PostgreSQL did not answer: the PostgreSQL and two-process figures were skipped');
  return { figures, notes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, clients: { type: 'string' }, posts: { type: 'string' }, rounds: { type: 'string' } } });
  const rounds = values.rounds ? Number.parseInt(values.rounds, 10) : 3;
  const result = await benchInterviewFanout({ quick: values.quick, rounds, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) }, fanoutSize(values.quick, values.clients, values.posts));
  console.log(formatTable(result.figures));
  for (const note of result.notes) console.log(`- ${note}`);
}
