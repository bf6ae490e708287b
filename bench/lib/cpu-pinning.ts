import { spawnSync } from 'node:child_process';
import os from 'node:os';

/**
 * Keeps the load generator off the server's core, so a figure measures the server and not
 * two processes fighting for one CPU. Needs `taskset` (util-linux) and at least two cores;
 * without them nothing is pinned and the notes say so.
 */
export interface CpuPlan {
  readonly cores: number;
  readonly canPin: boolean;
  /** Core list for the server process (all its threads), or null when not pinning. */
  readonly serverCpus: string | null;
  /** Core list for the load generator child, or null when not pinning. */
  readonly loadCpus: string | null;
  /** Every core: undoes a pin. */
  readonly allCpus: string;
  readonly note: string;
}

function hasTaskset(): boolean {
  const r = spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  return r.status === 0;
}

export function cpuPlan(): CpuPlan {
  const cores = os.availableParallelism();
  const allCpus = `0-${cores - 1}`;
  if (cores < 2) return { cores, canPin: false, serverCpus: null, loadCpus: null, allCpus, note: 'one core only: server and load generator share it (not pinned)' };
  if (!hasTaskset()) return { cores, canPin: false, serverCpus: null, loadCpus: null, allCpus, note: '`taskset` not found: server and load generator not pinned' };
  return { cores, canPin: true, serverCpus: '0', loadCpus: String(cores - 1), allCpus, note: `taskset: HTTP server on core 0, load generator (child process) on core ${cores - 1}` };
}

/** Sets the CPU affinity of every thread of this process (the event loop and libuv's pool). */
export function pinThisProcess(plan: CpuPlan, cpus: string | null): void {
  pinProcess(plan, process.pid, cpus);
}

/** Sets the CPU affinity of every thread of a running process (e.g. a server child). */
export function pinProcess(plan: CpuPlan, pid: number, cpus: string | null): void {
  if (!plan.canPin || cpus === null) return;
  const r = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`taskset -a -p -c ${cpus} ${pid} failed`);
}

/**
 * The cores for server process `i` of several: every core but the load generator's, in turn.
 * With two cores, every server shares core 0.
 */
export function serverCoreOf(plan: CpuPlan, i: number): string | null {
  if (!plan.canPin) return null;
  const serverCores = Math.max(1, plan.cores - 1);
  return String(i % serverCores);
}
