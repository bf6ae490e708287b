import { loadConfig, type Config } from './config/index.js';
import { createPlatform, type Platform } from './platform/platform.js';
import { buildApp } from './app.js';
import { registerAllJobs, startModuleWorkers } from './register-jobs.js';

export interface ServeOptions {
  readonly roles?: readonly ('admin' | 'public' | 'worker')[];
  readonly onListening?: (url: string) => void;
}

/** Process entry for `jiyue serve`: config → platform → app → listen; graceful shutdown. */
export async function serve(config: Config = loadConfig(), opts: ServeOptions = {}): Promise<{ platform: Platform; close: () => Promise<void> }> {
  const roles = opts.roles ?? config.roles;
  const platform = await createPlatform(config);
  registerAllJobs(platform);
  const app = await buildApp({ platform, logger: true });
  await app.listen({ port: config.port, host: config.host });
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
