import { settings } from '../../config/index.js';
import type { ColumnKind } from './columns.tables.js';
import type { WorkflowStep } from './columns.repo.js';

export interface ColumnKindInfo {
  readonly kind: ColumnKind;
  readonly label: { readonly zh: string; readonly en: string };
  /** What the inspection indicators say about this kind, shown beside the default rule. */
  readonly rule: { readonly zh: string; readonly en: string };
  /** The national indicator counts only top-level columns of this kind (notice/policy: 6 months). */
  readonly topLevelRule: boolean;
}

/**
 * The kinds of column (NORMS: Inspection). The default update rules themselves are the setting
 * JIYUE_COLUMN_UPDATE_DAYS, because only news (2 weeks) and top-level notice/policy (6 months)
 * come from 国办秘函〔2019〕19号; the rest are assumptions an operator may need to change.
 */
export const COLUMN_KINDS: readonly ColumnKindInfo[] = [
  { kind: 'news', label: { zh: '要闻/新闻', en: 'News' }, topLevelRule: false,
    rule: { zh: '要闻、动态类栏目 2 周未更新计入“栏目不更新”（国办秘函〔2019〕19号）', en: 'News columns not updated for 2 weeks count as not updated (inspection indicators)' } },
  { kind: 'notice', label: { zh: '通知公告', en: 'Notices' }, topLevelRule: true,
    rule: { zh: '一级通知公告栏目 6 个月未更新计入“栏目不更新”', en: 'Top-level notice columns not updated for 6 months count as not updated' } },
  { kind: 'policy', label: { zh: '政策文件', en: 'Policy documents' }, topLevelRule: true,
    rule: { zh: '一级政策文件栏目 6 个月未更新计入“栏目不更新”', en: 'Top-level policy columns not updated for 6 months count as not updated' } },
  { kind: 'disclosure', label: { zh: '信息公开目录', en: 'Disclosure catalogue' }, topLevelRule: false,
    rule: { zh: '应更新而长期未更新的栏目计入“栏目不更新”（默认 6 个月，可调整）', en: 'Columns that should be updated but long are not (default 6 months, adjustable)' } },
  { kind: 'interpretation', label: { zh: '政策解读', en: 'Policy interpretation' }, topLevelRule: false,
    rule: { zh: '应更新而长期未更新的栏目计入“栏目不更新”（默认 6 个月，可调整）', en: 'Columns that should be updated but long are not (default 6 months, adjustable)' } },
  { kind: 'topic', label: { zh: '专题专栏', en: 'Special topic' }, topLevelRule: false,
    rule: { zh: '专题随工作开展更新，结束后归档；默认不设更新要求', en: 'Updated while the campaign runs, then archived; no default rule' } },
  { kind: 'page', label: { zh: '单页', en: 'Single page' }, topLevelRule: false,
    rule: { zh: '单页内容无更新频率要求', en: 'A single page has no update rule' } },
  { kind: 'link', label: { zh: '外链', en: 'Link-out' }, topLevelRule: false,
    rule: { zh: '外链栏目指向其他地址，不计更新', en: 'A link-out column points elsewhere and has no update rule' } },
];

export const COLUMN_KIND_NAMES: readonly ColumnKind[] = COLUMN_KINDS.map((k) => k.kind);

export function kindInfo(kind: ColumnKind): ColumnKindInfo {
  const info = COLUMN_KINDS.find((k) => k.kind === kind);
  if (!info) throw new Error(`unknown column kind ${kind}`);
  return info;
}

/** Default update rule (days, null = none) per kind: built-in defaults overridden by the configured list. */
export function defaultUpdateDays(configured: readonly string[]): Readonly<Record<ColumnKind, number | null>> {
  const map: Record<string, number | null> = {};
  for (const entry of [...settings.columnUpdateDays.default, ...configured]) {
    const [kind, days] = entry.split('=');
    if (kind && days) map[kind] = days === 'none' ? null : Number(days);
  }
  return Object.fromEntries(COLUMN_KIND_NAMES.map((k) => [k, map[k] ?? null])) as Record<ColumnKind, number | null>;
}

/** The review chain a new column gets unless told otherwise: 初审 → 复审 (the secrecy review follows). */
export const DEFAULT_WORKFLOW: readonly WorkflowStep[] = [
  { name: '初审', role: 'reviewer' },
  { name: '复审', role: 'reviewer' },
];

/** Always the last step, appended by the workflow engine; shown, never stored or edited. */
export const SECRECY_STEP = { name: '保密审查', role: 'secrecy_reviewer' } as const;

export const MAX_WORKFLOW_STEPS = 5;
export const MAX_COLUMN_DEPTH = 5;
