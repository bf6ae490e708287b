/**
 * Scale-out on one PostgreSQL database (docs/scale-out.md), with the real `jiyue` command in
 * child processes:
 *
 * - the public tier: requests per second for the article page of bench/delivery.bench.ts from
 *   one `jiyue serve --roles public` process, and from two (the load generator spreads its
 *   connections over both ports, as a balancer in front would). Rounds interleave one and two.
 *   Each server process gets a core of its own while there are cores besides the load
 *   generator's; with two cores both share core 0, so the figure shows what a second process
 *   costs rather than what it gains, and an unpinned pass (every process on every core) says
 *   what the scheduler makes of it. A third pass stands in for a core per process where there
 *   are too few: each public process gets a CPU budget of its own (a cgroup quota of
 *   BUDGET_FRACTION of a core, bench/lib/cpu-quota.ts), both budgets fitting in the server core,
 *   so two processes have twice the CPU of one, as two cores would give them. The goal "2 > 1"
 *   applies with a core per process and with a budget per process.
 * - the worker tier: N jobs (platform.demo_progress, one step, no wait: the queue's own cost)
 *   run by one and by two `jiyue worker` processes; a PostgreSQL trigger records every claim, so
 *   a job run twice would show. Jobs per second from the first claim to the last finish.
 *
 * Run alone: `node --import tsx bench/scale-out.bench.ts [--quick]`.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { DEMO_PROGRESS_KIND } from '../src/platform/jobs/index.js';
import type { Platform } from '../src/platform/platform.js';
import { createTestDatabase } from '../test/support/engines.js';
import { freePort } from '../test/support/nginx.js';
import { claimReport, enqueueDemoJobs, installClaimLog, pidOfWorker, waitForSuccess } from '../test/support/job-claims.js';
import { spawnJiyue, stopAll, waitUntilUp, WORKER_READY, type JiyueProcess } from '../scripts/lib/jiyue-process.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { benchProcessEnv, createBenchPlatform } from './lib/bench-server.js';
import { ARTICLE, ARTICLE_HEADERS, publishArticleSite } from './lib/article-page.js';
import { cpuPlan, pinProcess, serverCoreOf, type CpuPlan } from './lib/cpu-pinning.js';
import { formatFraction, openCpuQuotas, type CpuQuota } from './lib/cpu-quota.js';
import type { LoadResult, LoadRun } from './lib/load-plan.js';
import { loadProblems, runLoad } from './lib/run-load.js';
import { postgresVersion } from './lib/postgres-available.js';
import { median } from './lib/stats.js';
import { formatTable } from './lib/print-table.js';

const CONNECTIONS = 10;
/** Each public process's budget in the budget pass: two of them fit in one core with room to spare. */
const BUDGET_FRACTION = 0.4;

/** Interleaved rounds of one server against two; returns the results by label and the per-round ratios. */
async function publicRounds(cpu: CpuPlan, ports: readonly [number, number], opts: { rounds: number; durationSec: number }): Promise<{ one: LoadResult[]; two: LoadResult[]; ratios: number[] }> {
  const url = (port: number) => `http://127.0.0.1:${port}${ARTICLE}`;
  const base = { method: 'GET', headers: ARTICLE_HEADERS, mode: 'saturate', connections: CONNECTIONS, durationSec: opts.durationSec } as const;
  const one: LoadRun = { ...base, label: 'one', url: url(ports[0]), warmupSec: 0 };
  const two: LoadRun = { ...base, label: 'two', url: url(ports[0]), alsoUrls: [url(ports[1])], warmupSec: 0 };
  const runs: LoadRun[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    const order = r % 2 === 0 ? [one, two] : [two, one];
    runs.push(...order.map((run) => ({ ...run, warmupSec: r === 0 ? 1 : 0 })));
  }
  const results = await runLoad(cpu, runs);
  const pick = (label: string) => results.filter((x) => x.label === label);
  const [o, t] = [pick('one'), pick('two')];
  return { one: o, two: t, ratios: t.map((x, i) => x.rps / (o[i]?.rps ?? Number.NaN)) };
}

interface JobsRound {
  readonly workers: number;
  readonly jobsPerSec: number;
  readonly duplicates: number;
  readonly unclaimed: number;
  /** Claims per worker process. */
  readonly shares: readonly number[];
}

/** Starts `workers` worker processes, enqueues `jobs` jobs, waits until all ran, stops the workers. */
async function jobsRound(platform: Platform, env: Record<string, string>, workers: number, jobs: number): Promise<JobsRound> {
  const procs = Array.from({ length: workers }, (_, i) => spawnJiyue({ label: `worker ${i + 1}`, args: ['worker'], env }));
  try {
    await Promise.all(procs.map((p) => waitUntilUp(p, { readyLine: WORKER_READY })));
    const ids = await enqueueDemoJobs(platform, jobs, { steps: 1, stepMs: 0 });
    await waitForSuccess(platform.db, ids, 300_000);
    const span = await platform.db.selectFrom('jobs').select((eb) => [eb.fn.min('started_at').as('first'), eb.fn.max('finished_at').as('last')])
      .where('id', 'in', ids).executeTakeFirstOrThrow();
    const report = await claimReport(platform.db, ids);
    const pids = procs.map((p) => p.child.pid);
    const shares = pids.map((pid) => [...report.byWorker].filter(([w]) => pidOfWorker(w) === pid).reduce((n, [, c]) => n + c, 0));
    const seconds = (Number(span.last) - Number(span.first)) / 1000;
    return { workers, jobsPerSec: jobs / Math.max(seconds, 0.001), duplicates: report.duplicates, unclaimed: jobs - report.claimed, shares };
  } finally {
    await stopAll(procs);
  }
}

export async function benchScaleOut(opts: BenchOptions): Promise<BenchResult> {
  const { cpu, rounds, quick } = opts;
  if (!(await postgresVersion())) return { figures: [], notes: ['scale-out: PostgreSQL did not answer (JIYUE_TEST_PG_URL or 127.0.0.1:5432): skipped'] };
  const tdb = await createTestDatabase('postgres');
  const procs: JiyueProcess[] = [];
  const budgets: CpuQuota[] = [];
  const quotas = openCpuQuotas();
  let platform: Platform | null = null;
  try {
    platform = await createBenchPlatform(tdb);
    await publishArticleSite(platform);
    await installClaimLog(platform.db);
    const { env, left } = benchProcessEnv(tdb);

    // The public tier: two `jiyue serve --roles public` on the same database and page store.
    const ports = [await freePort(), await freePort()] as const;
    ports.forEach((port, i) => procs.push(spawnJiyue({ label: `public ${i + 1}`, args: ['serve', '--roles', 'public'], port, env, cpus: serverCoreOf(cpu, i) })));
    await Promise.all(procs.map((p) => waitUntilUp(p)));
    const durationSec = quick ? 1 : 5;
    const pinned = await publicRounds(cpu, ports, { rounds, durationSec });
    for (const p of procs) pinProcess(cpu, p.child.pid ?? 0, cpu.allCpus);
    const free = await publicRounds({ ...cpu, canPin: false }, ports, { rounds, durationSec });
    // A budget each, pinned again as in the first pass (the load generator keeps its own core).
    let budgeted: Awaited<ReturnType<typeof publicRounds>> | null = null;
    let throttled: number[] = [];
    if (quotas && cpu.canPin) {
      procs.forEach((p, i) => {
        pinProcess(cpu, p.child.pid ?? 0, serverCoreOf(cpu, i));
        budgets.push(quotas.create(`public-${i + 1}`, BUDGET_FRACTION));
        budgets[i]!.add(p.child.pid ?? 0);
      });
      budgeted = await publicRounds(cpu, ports, { rounds, durationSec });
      throttled = budgets.map((b) => b.throttledPeriods());
    }
    for (let i = 0; i < rounds; i++) {
      opts.log(`scale-out round ${i + 1}: one public process ${pinned.one[i]?.rps.toFixed(0)} req/s, two ${pinned.two[i]?.rps.toFixed(0)}; unpinned: one ${free.one[i]?.rps.toFixed(0)}, two ${free.two[i]?.rps.toFixed(0)}`
        + (budgeted ? `; a budget each: one ${budgeted.one[i]?.rps.toFixed(0)}, two ${budgeted.two[i]?.rps.toFixed(0)}` : ''));
    }
    await stopAll(procs);
    for (const b of budgets.splice(0)) b.remove();

    // The worker tier: one and two `jiyue worker`, interleaved.
    const jobs = quick ? 200 : 1000;
    const jobRounds: JobsRound[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const workers of r % 2 === 0 ? [1, 2] : [2, 1]) jobRounds.push(await jobsRound(platform, env, workers, jobs));
    }
    const [oneW, twoW] = [jobRounds.filter((j) => j.workers === 1), jobRounds.filter((j) => j.workers === 2)];
    for (let i = 0; i < rounds; i++) opts.log(`scale-out jobs round ${i + 1}: one worker ${oneW[i]?.jobsPerSec.toFixed(0)} jobs/s, two ${twoW[i]?.jobsPerSec.toFixed(0)} (shares ${twoW[i]?.shares.join(' + ')})`);

    const serverCores = cpu.canPin ? Math.max(1, cpu.cores - 1) : cpu.cores;
    const corePerProcess = cpu.canPin && serverCores >= 2;
    const problems = loadProblems([...pinned.one, ...pinned.two, ...free.one, ...free.two, ...(budgeted ? [...budgeted.one, ...budgeted.two] : [])]);
    const duplicates = jobRounds.reduce((n, j) => n + j.duplicates, 0);
    const unclaimed = jobRounds.reduce((n, j) => n + j.unclaimed, 0);
    const shared = twoW.every((j) => j.shares.every((s) => s > 0));
    const rps = (a: LoadResult[]) => median(a.map((x) => x.rps));
    const figures: Figure[] = [
      {
        name: `GET article page, 2 public processes (${cpu.canPin ? (corePerProcess ? 'a core each' : 'both on core 0') : 'not pinned'}; connections spread over both)`,
        value: rps(pinned.two), unit: 'req/s', baseline: { value: rps(pinned.one), unit: 'req/s', label: '1 public process' },
        ratio: median(pinned.ratios), goal: corePerProcess ? '> 1× (2 processes > 1)' : 'info', pass: corePerProcess ? problems.length === 0 && median(pinned.ratios) > 1 : null,
      },
      {
        name: 'GET article page, 2 public processes, nothing pinned (servers and load generator share every core)',
        value: rps(free.two), unit: 'req/s', baseline: { value: rps(free.one), unit: 'req/s', label: '1 public process, not pinned' },
        ratio: median(free.ratios), goal: 'info', pass: null,
      },
      ...(budgeted ? [{
        name: `GET article page, 2 public processes with a CPU budget each (${formatFraction(BUDGET_FRACTION)}, cgroup quota; both on core ${serverCoreOf(cpu, 0)})`,
        value: rps(budgeted.two), unit: 'req/s', baseline: { value: rps(budgeted.one), unit: 'req/s', label: `1 public process, ${formatFraction(BUDGET_FRACTION)}` },
        ratio: median(budgeted.ratios), goal: '> 1× (2 processes > 1)', pass: problems.length === 0 && median(budgeted.ratios) > 1,
      }] : []),
      {
        name: `jobs (${jobs} × ${DEMO_PROGRESS_KIND}, no wait), 2 jiyue worker processes`,
        value: median(twoW.map((j) => j.jobsPerSec)), unit: 'jobs/s', baseline: { value: median(oneW.map((j) => j.jobsPerSec)), unit: 'jobs/s', label: '1 jiyue worker' },
        ratio: median(twoW.map((j, i) => j.jobsPerSec / (oneW[i]?.jobsPerSec ?? Number.NaN))), goal: 'info', pass: null,
      },
      {
        name: `jobs run twice, ${jobRounds.length} rounds × ${jobs} jobs (1 and 2 workers; claims recorded by a trigger)`,
        value: duplicates, unit: 'jobs', baseline: null, ratio: null,
        goal: '0, none missed, both workers take some', pass: duplicates === 0 && unclaimed === 0 && shared,
      },
    ];
    return {
      figures,
      notes: [
        `scale-out: real \`jiyue serve --roles public\` and \`jiyue worker\` child processes on one PostgreSQL database and page store; ${rounds} interleaved rounds of ${durationSec} s, `
          + `${CONNECTIONS} connections (autocannon; with two processes ${CONNECTIONS / 2} on each port), the delivery bench's article page (br)`,
        `scale-out: ${cpu.cores} cores — ${corePerProcess ? 'each public process on a core of its own, the load generator on another' : 'the load generator takes one core, so both public processes share the other: the pinned row shows the cost of a second process, not a gain; the unpinned row lets the scheduler spread the three processes over both cores'}`,
        budgeted
          ? `scale-out, a budget each: ${quotas!.note}; each public process held to ${formatFraction(BUDGET_FRACTION)}, so two have twice the CPU of one, as a core each would give them; budgets used up in ${throttled.map((n) => n.toLocaleString('en')).join(' and ')} periods`
          : `scale-out: no budget pass (${quotas ? 'taskset missing or one core' : 'no writable cgroup CPU controller here; needs root'})`,
        `scale-out: the child processes get BENCH_OVERRIDES through the environment${left.length > 0 ? ` but ${left.join(', ')} (beyond the variable's range; no login or letter here)` : ''}`,
        `scale-out jobs: workers at the shipped concurrency (JIYUE_JOBS_CONCURRENCY) and poll interval, not pinned; the 2-worker shares per round: ${twoW.map((j) => j.shares.join('+')).join(', ')}`,
        ...problems.map((p) => `scale-out PROBLEM: ${p}`),
      ],
    };
  } finally {
    await stopAll(procs);
    for (const b of budgets) b.remove();
    await platform?.close();
    await tdb.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const result = await benchScaleOut({ quick: values.quick, rounds: 3, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) });
  console.log(formatTable(result.figures));
  for (const note of result.notes) console.log(`- ${note}`);
}
