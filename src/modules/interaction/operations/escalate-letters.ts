import { inTransaction, type Db } from '../../../db/index.js';
import { systemActor } from '../../../platform/identity/actor.js';
import type { Platform } from '../../../platform/platform.js';
import { interactionDeps, type InteractionDeps } from '../deps.js';
import { registerStatisticsJob } from '../statistics/refresh-job.js';
import { LETTER_STATUS_LABELS } from '../letter-types.js';
import { effectiveDue, recordHistory } from '../letter-transitions.js';
import { OPEN_STATUSES, THREE_MONTH_ALARM_DAYS, UNANSWERED_STATUSES } from '../letter-workflow.js';

export const ESCALATE_LETTERS_KIND = 'interaction.escalate_letters';

const DAY_MS = 86_400_000;

/**
 * The scheduled 督办 sweep. Each open letter past its current deadline is escalated once per
 * missed deadline (a notice the site's supervisor sees, a history row, an audit event); each
 * letter unanswered for THREE_MONTH_ALARM_DAYS raises one site-level alarm, since the inspection
 * rules fail a site for a valid consultation unanswered 3 months. The marks are set by a
 * conditional update, so two sweeps at once notify once.
 */
export async function escalateLetters(db: Db, deps: InteractionDeps): Promise<{ escalated: number; alarms: number }> {
  const now = deps.clock.now();
  const actor = systemActor('interaction-escalation');
  let escalated = 0;
  let alarms = 0;
  const overdue = await db.selectFrom('letters').selectAll().where('status', 'in', [...OPEN_STATUSES])
    .where((eb) => eb.or([eb('due_at', '<', now), eb('step_due_at', '<', now)])).orderBy('id').execute();
  for (const row of overdue) {
    const due = effectiveDue(row);
    if (due >= now || (row.escalated_due_at !== null && Number(row.escalated_due_at) === due)) continue;
    // Calendar outside the transaction: it may read its tables, and SQLite has one connection.
    const overdueDays = Math.max(0, await deps.calendar.workingDaysBetween(due, now));
    const done = await inTransaction(db, async (trx) => {
      let q = trx.updateTable('letters').set({ escalated_due_at: due }).where('id', '=', Number(row.id)).where('version', '=', Number(row.version));
      q = row.escalated_due_at === null ? q.where('escalated_due_at', 'is', null) : q.where('escalated_due_at', '=', Number(row.escalated_due_at));
      if (Number((await q.executeTakeFirst()).numUpdatedRows) !== 1) return false;
      // The message names the letter by number and step, never the writer or the text.
      await trx.insertInto('letter_notices').values({
        site_id: Number(row.site_id), letter_id: Number(row.id), kind: 'escalation',
        message: `督办：信件 #${Number(row.id)}（${LETTER_STATUS_LABELS[row.status]}）已超过办理时限${overdueDays > 0 ? ` ${overdueDays} 个工作日` : ''}，请督促办理`, created_at: now,
      }).execute();
      await recordHistory(trx, deps, actor, row, { action: 'escalate', to: row.status, reason: '超过办理时限，自动督办', detail: { dueAt: due, overdueDays } });
      return true;
    });
    if (done) escalated++;
  }
  const old = await db.selectFrom('letters').selectAll().where('status', 'in', [...UNANSWERED_STATUSES])
    .where('alarm_at', 'is', null).where('received_at', '<=', now - THREE_MONTH_ALARM_DAYS * DAY_MS).orderBy('id').execute();
  for (const row of old) {
    const done = await inTransaction(db, async (trx) => {
      const res = await trx.updateTable('letters').set({ alarm_at: now }).where('id', '=', Number(row.id)).where('alarm_at', 'is', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      const days = Math.floor((now - Number(row.received_at)) / DAY_MS);
      await trx.insertInto('letter_notices').values({
        site_id: Number(row.site_id), letter_id: Number(row.id), kind: 'three_month_alarm',
        message: `网站预警：信件 #${Number(row.id)} 已 ${days} 天未答复，满三个月未答复的咨询将导致网站检查不合格，请立即办理`, created_at: now,
      }).execute();
      await recordHistory(trx, deps, actor, row, { action: 'alarm', to: row.status, reason: `收信 ${days} 天未答复`, detail: { days } });
      return true;
    });
    if (done) alarms++;
  }
  return { escalated, alarms };
}

/** Registers the sweep hourly (deadlines end at the end of a day, so an hour late is soon enough) and the daily statistics. */
export function registerLetterJobs(platform: Platform): void {
  registerStatisticsJob(platform);
  platform.jobs.define(ESCALATE_LETTERS_KIND, () => escalateLetters(platform.db, interactionDeps(platform)), { maxAttempts: 3, timeoutMs: 10 * 60 * 1000 });
  platform.jobs.declareSchedule({ name: ESCALATE_LETTERS_KIND, cron: '10 * * * *', kind: ESCALATE_LETTERS_KIND });
}
