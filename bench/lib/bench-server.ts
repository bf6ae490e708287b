import { loadConfig, settings, type Config } from '../../src/config/index.js';
import type { SettingDef } from '../../src/config/settings.js';
import type { Engine } from '../../src/db/index.js';
import { inTransaction } from '../../src/db/index.js';
import { createPlatform, type Platform } from '../../src/platform/platform.js';
import { buildApp } from '../../src/app.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { hashPassword } from '../../src/platform/crypto/index.js';
import { getOrgByCode } from '../../src/platform/identity/orgs.repo.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/engines.js';

/**
 * The only settings changed from the shipped defaults (besides the data directory and the
 * database): the overload guard and the login and letter throttles exist to refuse exactly the load a
 * benchmark makes, so with them on we would measure the 503s and 429s, not the work.
 */
export const BENCH_OVERRIDES = {
  pressureMaxEventLoopUtilization: 1,
  pressureMaxEventLoopDelayMs: 60_000,
  loginRatePerMinute: 1_000_000,
  letterSubmitRatePerHour: 100_000,
} as const satisfies Partial<Config>;

export const BENCH_OVERRIDES_NOTE = 'server config: shipped defaults except data dir/database and pressureMaxEventLoopUtilization=1, '
  + 'pressureMaxEventLoopDelayMs=60000, loginRatePerMinute=1000000, letterSubmitRatePerHour=100000 (so overload 503s and login and letter 429s do not interfere); '
  + 'request logs at the default level are written to /dev/null; the job worker is not started';

/**
 * The environment of a `jiyue` child process on a bench database with BENCH_OVERRIDES, given
 * the way an operator would. An override beyond what the variable accepts (the login throttle's
 * 1,000,000 a minute) is left out: it is named in `left`, for a note.
 */
export function benchProcessEnv(tdb: TestDatabase): { env: Record<string, string>; left: string[] } {
  const env: Record<string, string> = { JIYUE_DATA_DIR: tdb.dataDir, ...(tdb.databaseUrl ? { DATABASE_URL: tdb.databaseUrl } : {}) };
  const left: string[] = [];
  for (const [key, value] of Object.entries(BENCH_OVERRIDES)) {
    const setting = (settings as Record<string, SettingDef<unknown>>)[key];
    if (setting?.parse(String(value)) === undefined) left.push(key);
    else env[setting.env] = String(value);
  }
  return { env, left };
}

export interface BenchServer {
  readonly engine: Engine;
  readonly url: string;
  readonly platform: Platform;
  close(): Promise<void>;
}

/** A fresh database (SQLite temp dir, or a scratch PostgreSQL database), migrated, demo-seeded, listening on 127.0.0.1:<random>. */
export async function startBenchServer(engine: Engine): Promise<BenchServer> {
  const tdb = await createTestDatabase(engine);
  let platform: Platform | null = null;
  try {
    platform = await createBenchPlatform(tdb);
    await seedDemo(platform, { writeAccountsFile: false });
    const config = platform.config;
    // Logging stays on at the default level (its cost is part of a real request) but goes nowhere.
    const app = await buildApp({ platform, logger: { level: config.logLevel, file: '/dev/null' } });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const p = platform;
    return {
      engine, url, platform: p,
      async close() {
        await app.close();
        await p.close();
        await tdb.drop();
      },
    };
  } catch (err) {
    await platform?.close();
    await tdb.drop();
    throw err;
  }
}

/** The platform on a fresh test database with the shipped defaults plus BENCH_OVERRIDES. */
export async function createBenchPlatform(tdb: TestDatabase): Promise<Platform> {
  // An empty environment: the defaults as shipped, not whatever JIYUE_* the operator has set.
  const config = loadConfig({}, { dataDir: tdb.dataDir, databaseUrl: tdb.databaseUrl, ...BENCH_OVERRIDES });
  return createPlatform(config);
}

/**
 * Editors without a second factor, all with one password hashed once at the configured
 * iterations: a login then costs exactly one verification, and spreading logins over many
 * users keeps per-user row updates from queueing behind each other.
 */
export async function createBenchUsers(platform: Platform, opts: { count: number; password: string }): Promise<string[]> {
  const hash = await hashPassword(opts.password, platform.config.passwordIterations);
  const now = platform.clock.now();
  const names = Array.from({ length: opts.count }, (_, i) => `bench_user_${String(i + 1).padStart(4, '0')}`);
  await inTransaction(platform.db, async (trx) => {
    const org = await getOrgByCode(trx, '320000-bgt');
    if (!org) throw new Error('demo organization 320000-bgt missing');
    for (const username of names) {
      const { id } = await trx.insertInto('users').values({
        username, display_name: username, org_id: org.id, password_hash: hash, password_changed_at: now,
        must_change_password: 0, status: 'active', failed_attempts: 0, locked_until: null,
        totp_secret_enc: null, totp_enabled: 0, totp_last_step: null, email_enc: null, phone_enc: null, created_at: now, updated_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('role_grants').values({ user_id: id, role: 'editor', scope_type: 'org', scope_id: org.id, granted_by: null, granted_at: now }).execute();
    }
  });
  return names;
}

/** Signs in over HTTP like the console does; returns the Cookie header value. */
export async function signInOverHttp(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`bench sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('jiyue_session='));
  if (!cookie) throw new Error('bench sign-in returned no session cookie');
  return cookie;
}

/** A password that satisfies the default policy (length and character classes). */
export const BENCH_PASSWORD = 'Bench-Passw0rd-2026';
