import { loadConfig, type Config } from '../../src/config/index.js';
import { createPlatform, type Platform } from '../../src/platform/platform.js';
import { buildApp, type JiyueApp } from '../../src/app.js';
import type { Engine } from '../../src/db/index.js';
import type { Clock } from '../../src/platform/clock.js';
import { createTestDatabase } from './engines.js';
import { seedDemo, type DemoAccount } from '../../src/demo/seed-demo.js';
import { registerAllJobs } from '../../src/register-jobs.js';

export interface TestContext {
  readonly engine: Engine;
  readonly platform: Platform;
  readonly app: JiyueApp;
  readonly accounts: Readonly<Record<string, DemoAccount>>;
  close(): Promise<void>;
}

/**
 * The overload guard off: on a busy test machine it would turn answers into 503s (the guard has
 * its own tests, which switch it on).
 */
const GUARD_OFF = { pressureMaxEventLoopUtilization: 1, pressureMaxEventLoopDelayMs: 0 } as const;

/** Test settings: fast password hashing, loopback allowed for outgoing fetches. */
export function testConfig(base: { dataDir: string; databaseUrl: string | null }, overrides: Partial<Config> = {}): Config {
  return loadConfig({}, { dataDir: base.dataDir, databaseUrl: base.databaseUrl, passwordIterations: 1000, logLevel: 'silent', netAllow: ['127.0.0.1'], netDns: false, loginRatePerMinute: 10_000, letterSubmitRatePerHour: 10_000, letterLookupRatePerMinute: 10_000, captchaRatePerMinute: 10_000, ...GUARD_OFF, ...overrides });
}

/** Environment for a `jiyue` process a test starts: its database and data directory, warnings only, the guard off. */
export function testProcessEnv(base: { dataDir: string; databaseUrl: string | null }, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    ...(base.databaseUrl ? { DATABASE_URL: base.databaseUrl } : {}), JIYUE_DATA_DIR: base.dataDir, JIYUE_LOG_LEVEL: 'warn', JIYUE_NET_DNS: 'false',
    JIYUE_PRESSURE_MAX_ELU: String(GUARD_OFF.pressureMaxEventLoopUtilization), JIYUE_PRESSURE_MAX_EVENT_LOOP_DELAY_MS: String(GUARD_OFF.pressureMaxEventLoopDelayMs), ...extra,
  };
}

/** A fresh database, the platform, the app (not listening) and the demo organizations and users. `logger`: pino options (silent unless given). */
export async function createTestContext(engine: Engine, opts: { clock?: Clock; config?: Partial<Config>; seed?: boolean; logger?: object } = {}): Promise<TestContext> {
  const tdb = await createTestDatabase(engine);
  const config = testConfig(tdb, opts.config);
  const platform = await createPlatform(config, opts.clock ? { clock: opts.clock } : {});
  registerAllJobs(platform);
  const accounts: Record<string, DemoAccount> = {};
  if (opts.seed ?? true) for (const a of await seedDemo(platform, { writeAccountsFile: false })) accounts[a.username] = a;
  const app = await buildApp({ platform, logger: opts.logger ?? (process.env.JIYUE_TEST_LOG ? { level: 'error' } : false) });
  await app.ready();
  return {
    engine, platform, app, accounts,
    async close() {
      await app.close();
      await platform.close();
      await tdb.drop();
    },
  };
}
