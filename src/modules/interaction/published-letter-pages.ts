import type { Platform } from '../../platform/platform.js';
import { formatShanghai } from '../../platform/i18n/format-time.js';
import { registerDynamicPage } from '../delivery/index.js';
import { publishingDeps, renderInteractionPage } from '../publishing/index.js';
import { getSiteByCode } from '../sites/index.js';
import type { LetterType } from './interaction.tables.js';
import { LETTER_TYPE_LABELS, LETTER_TYPES } from './letter-types.js';
import { listSiteMailboxes } from './mailboxes.repo.js';
import { publishedLetters } from './operations/letter-views.js';

export const PUBLIC_LETTERS_PATH = '/letters/public.html';
export const PUBLIC_LETTER_PATH = '/letters/public/letter.html';
export const PUBLIC_LETTERS_PAGE_SIZE = 20;
/** Deeper pages are not offered: a visitor filters instead, and a crawler cannot make the database skip millions of rows. */
const MAX_PAGE = 500;

const day = (ms: number) => formatShanghai(ms).slice(0, 10);
/** Plain decimal digits only, without a leading zero: `1e3`, `1abc`, `0x10`, `01` or ` 1` name no page and no letter. */
const positiveInt = (raw: string | null, max: number): number | undefined => {
  if (raw === null || !/^[1-9]\d{0,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 && n <= max ? n : undefined;
};

export interface PublicLettersQuery {
  readonly page: number;
  readonly mailboxId?: number | undefined;
  readonly letterType?: LetterType | undefined;
}

/** The list page's query from the address; anything malformed is ignored (the page never errs on a bad link). */
export function parsePublicLettersQuery(query: URLSearchParams): PublicLettersQuery {
  const type = query.get('type') ?? '';
  return {
    page: positiveInt(query.get('page'), MAX_PAGE) ?? 1,
    mailboxId: positiveInt(query.get('mailbox'), Number.MAX_SAFE_INTEGER),
    letterType: (LETTER_TYPES as readonly string[]).includes(type) ? (type as LetterType) : undefined,
  };
}

function listHref(q: PublicLettersQuery, page: number): string {
  const p = new URLSearchParams();
  if (q.mailboxId !== undefined) p.set('mailbox', String(q.mailboxId));
  if (q.letterType !== undefined) p.set('type', q.letterType);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `${PUBLIC_LETTERS_PATH}?${s}` : PUBLIC_LETTERS_PATH;
}

/** 公开信件: the site's published letters, filtered by mailbox and type, 20 a page. Null when the site is not open. */
export async function renderPublicLetters(platform: Platform, siteCode: string, q: PublicLettersQuery): Promise<string | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (site?.status !== 'open') return null;
  const { total, items } = await publishedLetters(platform.db, site.id, { page: q.page, pageSize: PUBLIC_LETTERS_PAGE_SIZE, mailboxId: q.mailboxId, letterType: q.letterType });
  const pages = Math.max(1, Math.min(MAX_PAGE, Math.ceil(total / PUBLIC_LETTERS_PAGE_SIZE)));
  const mailboxes = await listSiteMailboxes(platform.db, site.id);
  return renderInteractionPage(publishingDeps(platform), siteCode, 'letter-public-list', {
    title: '公开信件', breadcrumb: [{ name: '公开信件', href: PUBLIC_LETTERS_PATH }],
    letter: {
      total, page: q.page, pages,
      prev: q.page > 1 ? listHref(q, Math.min(q.page - 1, pages)) : '',
      next: q.page < pages ? listHref(q, q.page + 1) : '',
      mailboxes: mailboxes.map((m) => ({ id: m.id, name: m.name, selected: m.id === q.mailboxId })),
      types: LETTER_TYPES.map((t) => ({ value: t, name: LETTER_TYPE_LABELS[t], selected: t === q.letterType })),
      filtered: q.mailboxId !== undefined || q.letterType !== undefined,
      items: items.map((l) => ({
        href: `${PUBLIC_LETTER_PATH}?id=${l.id}`, subject: l.subject, mailboxName: l.mailboxName, typeName: l.letterTypeName,
        receivedAt: day(l.receivedAt), repliedAt: day(l.repliedAt), handlingUnit: l.handlingUnit ?? '',
      })),
    },
  });
}

/** One published letter with its reply; null (the site's 404) when it is not published on this site. */
export async function renderPublicLetter(platform: Platform, siteCode: string, letterId: number | undefined): Promise<string | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (site?.status !== 'open' || letterId === undefined) return null;
  const l = (await publishedLetters(platform.db, site.id, { page: 1, pageSize: 1, letterId })).items[0];
  if (!l) return null;
  return renderInteractionPage(publishingDeps(platform), siteCode, 'letter-public', {
    title: l.subject, breadcrumb: [{ name: '公开信件', href: PUBLIC_LETTERS_PATH }, { name: l.subject, href: `${PUBLIC_LETTER_PATH}?id=${l.id}` }],
    letter: {
      subject: l.subject, mailboxName: l.mailboxName, typeName: l.letterTypeName, body: l.body, reply: l.reply, handlingUnit: l.handlingUnit ?? '',
      receivedAt: formatShanghai(l.receivedAt), repliedAt: formatShanghai(l.repliedAt), listHref: PUBLIC_LETTERS_PATH,
    },
  });
}

/** The published letters' list and detail on every open site (read-only, no captcha, no JavaScript). */
export function registerPublishedLetterPages(platform: Platform): void {
  registerDynamicPage(PUBLIC_LETTERS_PATH, async ({ siteCode, query }) => {
    const html = await renderPublicLetters(platform, siteCode, parsePublicLettersQuery(query));
    return html === null ? null : { status: 200, html };
  });
  registerDynamicPage(PUBLIC_LETTER_PATH, async ({ siteCode, query }) => {
    const html = await renderPublicLetter(platform, siteCode, positiveInt(query.get('id'), Number.MAX_SAFE_INTEGER));
    return html === null ? null : { status: 200, html };
  });
}
