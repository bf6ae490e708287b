import type { Generated } from 'kysely';

/** 网站信箱 (one per site), 领导信箱, 部门信箱. */
export type MailboxKind = 'site' | 'leader' | 'department';
/** 咨询, 投诉, 建议, 求助. */
export type LetterType = 'consultation' | 'complaint' | 'suggestion' | 'help';
/** Only `received` exists so far; the handling workflow (acceptance, routing, reply) adds the rest. */
export type LetterStatus = 'received';

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
}

export interface LetterAttachmentsTable {
  id: Generated<number>;
  letter_id: number;
  file_name: string;
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

export interface InteractionTables {
  mailboxes: MailboxesTable;
  letters: LettersTable;
  letter_attachments: LetterAttachmentsTable;
  captcha_uses: CaptchaUsesTable;
}
