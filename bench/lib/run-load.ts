import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinThisProcess, type CpuPlan } from './cpu-pinning.js';
import type { LoadResult, LoadRun } from './load-plan.js';

const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repoRoot = path.dirname(benchDir);

/**
 * Runs the load generator (autocannon) in a child process so it never shares the server's
 * event loop, pinned to its own core when possible. The runs execute one after another in
 * the order given, which is how callers interleave baseline and subject.
 */
export async function runLoad(cpu: CpuPlan, runs: readonly LoadRun[]): Promise<LoadResult[]> {
  // Through a file: many request bodies overflow argv (E2BIG).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-load-'));
  const runsFile = path.join(dir, 'runs.json');
  fs.writeFileSync(runsFile, JSON.stringify(runs));
  const nodeArgs = ['--import', 'tsx', path.join(benchDir, 'load.ts'), `@${runsFile}`];
  const [cmd, args] = cpu.canPin && cpu.loadCpus !== null
    ? ['taskset', ['-c', cpu.loadCpus, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => { out += chunk; });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  if (code !== 0) throw new Error(`load generator exited with ${String(code)}`);
  return JSON.parse(out) as LoadResult[];
}

/** Says what went wrong when a run had refusals or socket errors (a figure from failing requests means nothing). */
export function loadProblems(results: readonly LoadResult[]): string[] {
  return results.filter((r) => r.non2xx > 0 || r.errors > 0)
    .map((r) => `${r.label}: ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodes)}), ${r.errors} socket errors, ${r.timeouts} timeouts`);
}

/**
 * Runs the subjects in `rounds` interleaved rounds (the order rotates each round; a 1 s warm-up
 * in the first) while this process, which serves some of them, is pinned to the server's core.
 * `of(label)` gives one subject's results, round by round.
 */
export async function runInterleaved(cpu: CpuPlan, subjects: readonly LoadRun[], rounds: number): Promise<{ results: LoadResult[]; of(label: string): LoadResult[] }> {
  const runs: LoadRun[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = subjects.map((_, i) => subjects[(i + r) % subjects.length]!);
    runs.push(...order.map((s) => ({ ...s, warmupSec: r === 0 ? 1 : 0 })));
  }
  pinThisProcess(cpu, cpu.serverCpus);
  const results = await runLoad(cpu, runs).finally(() => pinThisProcess(cpu, cpu.allCpus));
  return { results, of: (label) => results.filter((r) => r.label === label) };
}
