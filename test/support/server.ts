import type { Engine } from '../../src/db/index.js';
import type { Config } from '../../src/config/index.js';
import type { Platform } from '../../src/platform/platform.js';
import type { Clock } from '../../src/platform/clock.js';
import type { DemoAccount } from '../../src/demo/seed-demo.js';
import { createTestContext } from './platform.js';

export interface TestServer {
  readonly baseUrl: string;
  readonly platform: Platform;
  /** Demo accounts by role (and by username). */
  readonly accounts: Readonly<Record<string, DemoAccount>>;
  stop(): Promise<void>;
}

/**
 * The whole platform on a real socket on 127.0.0.1 (random port), with the job worker running.
 * `clock` replaces the platform clock (a test's own; production builds the platform with the
 * system clock and has no way to take another).
 */
export async function startTestServer({ engine, config, clock }: { engine: Engine; config?: Partial<Config>; clock?: Clock }): Promise<TestServer> {
  const ctx = await createTestContext(engine, { ...(config ? { config } : {}), ...(clock ? { clock } : {}) });
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const address = ctx.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  ctx.platform.jobs.start();
  const accounts: Record<string, DemoAccount> = {};
  for (const a of Object.values(ctx.accounts)) {
    accounts[a.username] = a;
    accounts[a.role] ??= a;
  }
  return { baseUrl: `http://127.0.0.1:${address.port}`, platform: ctx.platform, accounts, stop: () => ctx.close() };
}
