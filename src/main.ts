import { ConfigError, loadConfig, type Config, type ProcessRole } from './config/index.js';
import { createPlatform, type Platform } from './platform/platform.js';
import { buildApp } from './app.js';
import { registerAllJobs, startModuleWorkers } from './register-jobs.js';

/** Pending connections the kernel may queue for us (Linux caps it at net.core.somaxconn, 4096 by default). */
const LISTEN_BACKLOG = 4096;

export interface ServeOptions {
  readonly roles?: readonly ProcessRole[];
  readonly onListening?: (url: string) => void;
}

/**
 * Why these roles cannot be served on this database, or null. SQLite is one writer in one
 * process: its live events (republished pages, job progress, interview streams) stay inside the
 * process, so the console and the public sites cannot be split across processes on it.
 */
export function rolesProblem(roles: readonly ProcessRole[], databaseUrl: string | null): string | null {
  if (databaseUrl !== null || (roles.includes('admin') && roles.includes('public'))) return null;
  return `roles ${roles.join(',')}: serving admin and public from separate processes needs PostgreSQL (DATABASE_URL); `
    + 'on SQLite one process serves both (the default roles admin,public,worker). See docs/scale-out.md';
}

/** Process entry for `jiyue serve`: config → platform → app → listen; graceful shutdown. */
export async function serve(config: Config = loadConfig(), opts: ServeOptions = {}): Promise<{ platform: Platform; close: () => Promise<void> }> {
  const roles = opts.roles ?? config.roles;
  const problem = rolesProblem(roles, config.databaseUrl);
  if (problem) throw new ConfigError([problem]);
  const platform = await createPlatform(config);
  registerAllJobs(platform);
  const app = await buildApp({ platform, logger: true, roles });
  // Node's default accept backlog (511) overflowed under a burst of 4,000 connections in the
  // overload benchmark (dropped connections instead of 503s); the kernel caps it at somaxconn.
  await app.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG });
  const shownHost = config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  opts.onListening?.(`http://${shownHost}:${config.port}`);
  if (roles.includes('worker')) platform.jobs.start();
  const workers = roles.includes('worker') ? startModuleWorkers(platform) : null;
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await workers?.stop();
    await platform.close();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      app.log.info({ signal: sig }, 'shutting down');
      void close().then(() => process.exit(0), () => process.exit(1));
    });
  }
  return { platform, close };
}
