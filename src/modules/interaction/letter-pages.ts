import type { Platform } from '../../platform/platform.js';
import { withoutForbiddenText } from '../../platform/http/text-guard.js';
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
import { UNANSWERED_STATUSES } from './letter-workflow.js';
import { FieldMessage } from './read-submission.js';
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
  /** Listed under the summary; a FieldMessage also beside its field (`field` is the form field's name). */
  readonly errors?: readonly (string | FieldMessage)[];
  readonly mailboxId?: number;
}

/** An id as a form or an address gives it: plain decimal digits without a leading zero, nothing else (`0x10`, `1e3`, `1abc`, `01` are no id). */
export function plainId(raw: string | null | undefined): number | undefined {
  if (raw == null || !/^[1-9]\d{0,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The messages as the theme lists them: each with its field ('' for one that belongs to no field). */
const fieldMessages = (errors: readonly (string | FieldMessage)[] = []): FieldMessage[] =>
  errors.map((e) => (typeof e === 'string' ? new FieldMessage('', e) : e));

/** The letter form of a site, or null when the site is unknown or does not take letters (not open). */
export async function renderLetterForm(platform: Platform, siteCode: string, state: FormState = {}): Promise<string | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (site?.status !== 'open') return null;
  await ensureSiteMailbox(platform.db, interactionDeps(platform), site);
  const mailboxes = await listSiteMailboxes(platform.db, site.id, { enabledOnly: true });
  const v = state.values ?? {};
  const chosenType = v.letterType ?? '';
  const chosenVisibility = v.visibility ?? 'private';
  const selected = state.mailboxId ?? plainId(v.mailboxId);
  // Shown without the characters the text guard refuses: the visitor cannot find them to delete them.
  const values = Object.fromEntries(FORM_VALUES.map((k) => [k, withoutForbiddenText(v[k] ?? '')]));
  return renderInteractionPage(publishingDeps(platform), siteCode, 'letter-form', {
    title: '我要写信', breadcrumb: [{ name: '我要写信', href: LETTER_FORM_PATH }],
    letter: {
      mailboxes: mailboxes.map((m) => ({ id: m.id, name: m.name, kindName: m.kindName, deadlineDays: m.deadlineDays, selected: m.id === selected })),
      types: LETTER_TYPES.map((t) => ({ value: t, name: LETTER_TYPE_LABELS[t], checked: t === chosenType })),
      visibilities: (['private', 'public'] as Visibility[]).map((x) => ({ value: x, name: VISIBILITY_LABELS[x], checked: x === chosenVisibility })),
      values,
      // A fresh key per form: submitting this page twice makes one letter.
      idempotencyKey: /^[A-Za-z0-9_-]{16,64}$/.test(v.idempotencyKey ?? '') ? v.idempotencyKey : randomToken(18),
      error: state.error ?? '', errors: fieldMessages(state.errors),
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

export interface QueryState {
  readonly queryCode?: string;
  readonly error?: string;
  /** A refused follow-up form's messages, each beside its field (`text`, `satisfaction`, `reason`). */
  readonly errors?: readonly (string | FieldMessage)[];
  /** What was typed into a refused follow-up form (`action`, `text`, `satisfaction`, `reason`), shown again. */
  readonly values?: Readonly<Record<string, string>>;
  readonly notice?: string;
  readonly result?: LetterProgress;
}

export async function renderLetterQuery(platform: Platform, siteCode: string, state: QueryState): Promise<string | null> {
  if ((await getSiteByCode(platform.db, siteCode))?.status !== 'open') return null;
  const r = state.result;
  return renderInteractionPage(publishingDeps(platform), siteCode, 'letter-query', {
    title: '信件查询', breadcrumb: [{ name: '信件查询', href: LETTER_QUERY_PATH }],
    letter: {
      queryCode: state.queryCode ?? '', error: state.error ?? '', notice: state.notice ?? '',
      errors: fieldMessages(state.errors), values: Object.fromEntries(Object.entries(state.values ?? {}).map(([k, x]) => [k, withoutForbiddenText(x)])),
      result: r ? {
        ...r, receivedAt: formatShanghai(r.receivedAt),
        // A deadline only while the letter waits for an answer: not once refused, merged, answered or closed.
        dueAt: UNANSWERED_STATUSES.includes(r.status) ? formatShanghai(r.dueAt) : '',
        progress: pageProgress(r),
      } : null,
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
    const mailboxId = plainId(query.get('mailbox'));
    const html = await renderLetterForm(platform, siteCode, mailboxId === undefined ? {} : { mailboxId });
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
