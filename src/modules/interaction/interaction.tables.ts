import type { Generated } from 'kysely';
import type { CorrectionsTables } from './corrections/corrections.tables.js';
import type { SurveyTables } from './surveys/survey.tables.js';
import type { InterviewTables } from './interviews/interview.tables.js';
import type { CommentTables } from './comments/comments.tables.js';

/** 网站信箱 (one per site), 领导信箱, 部门信箱. */
export type MailboxKind = 'site' | 'leader' | 'department';
/** 咨询, 投诉, 建议, 求助. */
export type LetterType = 'consultation' | 'complaint' | 'suggestion' | 'help';
/**
 * Where a letter stands in the handling workflow (see letter-workflow.ts for the transitions).
 * `refused`, `merged` and `closed` are final; `replied` is final too unless the citizen reopens.
 */
export type LetterStatus = 'received' | 'accepted' | 'assigned' | 'reviewing' | 'supplementing' | 'replied' | 'closed' | 'refused' | 'merged';
/** 满意, 基本满意, 不满意. */
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

export interface MailboxesTable {
  id: Generated<number>;
  site_id: number;
  kind: MailboxKind;
  name: string;
  description: string;
  /** Working days the mailbox has to answer (NORMS: configurable per mailbox, default 5). */
  deadline_days: number;
  is_enabled: number;
  sort_order: number;
  created_at: number;
  updated_at: number;
  /** Working days for central acceptance (受理) and for the review of a reply. */
  accept_days: Generated<number>;
  review_days: Generated<number>;
}

export interface LettersTable {
  id: Generated<number>;
  site_id: number;
  mailbox_id: number;
  /** Public query code printed on the receipt (查询编号); unique. */
  query_code: string;
  /** PBKDF2-HMAC-SM3 of the query password (查询密码), shown once. */
  query_password_hash: string;
  letter_type: LetterType;
  /** The citizen's choice: a public letter (and its reply) may be shown on the site later. */
  is_public: number;
  subject: string;
  /** Plain text for public letters; an SM4 field token for private ones. */
  body: string;
  /** SM4 field tokens (personal data); null when not given. */
  name_enc: string;
  phone_enc: string;
  email_enc: string | null;
  id_number_enc: string | null;
  address_enc: string | null;
  status: LetterStatus;
  /** Client-chosen key per site: a double submit finds the first letter instead of making a second. */
  idempotency_key: string;
  received_at: number;
  /** Reply deadline: the mailbox's working days after the day of receipt (23:59:59.999 Asia/Shanghai). */
  due_at: number;
  lookup_failures: number;
  lookup_locked_until: number | null;
  /** Bumped by every transition: the conditional update that makes concurrent transitions safe. */
  version: Generated<number>;
  /** The handling unit (承办单位), an organization, while the letter is routed to one. */
  handling_org_id: Generated<number | null>;
  /** Deadline of the current step (acceptance, handling, review). */
  step_due_at: Generated<number | null>;
  merged_into_id: Generated<number | null>;
  accepted_at: Generated<number | null>;
  assigned_at: Generated<number | null>;
  /** The clock stops while the citizen supplements: remaining working days kept to resume. */
  paused_at: Generated<number | null>;
  paused_from_status: Generated<LetterStatus | null>;
  paused_due_days: Generated<number | null>;
  paused_step_days: Generated<number | null>;
  /** A pending extension request (working days), until the supervisor decides. */
  extension_days: Generated<number | null>;
  extension_reason: Generated<string | null>;
  extension_requested_by: Generated<number | null>;
  /** Plain text for public letters, a field token for private ones (like the body). */
  reply_text: Generated<string | null>;
  reply_by: Generated<number | null>;
  reply_drafted_at: Generated<number | null>;
  replied_at: Generated<number | null>;
  published_at: Generated<number | null>;
  satisfaction: Generated<Satisfaction | null>;
  rated_at: Generated<number | null>;
  reopen_count: Generated<number>;
  /** The deadline the escalation job last escalated, so each missed deadline is escalated once. */
  escalated_due_at: Generated<number | null>;
  alarm_at: Generated<number | null>;
}

export interface LetterHistoryTable {
  id: Generated<number>;
  letter_id: number;
  action: string;
  from_status: LetterStatus;
  to_status: LetterStatus;
  actor_kind: string;
  actor_user_id: number | null;
  actor_name: string;
  /** The handling unit concerned (routed to, sent back from), shown publicly by name. */
  org_id: number | null;
  reason: string;
  at: number;
}

/** A row the supervisor sees: 督办 of an overdue letter, or the site-level alarm of a letter near 3 months. */
export interface LetterNoticesTable {
  id: Generated<number>;
  site_id: number;
  letter_id: number;
  kind: 'escalation' | 'three_month_alarm';
  message: string;
  created_at: number;
}

export interface LetterAttachmentsTable {
  id: Generated<number>;
  letter_id: number;
  /** A neutral name (附件1.pdf); before migration 0020, the name as uploaded. */
  file_name: string;
  /** The name as uploaded, sealed (aad: the letter's code and `attachment.<n>.name`); null on rows written before migration 0020. */
  file_name_enc: string | null;
  mime: string;
  size: number;
  /** The bytes, base64, sealed with the field cipher (attachments may carry personal data). */
  content_enc: string;
  created_at: number;
}

/** Captcha challenges already spent, kept until they expire, so a solution works once. */
export interface CaptchaUsesTable {
  challenge_id: string;
  expires_at: number;
}

/**
 * The daily snapshot of the public letter statistics: one row per site or region and period
 * ('2026' or '2026-11'). Sums, not rates, so a region's row is the sum of its sites' rows and
 * the rates are derived when read (docs/interaction.md, Statistics).
 */
export interface LetterStatisticsTable {
  id: Generated<number>;
  /** 'site': a site's letters; 'region': the sites under a government portal's organization (scope_id = that organization). */
  scope_kind: 'site' | 'region';
  scope_id: number;
  period: string;
  received: number;
  accepted: number;
  closed: number;
  on_time: number;
  /** Sum over the closed letters of the working days from receipt to reply. */
  handling_days: number;
  rated: number;
  /** Rated 满意 or 基本满意. */
  satisfied: number;
  computed_at: number;
}

/** 答复模板: a site's reusable reply texts with placeholders ({{来信人}}, {{受理日期}}, …). */
export interface LetterReplyTemplatesTable {
  id: Generated<number>;
  site_id: number;
  name: string;
  body: string;
  sort_order: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface InteractionTables extends CorrectionsTables, SurveyTables, InterviewTables, CommentTables {
  mailboxes: MailboxesTable;
  letters: LettersTable;
  letter_attachments: LetterAttachmentsTable;
  captcha_uses: CaptchaUsesTable;
  letter_history: LetterHistoryTable;
  letter_notices: LetterNoticesTable;
  letter_statistics: LetterStatisticsTable;
  letter_reply_templates: LetterReplyTemplatesTable;
}
