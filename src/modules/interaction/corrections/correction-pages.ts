import type { Platform } from '../../../platform/platform.js';
import { withoutForbiddenText } from '../../../platform/http/text-guard.js';
import { randomToken } from '../../../platform/crypto/index.js';
import { formatShanghai } from '../../../platform/i18n/format-time.js';
import { registerDynamicPage } from '../../delivery/index.js';
import { publishingDeps, renderInteractionPage } from '../../publishing/index.js';
import { getSiteByCode, listSites, type SiteView } from '../../sites/index.js';
import { CAPTCHA_PATH } from '../letter-pages.js';
import { FieldMessage } from '../read-submission.js';
import type { ErrorReportReceipt } from './submit-error-report.js';
import type { ReportStatusView } from './report-views.js';
import { ERROR_TYPE_LABELS, ERROR_TYPES } from './report-workflow.js';

export const CORRECTION_FORM_PATH = '/corrections.html';
export const CORRECTION_QUERY_PATH = '/corrections/query.html';

const FORM_VALUES = ['pageUrl', 'description', 'name', 'phone', 'email'] as const;

export interface CorrectionFormState {
  /** What the visitor typed (or the page the link came from), shown again; escaped by the theme. */
  readonly values?: Readonly<Record<string, string>>;
  readonly error?: string;
  /** Listed under the summary; a FieldMessage also beside its field (`field` is the form field's name). */
  readonly errors?: readonly (string | FieldMessage)[];
}

/**
 * The provincial portal is the platform-level intake: its form lets the visitor choose any open
 * site. Other sites take reports on their own pages only.
 */
export async function intakeSites(platform: Platform, host: SiteView): Promise<SiteView[]> {
  if (host.kind !== 'province_portal') return [];
  return (await listSites(platform.db)).filter((s) => s.status === 'open');
}

/** The form on a site, or null when the site is unknown or not open. */
export async function renderCorrectionForm(platform: Platform, siteCode: string, state: CorrectionFormState = {}): Promise<string | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (site?.status !== 'open') return null;
  const v = state.values ?? {};
  const chosen = v.siteCode ?? site.code;
  const sites = await intakeSites(platform, site);
  return renderInteractionPage(publishingDeps(platform), siteCode, 'correction-form', {
    title: '我要纠错', breadcrumb: [{ name: '我要纠错', href: CORRECTION_FORM_PATH }],
    correction: {
      sites: sites.map((s) => ({ code: s.code, name: s.name, selected: s.code === chosen })),
      types: ERROR_TYPES.map((t) => ({ value: t, name: ERROR_TYPE_LABELS[t], checked: t === v.errorType })),
      // Without the characters the text guard refuses (invisible: the visitor could not delete them).
      values: Object.fromEntries(FORM_VALUES.map((k) => [k, withoutForbiddenText(v[k] ?? '')])),
      // A fresh key per form: submitting this page twice makes one report.
      idempotencyKey: /^[A-Za-z0-9_-]{16,64}$/.test(v.idempotencyKey ?? '') ? v.idempotencyKey : randomToken(18),
      error: state.error ?? '', errors: (state.errors ?? []).map((e) => (typeof e === 'string' ? new FieldMessage('', e) : e)), captchaUrl: CAPTCHA_PATH,
    },
  });
}

export async function renderCorrectionReceipt(platform: Platform, siteCode: string, r: ErrorReportReceipt): Promise<string | null> {
  return renderInteractionPage(publishingDeps(platform), siteCode, 'correction-receipt', {
    title: '纠错提交结果', breadcrumb: [{ name: '我要纠错', href: CORRECTION_FORM_PATH }, { name: '提交结果', href: CORRECTION_FORM_PATH }],
    correction: {
      queryCode: r.queryCode, duplicate: r.duplicate, siteName: r.siteName, typeName: ERROR_TYPE_LABELS[r.errorType], pageUrl: r.pageUrl,
      receivedAt: formatShanghai(r.receivedAt), triageDueAt: formatShanghai(r.triageDueAt),
    },
  });
}

export async function renderCorrectionQuery(platform: Platform, siteCode: string, state: { queryCode?: string; error?: string; result?: ReportStatusView }): Promise<string | null> {
  if ((await getSiteByCode(platform.db, siteCode))?.status !== 'open') return null;
  const r = state.result;
  return renderInteractionPage(publishingDeps(platform), siteCode, 'correction-query', {
    title: '纠错查询', breadcrumb: [{ name: '纠错查询', href: CORRECTION_QUERY_PATH }],
    correction: {
      queryCode: state.queryCode ?? '', error: state.error ?? '',
      result: r ? { ...r, receivedAt: formatShanghai(r.receivedAt), answer: r.answer ?? '', answeredAt: r.answeredAt === null ? '' : formatShanghai(r.answeredAt) } : null,
    },
  });
}

/**
 * The form and the look-up page on every public site, made per request. `?page=<url>` (the
 * footer link of every page carries the page's address) fills in the page; `?site=<code>`
 * preselects a site on the portal's intake.
 */
export function registerCorrectionPages(platform: Platform): void {
  registerDynamicPage(CORRECTION_FORM_PATH, async ({ siteCode, query }) => {
    const values: Record<string, string> = { pageUrl: (query.get('page') ?? '').slice(0, 1000) };
    const chosen = query.get('site');
    if (chosen && /^(\d{10}|bm\d{8})$/.test(chosen)) values.siteCode = chosen;
    const html = await renderCorrectionForm(platform, siteCode, { values });
    return html === null ? null : { status: 200, html };
  });
  registerDynamicPage(CORRECTION_QUERY_PATH, async ({ siteCode }) => {
    const html = await renderCorrectionQuery(platform, siteCode, {});
    return html === null ? null : { status: 200, html };
  });
}
