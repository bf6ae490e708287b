import type { LetterStatus, LetterType, MailboxKind } from './interaction.tables.js';

export const LETTER_TYPES: readonly LetterType[] = ['consultation', 'complaint', 'suggestion', 'help'];

export const LETTER_TYPE_LABELS: Readonly<Record<LetterType, string>> = {
  consultation: '咨询', complaint: '投诉', suggestion: '建议', help: '求助',
};

export const MAILBOX_KIND_LABELS: Readonly<Record<MailboxKind, string>> = {
  site: '网站信箱', leader: '领导信箱', department: '部门信箱',
};

export const LETTER_STATUS_LABELS: Readonly<Record<LetterStatus, string>> = {
  received: '已收到，等待受理',
};

export type Visibility = 'public' | 'private';
export const VISIBILITY_LABELS: Readonly<Record<Visibility, string>> = {
  public: '同意公开（信件和答复可在网站上公开，个人信息不公开）', private: '不公开',
};
