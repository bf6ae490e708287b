/**
 * A Jiyue server in its own process, on an existing data directory (and PostgreSQL database):
 * the second server of the interview fan-out benchmark, the server the overload benchmark drives
 * (a crash there must not take the benchmark with it). BENCH_SHIPPED_DEFAULTS=1 leaves out
 * BENCH_OVERRIDES, so the overload guard and the throttles are on; BENCH_CONFIG (JSON) overrides
 * settings on top. Prints `PORT <n>` when
 * listening; SIGTERM closes it.
 */
import { loadConfig, type Config } from '../../src/config/index.js';
import { createPlatform } from '../../src/platform/platform.js';
import { buildApp } from '../../src/app.js';
import { BENCH_OVERRIDES } from './bench-server.js';

const overrides = process.env.BENCH_SHIPPED_DEFAULTS === '1' ? {} : BENCH_OVERRIDES;
const config = loadConfig({}, {
  dataDir: process.env.BENCH_DATA_DIR ?? '', databaseUrl: process.env.BENCH_DATABASE_URL || null, ...overrides,
  ...(JSON.parse(process.env.BENCH_CONFIG || '{}') as Partial<Config>),
});
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
