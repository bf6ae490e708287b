/** Shared set-up for the audit tests: a migrated database, a manual clock, a signing key, a chain key. */
import { inTransaction, openDatabase, type DatabaseHandle, type Engine } from '../../src/db/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { generateSm2KeyPair, type Sm2KeyPair } from '../../src/platform/crypto/index.js';
import type { Actor } from '../../src/platform/identity/actor.js';
import { createAuditService, deriveAuditChainKey, type AuditService, type AuditServiceDeps } from '../../src/platform/audit/index.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';

export const T0 = Date.UTC(2026, 0, 5, 1, 0, 0); // 2026-01-05 09:00 in Shanghai
export const DAY = 86_400_000;
/** A fixed stand-in for the installation's session secret (deterministic tests). */
export const TEST_SESSION_SECRET = Buffer.alloc(32, 0x5a);

export interface AuditFixture {
  readonly dbh: DatabaseHandle;
  readonly clock: ManualClock;
  readonly keys: Sm2KeyPair;
  /** The server's chain key; a forger with only database access does not have it. */
  readonly chainKey: Buffer;
  audit: AuditService;
  close(): Promise<void>;
}

export async function openAuditFixture(engine: Engine, opts: Partial<Pick<AuditServiceDeps, 'checkpointEvery' | 'retentionDays'>> = {}): Promise<AuditFixture> {
  const tdb: TestDatabase = await createTestDatabase(engine);
  const dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
  await dbh.migrate();
  const clock = new ManualClock(T0);
  const keys = generateSm2KeyPair();
  const chainKey = deriveAuditChainKey(TEST_SESSION_SECRET);
  const audit = createAuditService({
    ops: dbh.ops, clock, signer: keys, checkpointEvery: opts.checkpointEvery ?? 5, retentionDays: opts.retentionDays ?? 180, chainKey,
  });
  return {
    dbh, clock, keys, chainKey, audit,
    async close() {
      await dbh.close();
      await tdb.drop();
    },
  };
}

export function userActor(username: string, opts: { userId?: number; orgId?: number | null; ip?: string; userAgent?: string } = {}): Actor {
  return {
    kind: 'user', userId: opts.userId ?? 7, username, displayName: username, orgId: opts.orgId ?? null, grants: [],
    sessionId: 1, ip: opts.ip ?? '10.0.0.1', userAgent: opts.userAgent ?? 'Mozilla/5.0 test',
  };
}

/** Empties the log so each test starts from the genesis. */
export async function resetLog(fx: AuditFixture): Promise<void> {
  await fx.dbh.db.deleteFrom('audit_events').execute();
  await fx.dbh.db.deleteFrom('audit_checkpoints').execute();
}

/** Appends n events one second apart, each in its own transaction. */
export async function appendMany(fx: AuditFixture, n: number, actor: Actor = userActor('editor1')): Promise<void> {
  for (let i = 0; i < n; i++) {
    fx.clock.advance(1000);
    await inTransaction(fx.dbh.db, (trx) => fx.audit.append(trx, actor, {
      action: 'content.document.update', result: 'success', targetType: 'document', targetId: 100 + i, detail: { n: i },
    }));
  }
}

export async function eventAt(fx: AuditFixture, seq: number) {
  return fx.dbh.db.selectFrom('audit_events').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
}
