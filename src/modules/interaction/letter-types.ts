import type { LetterStatus, LetterType, MailboxKind, Satisfaction } from './interaction.tables.js';

export const LETTER_TYPES: readonly LetterType[] = ['consultation', 'complaint', 'suggestion', 'help'];

export const LETTER_TYPE_LABELS: Readonly<Record<LetterType, string>> = {
  consultation: '咨询', complaint: '投诉', suggestion: '建议', help: '求助',
};

export const MAILBOX_KIND_LABELS: Readonly<Record<MailboxKind, string>> = {
  site: '网站信箱', leader: '领导信箱', department: '部门信箱',
};

export const LETTER_STATUS_LABELS: Readonly<Record<LetterStatus, string>> = {
  received: '已收到，等待受理',
  accepted: '已受理，等待转办',
  assigned: '办理中',
  reviewing: '答复审核中',
  supplementing: '等待来信人补充材料',
  replied: '已答复',
  closed: '已办结',
  refused: '不予受理',
  merged: '已合并办理',
};

export const SATISFACTION_LABELS: Readonly<Record<Satisfaction, string>> = {
  satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意',
};

export type Visibility = 'public' | 'private';
export const VISIBILITY_LABELS: Readonly<Record<Visibility, string>> = {
  public: '同意公开（信件和答复可在网站上公开，个人信息不公开）', private: '不公开',
};
