import type { Platform } from '../../platform/platform.js';
import { randomToken } from '../../platform/crypto/index.js';
import { formatShanghai } from '../../platform/i18n/format-time.js';
import { registerDynamicPage } from '../delivery/index.js';
import { publishingDeps, renderInteractionPage } from '../publishing/index.js';
import { getSiteByCode } from '../sites/index.js';
import { interactionDeps } from './deps.js';
import { formatBytes, MAX_LETTER_ATTACHMENTS } from './letter-files.js';
import { LETTER_TYPE_LABELS, LETTER_TYPES, SATISFACTION_LABELS, VISIBILITY_LABELS, type Visibility } from './letter-types.js';
import { listSiteMailboxes } from './mailboxes.repo.js';
import type { LetterProgress } from './operations/lookup-letter.js';
import { ensureSiteMailbox } from './operations/mailboxes.js';
import type { LetterReceipt } from './operations/submit-letter.js';
import { registerPublishedLetterPages } from './published-letter-pages.js';
import { registerStatisticsPage } from './statistics/statistics-page.js';

export const LETTER_FORM_PATH = '/letters.html';
export const LETTER_QUERY_PATH = '/letters/query.html';
export const CAPTCHA_PATH = '/api/v1/public/captcha';

const FORM_VALUES = ['subject', 'body', 'name', 'phone', 'email', 'idNumber', 'address'] as const;

export interface FormState {
  /** What the visitor typed, shown again after a refusal (escaped by the theme). */
  readonly values?: Readonly<Record<string, string>>;
  readonly error?: string;
  readonly errors?: readonly string[];
  readonly mailboxId?: number;
}

/** The letter form of a site, or null when the site is unknown or does not take letters (not open). */
export async function renderLetterForm(platform: Platform, siteCode: string, state: FormState = {}): Promise<string | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (site?.status !== 'open') return null;
  await ensureSiteMailbox(platform.db, interactionDeps(platform), site);
  const mailboxes = await listSiteMailboxes(platform.db, site.id, { enabledOnly: true });
  const v = state.values ?? {};
  const chosenType = v.letterType ?? '';
  const chosenVisibility = v.visibility ?? 'private';
  const selected = state.mailboxId ?? (Number(v.mailboxId) || undefined);
  const values = Object.fromEntries(FORM_VALUES.map((k) => [k, v[k] ?? '']));
  return renderInteractionPage(publishingDeps(platform), siteCode, 'letter-form', {
    title: '我要写信', breadcrumb: [{ name: '我要写信', href: LETTER_FORM_PATH }],
    letter: {
      mailboxes: mailboxes.map((m) => ({ id: m.id, name: m.name, kindName: m.kindName, deadlineDays: m.deadlineDays, selected: m.id === selected })),
      types: LETTER_TYPES.map((t) => ({ value: t, name: LETTER_TYPE_LABELS[t], checked: t === chosenType })),
      visibilities: (['private', 'public'] as Visibility[]).map((x) => ({ value: x, name: VISIBILITY_LABELS[x], checked: x === chosenVisibility })),
      values,
      // A fresh key per form: submitting this page twice makes one letter.
      idempotencyKey: /^[A-Za-z0-9_-]{16,64}$/.test(v.idempotencyKey ?? '') ? v.idempotencyKey : randomToken(18),
      error: state.error ?? '', errors: state.errors ?? [],
      maxFiles: MAX_LETTER_ATTACHMENTS, maxSize: formatBytes(platform.config.letterAttachmentMaxBytes), captchaUrl: CAPTCHA_PATH,
    },
  });
}

export async function renderLetterReceipt(platform: Platform, siteCode: string, receipt: LetterReceipt): Promise<string | null> {
  return renderInteractionPage(publishingDeps(platform), siteCode, 'letter-receipt', {
    title: '信件提交结果', breadcrumb: [{ name: '我要写信', href: LETTER_FORM_PATH }, { name: '提交结果', href: LETTER_FORM_PATH }],
    letter: {
      queryCode: receipt.queryCode, queryPassword: receipt.queryPassword ?? '', duplicate: receipt.duplicate, mailboxName: receipt.mailboxName,
      typeName: LETTER_TYPE_LABELS[receipt.letterType], receivedAt: formatShanghai(receipt.receivedAt), dueAt: formatShanghai(receipt.dueAt),
    },
  });
}

export async function renderLetterQuery(platform: Platform, siteCode: string, state: { queryCode?: string; error?: string; notice?: string; result?: LetterProgress }): Promise<string | null> {
  if ((await getSiteByCode(platform.db, siteCode))?.status !== 'open') return null;
  const r = state.result;
  return renderInteractionPage(publishingDeps(platform), siteCode, 'letter-query', {
    title: '信件查询', breadcrumb: [{ name: '信件查询', href: LETTER_QUERY_PATH }],
    letter: {
      queryCode: state.queryCode ?? '', error: state.error ?? '', notice: state.notice ?? '',
      result: r ? { ...r, receivedAt: formatShanghai(r.receivedAt), dueAt: formatShanghai(r.dueAt), progress: pageProgress(r) } : null,
    },
  });
}

const SATISFACTION_CHOICES = (['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((value) => ({ value, name: SATISFACTION_LABELS[value] }));

/** The progress as the look-up page shows it: times formatted, absent values as empty text (the theme engine is strict). */
function pageProgress(r: LetterProgress) {
  const p = r.progress;
  return {
    handlingUnit: p.handlingUnit ?? '', clockPaused: p.clockPaused, reply: p.reply ?? '', repliedAt: p.repliedAt === null ? '' : formatShanghai(p.repliedAt),
    satisfactionName: p.satisfactionName ?? '', canSupplement: p.canSupplement, canRate: p.canRate, canReopen: p.canReopen,
    satisfactions: SATISFACTION_CHOICES,
    steps: p.steps.map((x) => ({ name: x.name, at: formatShanghai(x.at), unit: x.unit ?? '', reason: x.reason ?? '' })),
  };
}

/**
 * The form and the look-up page on every public site, made per request (they carry a fresh
 * idempotency key and the site's current mailboxes). `?mailbox=<id>` preselects a mailbox.
 */
export function registerLetterPages(platform: Platform): void {
  registerDynamicPage(LETTER_FORM_PATH, async ({ siteCode, query }) => {
    const mailboxId = Number.parseInt(query.get('mailbox') ?? '', 10);
    const html = await renderLetterForm(platform, siteCode, Number.isSafeInteger(mailboxId) && mailboxId > 0 ? { mailboxId } : {});
    // Not open: no page here, the site's own 404 answers (as for any path it does not have).
    return html === null ? null : { status: 200, html };
  });
  registerDynamicPage(LETTER_QUERY_PATH, async ({ siteCode }) => {
    const html = await renderLetterQuery(platform, siteCode, {});
    return html === null ? null : { status: 200, html };
  });
  registerPublishedLetterPages(platform);
  registerStatisticsPage(platform);
}
