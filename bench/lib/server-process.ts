import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../src/config/index.js';

export interface ServerProcess {
  readonly port: number;
  readonly child: ChildProcess;
  /** Exit code or signal once the process has ended without being asked to; null while it runs. */
  crashed(): string | null;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/**
 * Starts bench/lib/server-child.ts on a data directory (and PostgreSQL database) prepared by the
 * caller; resolves once it listens. `cpus` pins it with taskset; `shipped` drops BENCH_OVERRIDES;
 * `config` overrides settings on top of those.
 */
export async function spawnServer(opts: { dataDir: string; databaseUrl: string | null; shipped?: boolean; cpus?: string | null; config?: Partial<Config> }): Promise<ServerProcess> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server-child.ts');
  const env = { ...process.env, BENCH_CONFIG: JSON.stringify(opts.config ?? {}), BENCH_DATA_DIR: opts.dataDir, BENCH_DATABASE_URL: opts.databaseUrl ?? '', BENCH_SHIPPED_DEFAULTS: opts.shipped ? '1' : '0' };
  const node = [process.execPath, '--import', 'tsx', script];
  const [cmd, ...args] = opts.cpus ? ['taskset', '-c', opts.cpus, ...node] : node;
  const child = spawn(cmd!, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let stopping = false;
  let ended: string | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    if (!stopping) ended = signal ?? `exit code ${String(code)}`;
    resolve();
  }));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`server process exited before listening (${ended ?? 'stopped'})`)));
  });
  return {
    port, child,
    crashed: () => ended,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
