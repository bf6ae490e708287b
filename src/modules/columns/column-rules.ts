import { AppError, fieldError, registeredFieldError } from '../../platform/http/error-registry.js';
import { SHOWN_TEXT_FAULTS, shownTextFault } from '../../platform/http/text-guard.js';
import type { ColumnKind } from './columns.tables.js';
import type { WorkflowStep } from './columns.repo.js';
import { MAX_WORKFLOW_STEPS, SECRECY_STEP } from './column-kinds.js';
import { ColumnErrors } from './errors.js';

/** Checks a custom review chain: 1–5 named steps, distinct names, roles reviewer or site_admin. */
export function checkWorkflow(steps: readonly WorkflowStep[]): WorkflowStep[] {
  const fail = (reason: string, reasonEn: string): never => {
    throw new AppError(ColumnErrors['columns.workflow_invalid'], { reason, reasonEn },
      [fieldError('workflow', ColumnErrors['columns.workflow_invalid'], `审核流程（workflow）不正确：${reason}`, `Invalid review chain (workflow): ${reasonEn}`)]);
  };
  if (steps.length < 1 || steps.length > MAX_WORKFLOW_STEPS) {
    fail(`须有 1–${MAX_WORKFLOW_STEPS} 个审核步骤（保密审查由系统自动追加）`, `it needs 1–${MAX_WORKFLOW_STEPS} review steps (the secrecy review is appended automatically)`);
  }
  const out = steps.map((s) => ({ name: s.name.trim(), role: s.role }));
  for (const s of out) {
    const fault = shownTextFault(s.name, { singleLine: true });
    if (fault) fail(`步骤名称${SHOWN_TEXT_FAULTS[fault].zh}`, `a step name ${SHOWN_TEXT_FAULTS[fault].en}`);
    if (!s.name || s.name.length > 20) fail('步骤名称不能为空，且不超过 20 个字', 'each step needs a name of at most 20 characters');
    if (s.role !== 'reviewer' && s.role !== 'site_admin') fail(`步骤“${s.name}”的角色只能是审核员或站点管理员`, `the role of step "${s.name}" must be reviewer or site_admin`);
    if (s.name === SECRECY_STEP.name) fail('保密审查总是最后一步，由系统自动追加，不必填写', 'the secrecy review is always the last step and is appended automatically; leave it out');
  }
  if (new Set(out.map((s) => s.name)).size !== out.length) fail('步骤名称不能重复', 'step names must not repeat');
  return out;
}

/** A link-out column needs an absolute http(s) URL; other kinds store none. */
export function checkLinkUrl(kind: ColumnKind, linkUrl: string | null | undefined): string | null {
  if (kind !== 'link') return null;
  const url = (linkUrl ?? '').trim();
  let ok = false;
  try {
    const u = new URL(url);
    ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new AppError(ColumnErrors['columns.link_url_required'], {},
      [fieldError('linkUrl', ColumnErrors['columns.link_url_required'], '外链栏目必须填写链接地址，且以 http:// 或 https:// 开头', 'A link-out column needs a link URL starting with http:// or https://')]);
  }
  return url;
}

export function checkUpdateDays(days: number | null): number | null {
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) {
    throw new AppError(ColumnErrors['columns.update_days_invalid'], {},
      [fieldError('updateDays', ColumnErrors['columns.update_days_invalid'], '更新周期须为 1–3650 天，或留空表示不要求', 'The update rule must be 1–3650 days, or empty for none')]);
  }
  return days;
}

export function slugTaken(slug: string): AppError {
  return new AppError(ColumnErrors['columns.slug_taken'], { slug }, [fieldError('slug', ColumnErrors['columns.slug_taken'], `同级栏目中已有英文标识“${slug}”`, `A sibling column already uses the slug "${slug}"`)]);
}

export const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';

export function checkSlug(slug: string): string {
  const s = slug.trim();
  if (!new RegExp(SLUG_PATTERN).test(s)) {
    throw new AppError(ColumnErrors['columns.slug_invalid'], {},
      [fieldError('slug', ColumnErrors['columns.slug_invalid'], '英文标识只能由小写字母、数字和连字符组成', 'The slug may contain only lower-case letters, digits and hyphens')]);
  }
  return s;
}

/**
 * Top-level folders the published site itself uses (articles /art/, attachments /files/, the
 * JSON API /json/, theme files /assets/, sitemap files /sitemaps/): a top-level column with one
 * of these slugs would share its address with them.
 */
export const RESERVED_TOP_LEVEL_SLUGS: readonly string[] = ['art', 'files', 'json', 'assets', 'sitemaps'];

/** Refuses a reserved slug for a column that is (or becomes) top-level. */
export function checkTopLevelSlug(slug: string, parentId: number | null): void {
  if (parentId !== null || !RESERVED_TOP_LEVEL_SLUGS.includes(slug)) return;
  const reserved = RESERVED_TOP_LEVEL_SLUGS.join('、');
  const reservedEn = RESERVED_TOP_LEVEL_SLUGS.join(', ');
  throw new AppError(ColumnErrors['columns.slug_reserved'], { slug, reserved, reservedEn },
    [fieldError('slug', ColumnErrors['columns.slug_reserved'], `“${slug}”是网站保留的地址，不能用作一级栏目的英文标识`, `"${slug}" is a reserved site address and cannot be the slug of a top-level column`)]);
}

export function checkName(name: string): string {
  const n = name.trim();
  if (n.length < 1 || n.length > 100) {
    throw new AppError(ColumnErrors['columns.name_invalid'], {}, [fieldError('name', ColumnErrors['columns.name_invalid'], '栏目名称不能为空，且不超过 100 个字', 'The column name must be 1–100 characters')]);
  }
  return checkShownText(n, { field: 'name', label: '栏目名称', labelEn: 'Column name', singleLine: true });
}

/**
 * Names, descriptions and keywords of columns are published (navigation, page titles, meta
 * tags): held to the rule of a visitor's text (shownTextFault). Returns the text as it is.
 */
export function checkShownText(text: string, q: { field: string; label: string; labelEn: string; singleLine: boolean }): string {
  const fault = shownTextFault(text, { singleLine: q.singleLine });
  if (fault) {
    const params = { label: q.label, labelEn: q.labelEn, field: q.field, fault: SHOWN_TEXT_FAULTS[fault].zh, faultEn: SHOWN_TEXT_FAULTS[fault].en };
    throw new AppError(ColumnErrors['columns.text_invalid'], params, [registeredFieldError(q.field, ColumnErrors['columns.text_invalid'], params)]);
  }
  return text;
}

/** A column's description (several lines) and keywords (one line), trimmed and checked. */
export function checkDescription(text: string | undefined): string {
  return checkShownText(text?.trim() ?? '', { field: 'description', label: '栏目描述', labelEn: 'Description', singleLine: false });
}

export function checkKeywords(text: string | undefined): string {
  return checkShownText(text?.trim() ?? '', { field: 'keywords', label: '栏目关键词', labelEn: 'Keywords', singleLine: true });
}
