import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { AppError } from '../http/error-registry.js';
import { nextOccurrence, validateCron } from './job-cron.js';
import { parseJson, toScheduleView, type ScheduleRow, type ScheduleView } from './job-view.js';

export interface ScheduleInput {
  /** Stable identifier, e.g. `supervision.daily_inspection`. */
  readonly name: string;
  /** Five-field cron in Asia/Shanghai time, e.g. `0 2 * * *` = 02:00 every day. */
  readonly cron: string;
  readonly kind: string;
  readonly payload?: unknown;
}

/**
 * Creates or updates a schedule. Code may declare its schedules at every start: an unchanged
 * cron keeps its next_run_at (a restart just before 02:00 must not skip that night's run),
 * and an operator's enabled/disabled choice is kept.
 */
export async function upsertSchedule(db: Db, input: ScheduleInput, now: number): Promise<ScheduleView> {
  const name = input.name.trim();
  if (name === '' || name.length > 100) throw new AppError('jobs.bad_kind', { kind: input.name });
  if (input.kind.trim() === '' || input.kind.length > 100) throw new AppError('jobs.bad_kind', { kind: input.kind });
  const cron = validateCron(input.cron);
  await db.insertInto('job_schedules').values({
    name, cron, kind: input.kind.trim(), payload: JSON.stringify(input.payload ?? {}),
    enabled: 1, next_run_at: nextOccurrence(cron, now), last_run_at: null,
  }).onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({
    kind: eb.ref('excluded.kind'),
    payload: eb.ref('excluded.payload'),
    next_run_at: sql<number>`case when job_schedules.cron = excluded.cron then job_schedules.next_run_at else excluded.next_run_at end`,
    cron: eb.ref('excluded.cron'),
  }))).execute();
  const row = await db.selectFrom('job_schedules').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  return toScheduleView(row);
}

export interface TickDeps {
  readonly now: number;
  readonly enqueue: (trx: Db, schedule: ScheduleRow) => Promise<number>;
  readonly logError: (obj: object, msg: string) => void;
}

/**
 * Enqueues one job for every due schedule and moves it to its next occurrence after now
 * (occurrences missed while nothing ran are coalesced into this one run). The advance is a
 * conditional update on the next_run_at just read, in the same transaction as the enqueue:
 * of two processes ticking at once, exactly one moves the schedule and enqueues.
 * Returns the number of jobs enqueued.
 */
export async function tickDueSchedules(db: Db, deps: TickDeps): Promise<number> {
  const due = await db.selectFrom('job_schedules').selectAll()
    .where('enabled', '=', 1).where('next_run_at', '<=', deps.now).orderBy('next_run_at').execute();
  let enqueued = 0;
  for (const s of due) {
    let next: number;
    try {
      next = nextOccurrence(s.cron, deps.now);
    } catch (err) {
      deps.logError({ err, schedule: s.name }, 'schedule has an unreadable cron expression');
      continue;
    }
    const won = await inTransaction(db, async (trx) => {
      const r = await trx.updateTable('job_schedules').set({ next_run_at: next, last_run_at: deps.now })
        .where('name', '=', s.name).where('next_run_at', '=', s.next_run_at).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await deps.enqueue(trx, s);
      return true;
    });
    if (won) enqueued += 1;
  }
  return enqueued;
}

export function schedulePayload(s: ScheduleRow): unknown {
  return parseJson(s.payload);
}
