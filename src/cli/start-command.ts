import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/index.js';
import { ADMIN_DIST } from '../platform/http/admin-static.js';
import { createPlatform } from '../platform/platform.js';
import { isDatabaseEmpty, seedDemo } from '../demo/seed-demo.js';
import { printAccounts } from './demo-command.js';
import { inTransaction } from '../db/index.js';
import { enqueueRebuild, pageStoreFor } from '../modules/publishing/index.js';

/** `npm start`: build what is missing, migrate, seed an empty database, serve. Installs nothing. */
export async function startCommand(config: Config): Promise<number> {
  await buildConsoleIfMissing();
  if (config.demoSeed) await prepareData(config);
  const { serve } = await import('../main.js');
  await serve(config, { onListening: (u) => process.stdout.write(`\n集约 Jiyue is running: ${u}/admin/  (API docs ${u}/api/docs)\n`) });
  return -1;
}

/** Builds the admin console the first time (when admin/dist/ is missing). */
export async function buildConsoleIfMissing(): Promise<void> {
  if (fs.existsSync(`${ADMIN_DIST}index.html`)) return;
  process.stdout.write('building the admin console (first start only)…\n');
  const { build } = await import('vite');
  await build({ root: fileURLToPath(new URL('../../admin/', import.meta.url)), logLevel: 'warn' });
}

/**
 * Migrates and creates the key file (createPlatform does both); with JIYUE_DEMO_SEED, seeds an
 * empty database (the seed queues the indexing of its documents for search) and queues the
 * first rendering of the public sites. Run once before the processes of a scale-out start, so
 * they do not race for either.
 */
export async function prepareData(config: Config): Promise<void> {
  const platform = await createPlatform(config);
  try {
    if (!config.demoSeed) return;
    if (await isDatabaseEmpty(platform.db)) {
      process.stdout.write('seeding demo data…\n');
      printAccounts(await seedDemo(platform, { documents: 'full' }), config);
    }
    // The public sites exist only once rendered: a first start queues a full rebuild for the
    // worker (not a second one while the first still waits for it).
    if ((await pageStoreFor(platform).sites()).length === 0) {
      await inTransaction(platform.db, (trx) => enqueueRebuild(trx, platform.jobs, {}, null, { unlessQueued: true }));
      process.stdout.write('public sites are being rendered in the background (http://<site code>.localhost:PORT/)…\n');
    }
  } finally {
    await platform.close();
  }
}
