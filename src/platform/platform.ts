import type { Config } from '../config/index.js';
import { openDatabase, type DatabaseHandle, type Db } from '../db/index.js';
import { loadKeyMaterial, type FieldCipher, type KeyMaterial } from './crypto/index.js';
import { systemClock, type Clock } from './clock.js';
import { LocalEventBus, type EventBus } from './events/event-bus.js';
import { createPgEventBus } from './events/pg-event-bridge.js';
import { createAuditService, deriveAuditChainKey, type AuditService } from './audit/index.js';
import { createJobService, type JobService } from './jobs/index.js';
import { createCalendarService, type CalendarService } from './calendar/index.js';

/** The platform services every module receives. Built once per process (and per test). */
export interface Platform {
  readonly config: Config;
  readonly dbh: DatabaseHandle;
  readonly db: Db;
  readonly clock: Clock;
  readonly keys: KeyMaterial;
  readonly cipher: FieldCipher;
  readonly audit: AuditService;
  readonly jobs: JobService;
  readonly calendar: CalendarService;
  readonly events: EventBus;
  close(): Promise<void>;
}

export interface PlatformOptions {
  readonly clock?: Clock;
  /** Share live events across processes through PostgreSQL LISTEN/NOTIFY (default: on PostgreSQL). */
  readonly crossProcessEvents?: boolean;
  readonly workerId?: string;
}

export async function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  const clock = opts.clock ?? systemClock;
  const dbh = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, namedStatements: config.pgNamedStatements });
  try {
    await dbh.migrate();
    const keys = await loadKeyMaterial({ dataDir: config.dataDir, secretKeyEnv: config.secretKey ?? undefined });
    const events: EventBus = dbh.url && (opts.crossProcessEvents ?? true) ? await createPgEventBus(dbh.url) : new LocalEventBus();
    const audit = createAuditService({
      ops: dbh.ops, clock, signer: keys.sm2, checkpointEvery: config.auditCheckpointEvery, retentionDays: config.auditRetentionDays,
      chainKey: deriveAuditChainKey(keys.sessionSecret),
    });
    const jobs = createJobService({
      db: dbh.db, ops: dbh.ops, clock, events, pollMs: config.jobsPollMs, concurrency: config.jobsConcurrency, logger: jobLogger(config),
      ...(opts.workerId ? { workerId: opts.workerId } : {}),
    });
    const calendar = createCalendarService({ db: dbh.db, clock, audit, events });
    await calendar.seedFromChineseDays(dbh.db);
    return {
      config, dbh, db: dbh.db, clock, keys, cipher: keys.fieldCipher, audit, jobs, calendar, events,
      async close() {
        await jobs.stop();
        await events.close();
        await dbh.close();
      },
    };
  } catch (err) {
    await dbh.close();
    throw err;
  }
}

/** Job failures are logged as JSON lines on stderr (silenced with JIYUE_LOG_LEVEL=silent, as in tests). */
function jobLogger(config: Config): { error(obj: object, msg: string): void } {
  return {
    error(obj, msg) {
      if (config.logLevel === 'silent' || config.logLevel === 'fatal') return;
      process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), msg, ...obj }, (_k, v: unknown) => (v instanceof Error ? { message: v.message, stack: v.stack } : v))}\n`);
    },
  };
}
