/**
 * The second server process of the interview fan-out benchmark: the same app on the same
 * PostgreSQL database (its own pool, LISTEN connection and hub). Prints `PORT <n>` when listening.
 */
import { loadConfig } from '../../src/config/index.js';
import { createPlatform } from '../../src/platform/platform.js';
import { buildApp } from '../../src/app.js';
import { BENCH_OVERRIDES } from './bench-server.js';

const config = loadConfig({}, { dataDir: process.env.BENCH_DATA_DIR ?? '', databaseUrl: process.env.BENCH_DATABASE_URL ?? null, ...BENCH_OVERRIDES });
const platform = await createPlatform(config);
const app = await buildApp({ platform, logger: { level: config.logLevel, file: '/dev/null' } });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
const stop = async () => {
  await app.close();
  await platform.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
