import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { hasPermissionOnSite, type Actor } from '../../../platform/identity/actor.js';
import type { Permission } from '../../../platform/identity/permissions.js';
import type { WorkingCalendar } from '../../../platform/contracts.js';
import { getSite, type SiteView } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import type { DueState } from '../letter-workflow.js';
import type { ErrorReportStatus, ErrorReportsTable } from './corrections.tables.js';
import { OPEN_REPORT_STATUSES, REPORT_STATUS_LABELS, REPORT_WORKFLOW, type ReportAction } from './report-workflow.js';

export type ReportRow = Selectable<ErrorReportsTable>;

export async function requireReport(db: Db, id: number): Promise<ReportRow> {
  const row = await db.selectFrom('error_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError(InteractionErrors['interaction.error_report.not_found']);
  return row;
}

/** The permission each role acts with, checked on the report's site (a grant on the site, its organization or above, or the platform). */
const ROLE_PERMISSION: Readonly<Record<'operator' | 'owner' | 'reader', Permission>> = {
  operator: 'interaction.corrections.triage', owner: 'interaction.corrections.fix', reader: 'interaction.corrections.read',
};

export async function requireReportAccess(db: Db, actor: Actor, role: 'operator' | 'owner' | 'reader', row: ReportRow): Promise<SiteView> {
  const site = await getSite(db, Number(row.site_id));
  if (!site) throw new AppError(InteractionErrors['interaction.error_report.not_found']);
  if (!hasPermissionOnSite(actor, ROLE_PERMISSION[role], { siteId: site.id, orgPath: site.orgPath })) throw new AppError(InteractionErrors['interaction.error_report.out_of_scope']);
  return site;
}

export function requireReportTransition(row: ReportRow, action: ReportAction): void {
  if (!REPORT_WORKFLOW[action].from.includes(row.status)) {
    throw new AppError(InteractionErrors['interaction.error_report.illegal_transition'], { status: REPORT_STATUS_LABELS[row.status], action: REPORT_WORKFLOW[action].zh });
  }
}

export interface ReportRecord {
  readonly action: ReportAction;
  readonly to: ErrorReportStatus;
  readonly reason: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** A conditional update on the version read (a concurrent step that got there first: 409, nothing written), then history and audit. */
export async function applyReportTransition(trx: Db, deps: InteractionDeps, actor: Actor, row: ReportRow, patch: Updateable<ErrorReportsTable>, rec: ReportRecord): Promise<void> {
  const res = await trx.updateTable('error_reports').set({ ...patch, status: rec.to, version: Number(row.version) + 1 })
    .where('id', '=', Number(row.id)).where('version', '=', Number(row.version)).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(InteractionErrors['interaction.error_report.conflict']);
  await recordReportHistory(trx, deps, actor, { id: Number(row.id), site_id: Number(row.site_id), status: row.status }, rec);
}

/** A history row and an audit event in the caller's transaction; the audit keeps lengths, never the text. */
export async function recordReportHistory(trx: Db, deps: InteractionDeps, actor: Actor, row: { id: number; site_id: number; status: ErrorReportStatus }, rec: ReportRecord): Promise<void> {
  const now = deps.clock.now();
  await trx.insertInto('error_report_history').values({
    report_id: row.id, action: rec.action, from_status: row.status, to_status: rec.to, actor_kind: actor.kind,
    actor_user_id: actor.userId, actor_name: actor.displayName, reason: rec.reason, at: now,
  }).execute();
  await deps.audit.append(trx, actor, {
    action: `interaction.error_report.${rec.action}`, result: 'success', targetType: 'error_report', targetId: row.id,
    detail: { siteId: row.site_id, from: row.status, to: rec.to, reasonLength: rec.reason.length, ...rec.detail },
  });
}

/** Colour in lists, as for letters: overdue past the step's deadline, due_soon on its working day or the one before. */
export async function reportDueState(calendar: WorkingCalendar, now: number, row: Pick<ReportRow, 'status' | 'step_due_at'>): Promise<DueState> {
  if (!OPEN_REPORT_STATUSES.includes(row.status) || row.step_due_at === null) return 'normal';
  const due = Number(row.step_due_at);
  if (now > due) return 'overdue';
  return (await calendar.workingDaysBetween(now, due)) <= 1 ? 'due_soon' : 'normal';
}
