/**
 * Child processes running the `jiyue` command (`serve --roles …`, `worker`), for the scale-out
 * script, its benchmark and its tests: start one, wait until it is up, stop them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(repoRoot, 'src', 'cli.ts');

export interface JiyueProcess {
  readonly label: string;
  readonly child: ChildProcess;
  /** The port it serves HTTP on, or null (a worker). */
  readonly port: number | null;
  /** Resolves with the exit code (or the signal's name) when the process has ended. */
  readonly exited: Promise<number | string>;
  /** The last lines it printed (stdout and stderr), for error messages. */
  recentOutput(): string;
  /** Whether one of the lines it printed so far matches. */
  printed(line: RegExp): boolean;
  /** SIGTERM, then SIGKILL after graceMs (default 15 s); resolves when it has ended. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnJiyueOptions {
  readonly label: string;
  /** Arguments of the `jiyue` command, e.g. ['serve', '--roles', 'public']. */
  readonly args: readonly string[];
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Sets PORT and tells waitUntilUp() where /healthz is. */
  readonly port?: number;
  /** Pins the process to these cores (`taskset -c`), e.g. '0' or '0,1'. */
  readonly cpus?: string | null;
  /** Each line the process prints (default: kept for recentOutput() only). */
  readonly onLine?: (line: string) => void;
}

export function spawnJiyue(opts: SpawnJiyueOptions): JiyueProcess {
  const nodeArgs = ['--import', 'tsx', CLI, ...opts.args];
  const [cmd, args] = opts.cpus ? ['taskset', ['-c', opts.cpus, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const env = { ...process.env, ...opts.env, ...(opts.port !== undefined ? { PORT: String(opts.port) } : {}) };
  const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const matchers = new Map<RegExp, boolean>();
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        recent.push(line);
        for (const re of matchers.keys()) if (re.test(line)) matchers.set(re, true);
        if (recent.length > 40) recent.shift();
        opts.onLine?.(line);
      }
    });
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (err) => resolve(err.message));
  });
  let ended = false;
  void exited.then(() => { ended = true; });
  return {
    label: opts.label, child, port: opts.port ?? null, exited,
    recentOutput: () => recent.join('\n'),
    printed(re) {
      if (!matchers.has(re)) matchers.set(re, recent.some((l) => re.test(l)));
      return matchers.get(re) ?? false;
    },
    async stop(graceMs = 15_000) {
      if (ended) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Resolves when the process is up: /healthz answers 200 (a server), or it printed a line
 * matching `readyLine` (a worker). Rejects when it exits first or after timeoutMs.
 */
export async function waitUntilUp(proc: JiyueProcess, opts: { host?: string; readyLine?: RegExp; timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let exitedWith: number | string | null = null;
  void proc.exited.then((code) => { exitedWith = code; });
  const host = opts.host ?? '127.0.0.1';
  while (Date.now() < deadline) {
    if (exitedWith !== null) throw new Error(`${proc.label} exited (${exitedWith}) before it was up:\n${proc.recentOutput()}`);
    if (proc.port !== null) {
      const ok = await fetch(`http://${host}:${proc.port}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status === 200, () => false);
      if (ok) return;
    } else if (opts.readyLine && proc.printed(opts.readyLine)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${proc.label} was not up after ${opts.timeoutMs ?? 60_000} ms:\n${proc.recentOutput()}`);
}

/** What `jiyue worker` prints once it runs (src/cli/worker-command.ts). */
export const WORKER_READY = /worker .* running/;

/** Stops every process (in parallel: each finishes its own running work). */
export async function stopAll(procs: readonly JiyueProcess[], graceMs?: number): Promise<void> {
  await Promise.all(procs.map((p) => p.stop(graceMs)));
}
