/** Shared set-up for the job queue tests: a migrated database, a manual clock, a local event bus. */
import { openDatabase, type DatabaseHandle, type Engine } from '../../src/db/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { LocalEventBus, type EventBus } from '../../src/platform/events/event-bus.js';
import { createJobService, type JobService, type JobServiceDeps, type JobEvent } from '../../src/platform/jobs/index.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';

export const T0 = Date.UTC(2026, 10, 26, 2, 0, 0); // 2026-11-26 10:00 in Shanghai
export const MINUTE = 60_000;

export interface JobsFixture {
  readonly engine: Engine;
  readonly tdb: TestDatabase;
  readonly dbh: DatabaseHandle;
  readonly clock: ManualClock;
  readonly events: LocalEventBus;
  /** Errors the services logged (failed attempts are logged on purpose). */
  readonly logged: string[];
  service(overrides?: Partial<JobServiceDeps>): JobService;
  /** A second handle on the same database, like another process. */
  openSecondHandle(): DatabaseHandle;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function openJobsFixture(engine: Engine): Promise<JobsFixture> {
  const tdb = await createTestDatabase(engine);
  const dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
  await dbh.migrate();
  const clock = new ManualClock(T0);
  const events = new LocalEventBus();
  const logged: string[] = [];
  const handles: DatabaseHandle[] = [];
  const services: JobService[] = [];
  return {
    engine, tdb, dbh, clock, events, logged,
    service(overrides = {}) {
      const s = createJobService({
        db: dbh.db, ops: dbh.ops, clock, events: events as EventBus, pollMs: 20, concurrency: 2,
        logger: { error: (_obj, msg) => { logged.push(msg); } }, random: () => 1, ...overrides,
      });
      services.push(s);
      return s;
    },
    openSecondHandle() {
      const h = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
      handles.push(h);
      return h;
    },
    async reset() {
      await dbh.db.deleteFrom('jobs').execute();
      await dbh.db.deleteFrom('job_schedules').execute();
      clock.set(T0);
      logged.length = 0;
    },
    async close() {
      for (const s of services) await s.stop({ graceMs: 0 });
      for (const h of handles) await h.close();
      await events.close();
      await dbh.close();
      await tdb.drop();
    },
  };
}

/** Collects the events published for jobs. */
export function recordEvents(events: EventBus, channel = 'jobs'): { readonly list: JobEvent[]; stop(): void } {
  const list: JobEvent[] = [];
  const stop = events.subscribe(channel, (data) => { list.push(data as JobEvent); });
  return { list, stop };
}

/** Resolves with the first event matching `pred`, or rejects after `ms`. */
export function nextEvent(events: EventBus, pred: (e: JobEvent) => boolean, ms = 3000): Promise<JobEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error('no matching job event')); }, ms);
    const stop = events.subscribe('jobs', (data) => {
      const e = data as JobEvent;
      if (!pred(e)) return;
      clearTimeout(timer);
      stop();
      resolve(e);
    });
  });
}
