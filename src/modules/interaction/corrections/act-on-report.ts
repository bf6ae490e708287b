import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import { requireText } from '../validate-letter.js';
import type { Updateable } from 'kysely';
import type { DismissKind, ErrorReportStatus, ErrorReportsTable } from './corrections.tables.js';
import { applyReportTransition, requireReport, requireReportAccess, requireReportTransition, type ReportRow } from './report-transitions.js';
import { OWNER_DAYS, REPORT_WORKFLOW, TRIAGE_DAYS } from './report-workflow.js';

/** What the console sends: the operator forwards or dismisses; the owner fixes (with the answer) or disputes. */
export interface ReportActionInput {
  readonly action: 'forward' | 'dismiss' | 'fix' | 'dispute';
  /** The version the console showed: a report changed since is refused (409) instead of acted on. */
  readonly version?: number | undefined;
  readonly reason?: string | undefined;
  readonly dismissKind?: DismissKind | undefined;
  readonly answer?: string | undefined;
}

function reasonOf(reason: string | undefined): string {
  const r = (reason ?? '').trim();
  if (!r) throw new AppError(InteractionErrors['interaction.error_report.reason_required']);
  return r;
}

/**
 * One step of an error report: access (operator's triage permission or owner's fix permission
 * on the report's site) → status → fields → deadlines → in one transaction the version-checked
 * update, the history row and the audit event.
 */
export async function actOnReport({ db, actor, reportId, input, deps }: { db: Db; actor: Actor; reportId: number; input: ReportActionInput; deps: InteractionDeps }): Promise<{ status: ErrorReportStatus; version: number; stepDueAt: number | null }> {
  const rule = REPORT_WORKFLOW[input.action];
  const first = await requireReport(db, reportId);
  await requireReportAccess(db, actor, rule.role === 'operator' ? 'operator' : 'owner', first);
  if (input.version !== undefined && input.version !== Number(first.version)) throw new AppError(InteractionErrors['interaction.error_report.conflict']);
  requireReportTransition(first, input.action);
  const now = deps.clock.now();
  const to = rule.to ?? first.status;
  // Calendar before the transaction (see submitErrorReport); the version check keeps it valid.
  const { patch, reason, detail } = await stepOf(deps, input, first, now, actor.userId);
  await inTransaction(db, async (trx) => {
    await applyReportTransition(trx, deps, actor, first, patch, { action: input.action, to, reason, detail });
  });
  const after = await requireReport(db, reportId);
  return { status: after.status, version: Number(after.version), stepDueAt: after.step_due_at === null ? null : Number(after.step_due_at) };
}

/** The fields, reason and audit detail of each action; deadlines from the platform calendar. */
async function stepOf(deps: InteractionDeps, input: ReportActionInput, row: ReportRow, now: number, userId: number | null): Promise<{ patch: Updateable<ErrorReportsTable>; reason: string; detail: Record<string, unknown> }> {
  const triaged = row.triaged_at === null ? now : Number(row.triaged_at);
  switch (input.action) {
    case 'forward': {
      // NORMS (Interaction): the owner handles and answers within 2 more working days.
      const ownerDue = await deps.calendar.addWorkingDays(now, OWNER_DAYS);
      return { patch: { triaged_at: triaged, forwarded_at: now, owner_due_at: ownerDue, step_due_at: ownerDue }, reason: (input.reason ?? '').trim(), detail: { ownerDueAt: ownerDue, onTime: now <= Number(row.triage_due_at) } };
    }
    case 'dismiss': {
      if (input.dismissKind === undefined) throw new AppError(InteractionErrors['interaction.error_report.dismiss_kind_required']);
      const reason = reasonOf(input.reason);
      return { patch: { triaged_at: triaged, dismiss_kind: input.dismissKind, reason, step_due_at: null }, reason, detail: { dismissKind: input.dismissKind } };
    }
    case 'fix': {
      const answer = requireText(input.answer, '答复内容', 'answer');
      return { patch: { answer, answered_at: now, answered_by: userId, step_due_at: null }, reason: '', detail: { answerLength: answer.length, onTime: row.owner_due_at !== null && now <= Number(row.owner_due_at) } };
    }
    case 'dispute': {
      const reason = reasonOf(input.reason);
      return { patch: { reason, step_due_at: await deps.calendar.addWorkingDays(now, TRIAGE_DAYS) }, reason, detail: {} };
    }
  }
}
