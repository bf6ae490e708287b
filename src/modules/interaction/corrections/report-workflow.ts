import type { DismissKind, ErrorReportStatus, ErrorType } from './corrections.tables.js';

/**
 * Deadlines of an error report, in working days on the platform calendar (NORMS.md, Interaction:
 * "Error reports (纠错): forwarded within 1 working day, handled and answered within 2 more
 * working days"; SPEC.md §5). A report the owner disputes goes back to the operator, who has
 * TRIAGE_DAYS again (our reading: the dispute restarts the triage step).
 */
export const TRIAGE_DAYS = 1;
export const OWNER_DAYS = 2;

export const ERROR_TYPES: readonly ErrorType[] = ['typo', 'broken_link', 'outdated', 'inaccurate', 'other'];
export const ERROR_TYPE_LABELS: Readonly<Record<ErrorType, string>> = {
  typo: '错别字', broken_link: '链接错误/无法访问', outdated: '内容过时', inaccurate: '信息不准确', other: '其他',
};
export const REPORT_STATUS_LABELS: Readonly<Record<ErrorReportStatus, string>> = {
  received: '已收到，等待转办', forwarded: '已转网站主办单位处理', disputed: '主办单位有异议，等待平台复核', fixed: '已修改并答复', dismissed: '不予处理',
};
export const DISMISS_KIND_LABELS: Readonly<Record<DismissKind, string>> = {
  not_error: '经核实不属于错误', duplicate: '重复报告', other: '其他原因',
};

export type ReportAction = 'submit' | 'forward' | 'dismiss' | 'fix' | 'dispute' | 'escalate';
/** Who takes an action: the platform operator (triage), the site's owner, the visitor, the system. */
export type ReportRole = 'operator' | 'owner' | 'public' | 'system';

interface Rule {
  readonly from: readonly ErrorReportStatus[];
  readonly to: ErrorReportStatus | null;
  readonly role: ReportRole;
  readonly zh: string;
}

/** The workflow as data: every operation consults this table, so an illegal step is refused the same way. */
export const REPORT_WORKFLOW: Readonly<Record<ReportAction, Rule>> = {
  submit: { from: [], to: 'received', role: 'public', zh: '提交纠错' },
  forward: { from: ['received', 'disputed'], to: 'forwarded', role: 'operator', zh: '转网站主办单位' },
  dismiss: { from: ['received', 'disputed'], to: 'dismissed', role: 'operator', zh: '不予处理' },
  fix: { from: ['forwarded'], to: 'fixed', role: 'owner', zh: '已修改并答复' },
  dispute: { from: ['forwarded'], to: 'disputed', role: 'owner', zh: '提出异议退回平台' },
  escalate: { from: ['received', 'forwarded', 'disputed'], to: null, role: 'system', zh: '超期督办' },
};

/** Statuses whose clock runs. */
export const OPEN_REPORT_STATUSES: readonly ErrorReportStatus[] = ['received', 'forwarded', 'disputed'];
