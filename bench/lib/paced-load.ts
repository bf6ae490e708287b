/**
 * A fixed request rate held in the background while the bench does something else
 * (bench/lib/paced-load-child.ts), in a child process pinned to the load generator's core.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CpuPlan } from './cpu-pinning.js';

export interface PacedLoad {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Requests started per second. */
  readonly rate: number;
  /** Keep-alive connections at most (requests beyond them wait in the client). */
  readonly sockets: number;
}

export interface PacedResult {
  readonly rate: number;
  readonly sent: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly durationSec: number;
  /** 2xx answers per second. */
  readonly rps: number;
  /** Most requests outstanding at once: near `sockets` means the server fell behind the rate. */
  readonly maxInFlight: number;
  /** Share of the time the generator's own event loop was busy: near 1, the generator and not the server set the pace. */
  readonly generatorBusy: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly statusCodes: Readonly<Record<string, number>>;
}

export interface RunningLoad {
  /** Ends the load and returns what it did. */
  stop(): Promise<PacedResult>;
}

const libDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(path.dirname(libDir));

/** Starts the load; resolves once the first answer came back. */
export async function startPacedLoad(cpu: CpuPlan, load: PacedLoad): Promise<RunningLoad> {
  const nodeArgs = ['--import', 'tsx', path.join(libDir, 'paced-load-child.ts'), JSON.stringify(load)];
  const [cmd, args] = cpu.canPin && cpu.loadCpus !== null ? ['taskset', ['-c', cpu.loadCpus, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  const closed = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: string) => {
      out += chunk;
      if (!out.includes('ready\n')) return;
      child.stdout.off('data', onData);
      out = out.slice(out.indexOf('ready\n') + 'ready\n'.length);
      child.stdout.on('data', (more: string) => { out += more; });
      resolve();
    };
    child.stdout.on('data', onData);
    closed.then((code) => reject(new Error(`load child exited with ${String(code)} before its first answer`)), reject);
  });
  return {
    async stop() {
      child.stdin.end();
      const code = await closed;
      if (code !== 0) throw new Error(`load child exited with ${String(code)}`);
      return JSON.parse(out) as PacedResult;
    },
  };
}
