/** Shared set-up for the calendar tests: a migrated database, a manual clock, the real audit chain. */
import { openDatabase, type DatabaseHandle, type Engine } from '../../src/db/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { generateSm2KeyPair } from '../../src/platform/crypto/index.js';
import type { Actor } from '../../src/platform/identity/actor.js';
import { createAuditService, deriveAuditChainKey, type AuditService } from '../../src/platform/audit/index.js';
import { createCalendarService, type CalendarService, type CalendarServiceDeps } from '../../src/platform/calendar/index.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';

/** 2026-11-26 10:00 in Shanghai: the current year has data, the next (2027) does not. */
export const NOW = shanghai(2026, 11, 26, 10);

/** Epoch ms of a wall-clock time in Asia/Shanghai. */
export function shanghai(y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0): number {
  return Date.UTC(y, m - 1, d, h - 8, min, s, ms);
}

/** 23:59:59.999 in Shanghai on the given day: what addWorkingDays returns. */
export function endOfShanghaiDay(y: number, m: number, d: number): number {
  return shanghai(y, m, d, 23, 59, 59, 999);
}

export interface CalendarFixture {
  readonly dbh: DatabaseHandle;
  readonly clock: ManualClock;
  readonly audit: AuditService;
  service(extra?: Partial<Pick<CalendarServiceDeps, 'cacheTtlMs' | 'events'>>): CalendarService;
  close(): Promise<void>;
}

export async function openCalendarFixture(engine: Engine): Promise<CalendarFixture> {
  const tdb: TestDatabase = await createTestDatabase(engine);
  const dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
  await dbh.migrate();
  const clock = new ManualClock(NOW);
  const audit = createAuditService({
    ops: dbh.ops, clock, signer: generateSm2KeyPair(), checkpointEvery: 100, retentionDays: 180, chainKey: deriveAuditChainKey(Buffer.alloc(32, 7)),
  });
  return {
    dbh, clock, audit,
    service: (extra = {}) => createCalendarService({ db: dbh.db, clock, audit, ...extra }),
    async close() {
      await dbh.close();
      await tdb.drop();
    },
  };
}

export function adminActor(userId = 1): Actor {
  return {
    kind: 'user', userId, username: 'sysadmin', displayName: '王系统', orgId: 1,
    grants: [{ role: 'system_admin', scopeType: 'platform', scopeId: null, scopePath: null }],
    sessionId: 1, ip: '10.0.0.1', userAgent: 'test',
  };
}

export function editorActor(): Actor {
  return { ...adminActor(2), username: 'editor', displayName: '刘编辑', grants: [{ role: 'editor', scopeType: 'org', scopeId: 1, scopePath: '/1/' }] };
}

export async function auditActions(dbh: DatabaseHandle): Promise<{ action: string; target_id: string | null; detail: string }[]> {
  return dbh.db.selectFrom('audit_events').select(['action', 'target_id', 'detail']).orderBy('seq').execute();
}
