import type { Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { Permission } from '../../../platform/identity/permissions.js';
import { listSitesInScope, requireSiteInScope, type SiteView } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import type { DueState } from '../letter-workflow.js';
import { normalizeCredential } from '../query-credentials.js';
import type { DismissKind, ErrorReportStatus, ErrorType } from './corrections.tables.js';
import { maskContact, openContact, type ReportContact } from './report-contact.js';
import { reportDueState, requireReport, requireReportAccess, type ReportRow } from './report-transitions.js';
import { DISMISS_KIND_LABELS, ERROR_TYPE_LABELS, OPEN_REPORT_STATUSES, REPORT_STATUS_LABELS, REPORT_WORKFLOW, type ReportAction } from './report-workflow.js';

export interface ReportListItem {
  readonly id: number;
  readonly siteId: number;
  readonly siteName: string;
  readonly queryCode: string;
  readonly errorType: ErrorType;
  readonly errorTypeName: string;
  readonly pageUrl: string;
  readonly description: string;
  readonly status: ErrorReportStatus;
  readonly statusName: string;
  readonly version: number;
  readonly receivedAt: number;
  readonly triageDueAt: number;
  readonly ownerDueAt: number | null;
  readonly stepDueAt: number | null;
  readonly dueState: DueState;
  readonly escalated: boolean;
  /** Masked; null fields were not given. */
  readonly contact: ReportContact;
}

/** Which work list: the operator's (to triage), the owner's (to fix), or every report the reader may see. */
export type ReportBox = 'triage' | 'owner' | 'all';
const BOX: Readonly<Record<ReportBox, { permission: 'interaction.corrections.triage' | 'interaction.corrections.fix' | 'interaction.corrections.read'; statuses: readonly ErrorReportStatus[] | null }>> = {
  triage: { permission: 'interaction.corrections.triage', statuses: ['received', 'disputed'] },
  owner: { permission: 'interaction.corrections.fix', statuses: ['forwarded'] },
  all: { permission: 'interaction.corrections.read', statuses: null },
};

async function itemOf(deps: InteractionDeps, now: number, siteName: string, r: ReportRow): Promise<ReportListItem> {
  return {
    id: Number(r.id), siteId: Number(r.site_id), siteName, queryCode: r.query_code, errorType: r.error_type, errorTypeName: ERROR_TYPE_LABELS[r.error_type],
    pageUrl: r.page_url, description: r.description, status: r.status, statusName: REPORT_STATUS_LABELS[r.status], version: Number(r.version),
    receivedAt: Number(r.received_at), triageDueAt: Number(r.triage_due_at), ownerDueAt: r.owner_due_at === null ? null : Number(r.owner_due_at),
    stepDueAt: r.step_due_at === null ? null : Number(r.step_due_at), dueState: await reportDueState(deps.calendar, now, r),
    escalated: r.escalated_due_at !== null && r.step_due_at !== null && Number(r.escalated_due_at) === Number(r.step_due_at),
    contact: maskContact(openContact(deps.cipher, r.query_code, r)),
  };
}

/** The one site asked for (refused when out of scope), or every site in the actor's scope for the permission. */
export async function sitesInScope(db: Db, actor: Actor, permission: Permission, siteId: number | undefined): Promise<SiteView[]> {
  return siteId !== undefined ? [await requireSiteInScope(db, actor, permission, siteId)] : listSitesInScope(db, actor, permission);
}

/**
 * A work list: reports of the sites in the actor's scope for the box's permission, the open
 * ones by deadline (earliest first), the others newest first. Contact masked.
 */
export async function listErrorReports({ db, actor, input, deps }: { db: Db; actor: Actor; input: { box: ReportBox; siteId?: number | undefined; status?: ErrorReportStatus | undefined; page: number; pageSize: number }; deps: InteractionDeps }): Promise<{ total: number; items: ReportListItem[] }> {
  const box = BOX[input.box];
  const sites = await sitesInScope(db, actor, box.permission, input.siteId);
  if (sites.length === 0) return { total: 0, items: [] };
  const names = new Map(sites.map((s) => [s.id, s.name]));
  let q = db.selectFrom('error_reports').where('site_id', 'in', sites.map((s) => s.id));
  const statuses = input.status !== undefined ? [input.status] : box.statuses;
  if (statuses) q = q.where('status', 'in', [...statuses]);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const ordered = box.statuses ? q.orderBy('step_due_at').orderBy('id') : q.orderBy('id', 'desc');
  const rows = await ordered.selectAll().limit(input.pageSize).offset((input.page - 1) * input.pageSize).execute();
  const now = deps.clock.now();
  return { total, items: await Promise.all(rows.map((r) => itemOf(deps, now, names.get(Number(r.site_id)) ?? '', r))) };
}

export interface ReportDetail extends ReportListItem {
  readonly dismissKind: DismissKind | null;
  readonly dismissKindName: string | null;
  readonly reason: string;
  readonly answer: string | null;
  readonly answeredAt: number | null;
  readonly forwardedAt: number | null;
  readonly ownerOrgName: string;
  readonly history: { action: string; actionName: string; fromStatus: ErrorReportStatus; toStatus: ErrorReportStatus; actorName: string; reason: string; at: number }[];
}

/** A report in full with its history, for whoever reads reports of its site (operator, owner, supervisor). */
export async function errorReportDetail({ db, actor, reportId, deps }: { db: Db; actor: Actor; reportId: number; deps: InteractionDeps }): Promise<ReportDetail> {
  const row = await requireReport(db, reportId);
  const site = await requireReportAccess(db, actor, 'reader', row);
  const history = await db.selectFrom('error_report_history').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
  return {
    ...(await itemOf(deps, deps.clock.now(), site.name, row)),
    dismissKind: row.dismiss_kind, dismissKindName: row.dismiss_kind === null ? null : DISMISS_KIND_LABELS[row.dismiss_kind], reason: row.reason,
    answer: row.answer, answeredAt: row.answered_at === null ? null : Number(row.answered_at), forwardedAt: row.forwarded_at === null ? null : Number(row.forwarded_at),
    ownerOrgName: site.ownerOrgName,
    history: history.map((h) => ({
      action: h.action, actionName: REPORT_WORKFLOW[h.action as ReportAction]?.zh ?? h.action, fromStatus: h.from_status, toStatus: h.to_status,
      actorName: h.actor_name, reason: h.reason, at: Number(h.at),
    })),
  };
}

/** The supervisor's view (督办): open reports past their step's deadline, and the notices of the sites in scope. */
export async function errorReportSupervision({ db, actor, deps }: { db: Db; actor: Actor; deps: InteractionDeps }): Promise<{ overdue: ReportListItem[]; notices: { id: number; siteId: number; reportId: number; message: string; createdAt: number }[] }> {
  const sites = await listSitesInScope(db, actor, 'interaction.corrections.supervise');
  if (sites.length === 0) return { overdue: [], notices: [] };
  const names = new Map(sites.map((s) => [s.id, s.name]));
  const ids = sites.map((s) => s.id);
  const now = deps.clock.now();
  const rows = await db.selectFrom('error_reports').selectAll().where('site_id', 'in', ids).where('status', 'in', [...OPEN_REPORT_STATUSES])
    .where('step_due_at', '<', now).orderBy('step_due_at').limit(1000).execute();
  const notices = await db.selectFrom('error_report_notices').selectAll().where('site_id', 'in', ids).orderBy('id', 'desc').limit(200).execute();
  return {
    overdue: await Promise.all(rows.map((r) => itemOf(deps, now, names.get(Number(r.site_id)) ?? '', r))),
    notices: notices.map((n) => ({ id: Number(n.id), siteId: Number(n.site_id), reportId: Number(n.report_id), message: n.message, createdAt: Number(n.created_at) })),
  };
}

export interface ReportStatusView {
  readonly queryCode: string;
  readonly errorTypeName: string;
  readonly status: ErrorReportStatus;
  readonly statusName: string;
  readonly receivedAt: number;
  readonly answer: string | null;
  readonly answeredAt: number | null;
}

/** The visitor's look-up by query code: the status and the owner's answer, nothing personal. */
export async function lookupErrorReport(db: Db, queryCode: string): Promise<ReportStatusView> {
  const row = await db.selectFrom('error_reports').selectAll().where('query_code', '=', normalizeCredential(queryCode)).executeTakeFirst();
  if (!row) throw new AppError(InteractionErrors['interaction.error_report.not_found']);
  return {
    queryCode: row.query_code, errorTypeName: ERROR_TYPE_LABELS[row.error_type], status: row.status, statusName: REPORT_STATUS_LABELS[row.status],
    receivedAt: Number(row.received_at), answer: row.status === 'fixed' ? row.answer : null, answeredAt: row.answered_at === null ? null : Number(row.answered_at),
  };
}
