import { inTransaction, type Db } from '../../../db/index.js';
import { systemActor } from '../../../platform/identity/actor.js';
import type { Platform } from '../../../platform/platform.js';
import { interactionDeps, type InteractionDeps } from '../deps.js';
import { recordReportHistory } from './report-transitions.js';
import { OPEN_REPORT_STATUSES, REPORT_STATUS_LABELS } from './report-workflow.js';

export const ESCALATE_ERROR_REPORTS_KIND = 'interaction.escalate_error_reports';

/**
 * The 督办 sweep of error reports, as for letters: each open report past its step's deadline is
 * escalated once per missed deadline (a notice for the supervising office, a history row, an
 * audit event). The mark is set by a conditional update, so two sweeps at once notify once.
 */
export async function escalateErrorReports(db: Db, deps: InteractionDeps): Promise<{ escalated: number }> {
  const now = deps.clock.now();
  const actor = systemActor('interaction-escalation');
  let escalated = 0;
  const overdue = await db.selectFrom('error_reports').selectAll().where('status', 'in', [...OPEN_REPORT_STATUSES])
    .where('step_due_at', '<', now).orderBy('id').execute();
  for (const row of overdue) {
    const due = Number(row.step_due_at);
    if (row.escalated_due_at !== null && Number(row.escalated_due_at) === due) continue;
    const overdueDays = Math.max(0, await deps.calendar.workingDaysBetween(due, now));
    const done = await inTransaction(db, async (trx) => {
      let q = trx.updateTable('error_reports').set({ escalated_due_at: due }).where('id', '=', Number(row.id)).where('version', '=', Number(row.version));
      q = row.escalated_due_at === null ? q.where('escalated_due_at', 'is', null) : q.where('escalated_due_at', '=', Number(row.escalated_due_at));
      if (Number((await q.executeTakeFirst()).numUpdatedRows) !== 1) return false;
      // Names the report by number and step: never the visitor or their text.
      const who = row.status === 'forwarded' ? '网站主办单位' : '平台运维';
      await trx.insertInto('error_report_notices').values({
        site_id: Number(row.site_id), report_id: Number(row.id),
        message: `督办：纠错报告 #${Number(row.id)}（${REPORT_STATUS_LABELS[row.status]}）已超过${who}办理时限${overdueDays > 0 ? ` ${overdueDays} 个工作日` : ''}，请督促办理`, created_at: now,
      }).execute();
      await recordReportHistory(trx, deps, actor, { id: Number(row.id), site_id: Number(row.site_id), status: row.status }, { action: 'escalate', to: row.status, reason: '超过办理时限，自动督办', detail: { dueAt: due, overdueDays } });
      return true;
    });
    if (done) escalated++;
  }
  return { escalated };
}

/** Hourly, like the letters' sweep: deadlines end at the end of a day. */
export function registerErrorReportJobs(platform: Platform): void {
  platform.jobs.define(ESCALATE_ERROR_REPORTS_KIND, () => escalateErrorReports(platform.db, interactionDeps(platform)), { maxAttempts: 3, timeoutMs: 10 * 60 * 1000 });
  platform.jobs.declareSchedule({ name: ESCALATE_ERROR_REPORTS_KIND, cron: '20 * * * *', kind: ESCALATE_ERROR_REPORTS_KIND });
}
