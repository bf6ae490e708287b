import fs from 'node:fs';
import path from 'node:path';

/**
 * A CPU budget for a child process: a control group with a CFS quota, so the process gets at most
 * a fraction of one core however busy it is. On a machine with too few cores for a core per
 * server process (scale-out), a budget each stands in for a core each: one process against two
 * then shows whether the tier adds capacity with CPU, which sharing one core cannot show.
 *
 * Works with cgroup v2 (`cpu.max`) or the v1 `cpu` controller (`cpu.cfs_quota_us`), as root.
 * When neither can be written `openCpuQuotas` returns null and the caller says so.
 */
export interface CpuQuota {
  /** Fraction of one core, e.g. 0.3. */
  readonly fraction: number;
  /** Moves the process (all its threads, and threads it starts later) into the budget. */
  add(pid: number): void;
  /** Periods in which the group used up its budget so far (cpu.stat nr_throttled): the budget bit. */
  throttledPeriods(): number;
  /** Moves what is left back out and removes the group. */
  remove(): void;
}

export interface CpuQuotas {
  /** How budgets are set here, for the bench notes. */
  readonly note: string;
  create(name: string, fraction: number): CpuQuota;
}

/** 10 ms periods: a capped server stalls at most a few ms at a time, like a slower core, not 75 ms like a 100 ms period. */
const PERIOD_US = 10_000;
const PREFIX = 'jiyue-bench-';

interface Hierarchy {
  readonly root: string;
  readonly version: 1 | 2;
}

function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function findHierarchy(): Hierarchy | null {
  // cgroup v2 with the cpu controller enabled for children of the root.
  const v2 = '/sys/fs/cgroup';
  try {
    const controllers = fs.readFileSync(path.join(v2, 'cgroup.subtree_control'), 'utf8');
    if (/\bcpu\b/.test(controllers) && writable(v2)) return { root: v2, version: 2 };
  } catch { /* not v2 */ }
  for (const v1 of ['/sys/fs/cgroup/cpu', '/sys/fs/cgroup/cpu,cpuacct']) {
    if (fs.existsSync(path.join(v1, 'cpu.cfs_quota_us')) && writable(v1)) return { root: v1, version: 1 };
  }
  return null;
}

function pidsOf(dir: string): number[] {
  try {
    return fs.readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Groups left by a benchmark that was killed: empty, and their owner gone. */
function sweepStale(h: Hierarchy): void {
  for (const name of fs.readdirSync(h.root)) {
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const dir = path.join(h.root, name);
    for (const pid of pidsOf(dir)) fs.writeFileSync(path.join(h.root, 'cgroup.procs'), String(pid));
    try { fs.rmdirSync(dir); } catch { /* busy: left for the next sweep */ }
  }
}

/** Null when this machine offers no writable cgroup CPU controller (not root, or no cgroup fs). */
export function openCpuQuotas(): CpuQuotas | null {
  const h = findHierarchy();
  if (!h) return null;
  try {
    sweepStale(h);
  } catch { /* a sweep is housekeeping only */ }
  const made = new Set<string>();
  const removeDir = (dir: string) => {
    for (const pid of pidsOf(dir)) {
      try { fs.writeFileSync(path.join(h.root, 'cgroup.procs'), String(pid)); } catch { /* ended meanwhile */ }
    }
    try { fs.rmdirSync(dir); } catch { /* already gone */ }
    made.delete(dir);
  };
  // A benchmark that throws or is interrupted must not leave processes on a budget.
  process.once('exit', () => { for (const dir of [...made]) removeDir(dir); });
  return {
    note: `cgroup v${h.version} CPU quota (${h.root}, ${PERIOD_US / 1000} ms periods)`,
    create(name, fraction) {
      if (!(fraction > 0 && fraction <= 64)) throw new Error(`CPU fraction out of range: ${fraction}`);
      const dir = path.join(h.root, `${PREFIX}${process.pid}-${name}`);
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
      const quotaUs = Math.round(fraction * PERIOD_US);
      if (h.version === 2) {
        fs.writeFileSync(path.join(dir, 'cpu.max'), `${quotaUs} ${PERIOD_US}`);
      } else {
        fs.writeFileSync(path.join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
        fs.writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), String(quotaUs));
      }
      return {
        fraction,
        // v1 and v2 alike: a pid written to cgroup.procs moves its whole thread group.
        add: (pid) => fs.writeFileSync(path.join(dir, 'cgroup.procs'), String(pid)),
        throttledPeriods: () => {
          try {
            return Number(/^nr_throttled (\d+)$/m.exec(fs.readFileSync(path.join(dir, 'cpu.stat'), 'utf8'))?.[1] ?? 0);
          } catch {
            return 0;
          }
        },
        remove: () => removeDir(dir),
      };
    },
  };
}

/** "30 % of a core". */
export function formatFraction(fraction: number): string {
  return `${Math.round(fraction * 100)} % of a core`;
}
