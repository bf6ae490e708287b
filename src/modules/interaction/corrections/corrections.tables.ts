import type { Generated } from 'kysely';

/** 错别字, 链接错误/无法访问, 内容过时, 信息不准确, 其他. */
export type ErrorType = 'typo' | 'broken_link' | 'outdated' | 'inaccurate' | 'other';
/**
 * received: waiting for the platform operator's triage; forwarded: with the site's owner;
 * disputed: the owner sent it back to the operator; fixed and dismissed are final.
 */
export type ErrorReportStatus = 'received' | 'forwarded' | 'disputed' | 'fixed' | 'dismissed';
/** Why the operator dismissed a report: not an error, a duplicate, or something else. */
export type DismissKind = 'not_error' | 'duplicate' | 'other';

export interface ErrorReportsTable {
  id: Generated<number>;
  site_id: number;
  /** Printed on the receipt (查询编号); unique. Status only: no password, nothing personal behind it. */
  query_code: string;
  error_type: ErrorType;
  /** The page the visitor reported from; checked to belong to the site. */
  page_url: string;
  description: string;
  /** Optional contact, SM4 field tokens (personal data); null when not given. */
  name_enc: string | null;
  phone_enc: string | null;
  email_enc: string | null;
  status: ErrorReportStatus;
  idempotency_key: string;
  received_at: number;
  /** 1 working day after the day of receipt (NORMS: Interaction), end of day Asia/Shanghai. */
  triage_due_at: number;
  /** The operator's first decision (forward or dismiss), for the on-time rate of triage. */
  triaged_at: number | null;
  forwarded_at: number | null;
  /** 2 working days after the forwarding day (NORMS: Interaction). */
  owner_due_at: number | null;
  /** The deadline of the step the report is in (null when final). */
  step_due_at: number | null;
  dismiss_kind: DismissKind | null;
  /** The last reason given (dismissal, dispute). */
  reason: string;
  answer: string | null;
  answered_at: number | null;
  answered_by: number | null;
  /** The deadline last escalated, so each missed deadline is escalated once. */
  escalated_due_at: number | null;
  version: Generated<number>;
}

export interface ErrorReportHistoryTable {
  id: Generated<number>;
  report_id: number;
  action: string;
  from_status: ErrorReportStatus;
  to_status: ErrorReportStatus;
  actor_kind: string;
  actor_user_id: number | null;
  actor_name: string;
  reason: string;
  at: number;
}

export interface ErrorReportNoticesTable {
  id: Generated<number>;
  site_id: number;
  report_id: number;
  message: string;
  created_at: number;
}

export interface CorrectionsTables {
  error_reports: ErrorReportsTable;
  error_report_history: ErrorReportHistoryTable;
  error_report_notices: ErrorReportNoticesTable;
}
