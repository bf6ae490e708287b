import type { Platform } from '../../../platform/platform.js';
import { formatShanghai } from '../../../platform/i18n/format-time.js';
import { registerDynamicPage } from '../../delivery/index.js';
import { publishingDeps, renderInteractionPage } from '../../publishing/index.js';
import { getSiteByCode } from '../../sites/index.js';
import { CAPTCHA_PATH } from '../letter-pages.js';
import { pageId } from '../public-pages-kit.js';
import type { FieldMessage } from '../read-submission.js';
import { STATUS_LABELS } from './interview-schedule.js';
import { entriesAfter, getInterview, imagesInTranscript, listImages, publicQuestions, listSiteInterviews, type EntryView, type InterviewView } from './interviews.repo.js';

export const INTERVIEW_LIST_PATH = '/interviews.html';
export const INTERVIEW_PAGE_PATH = '/interview.html';
export const QUESTION_FORM_PATH = '/interviews/question.html';
export const interviewHref = (id: number): string => `${INTERVIEW_PAGE_PATH}?id=${id}`;
export const imageSrc = (id: number): string => `/api/v1/public/interview-images/${id}`;
export const eventsUrl = (id: number): string => `/api/v1/public/interviews/${id}/events`;

const guestLine = (i: InterviewView): string => i.guests.map((g) => [g.org, g.title, g.name].filter((x) => x !== '').join(' ')).join('；');

function summary(i: InterviewView) {
  return {
    id: i.id, href: interviewHref(i.id), title: i.title, topic: i.topic, statusName: STATUS_LABELS[i.status],
    start: formatShanghai(i.scheduledStart), end: formatShanghai(i.scheduledEnd), guests: guestLine(i),
  };
}

/** 在线访谈 of a site: live now, coming, and past (ended and archived). Null when the site is not open. */
export async function renderInterviewList(platform: Platform, siteCode: string): Promise<string | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (site?.status !== 'open') return null;
  const all = await listSiteInterviews(platform.db, site.id);
  const upcoming = all.filter((i) => i.status === 'scheduled').sort((a, b) => a.scheduledStart - b.scheduledStart);
  return renderInteractionPage(publishingDeps(platform), siteCode, 'interview-list', {
    title: '在线访谈', breadcrumb: [{ name: '在线访谈', href: INTERVIEW_LIST_PATH }],
    interview: {
      live: all.filter((i) => i.status === 'live').map(summary), upcoming: upcoming.map(summary),
      past: all.filter((i) => i.status === 'ended' || i.status === 'archived').map(summary),
    },
  });
}

/** An entry as the page shows it; the theme escapes every text (a script typed into a question stays text). */
export function pageEntry(e: EntryView) {
  return {
    seq: e.seq, kind: e.kind, speaker: e.speaker, body: e.body, at: formatShanghai(e.at),
    question: e.question ? { nickname: e.question.nickname || '网友', body: e.question.body } : null,
    image: e.imageId === null ? '' : imageSrc(e.imageId),
  };
}

export interface QuestionFormState {
  /** What was typed: `body`, `nickname`. */
  readonly values?: Readonly<Record<string, string>>;
  /** The refusal's message: shown above the form, or in its place once the interview takes no more questions. */
  readonly error?: string;
  /** Each field's message (`body`, `nickname`), beside its input. */
  readonly errors?: readonly FieldMessage[];
  readonly message?: string;
}

/**
 * One interview: before, its introduction and the question form; during, the transcript so
 * far (the script adds new entries as they come); after, the archive with the full transcript.
 * Everything is rendered here, so the page works without JavaScript.
 */
export async function renderInterviewPage(platform: Platform, siteCode: string, interviewId: number | null, state: QuestionFormState = {}): Promise<string | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  const i = interviewId !== null && Number.isSafeInteger(interviewId) && interviewId > 0 ? await getInterview(platform.db, interviewId) : undefined;
  if (site?.status !== 'open' || !i || i.siteId !== site.id) return null;
  const db = platform.db;
  const [entries, images, used, questions] = await Promise.all([entriesAfter(db, i.id, 0), listImages(db, i.id), imagesInTranscript(db, i.id), publicQuestions(db, i.id, ['approved'])]);
  const v = state.values ?? {};
  return renderInteractionPage(publishingDeps(platform), siteCode, 'interview', {
    title: i.title, breadcrumb: [{ name: '在线访谈', href: INTERVIEW_LIST_PATH }, { name: i.title, href: interviewHref(i.id) }],
    interview: {
      ...summary(i), status: i.status, description: i.description.split(/\n+/).filter((p) => p.trim() !== ''),
      guestList: i.guests.map((g) => ({ name: g.name, title: g.title, org: g.org })),
      images: images.filter((img) => !used.has(img.id)).map((img) => ({ src: imageSrc(img.id), alt: img.fileName })),
      questions: questions.map((q) => ({ id: q.id, nickname: q.nickname || '网友', body: q.body })),
      entries: entries.map(pageEntry), lastSeq: i.lastSeq, live: i.status === 'live', over: i.status === 'ended' || i.status === 'archived',
      eventsUrl: eventsUrl(i.id), acceptsQuestions: i.status === 'scheduled' || i.status === 'live',
      form: {
        action: QUESTION_FORM_PATH, captchaUrl: CAPTCHA_PATH, nickname: v.nickname ?? '', body: v.body ?? '',
        error: state.error ?? '', errors: state.errors ?? [], message: state.message ?? '',
      },
    },
  });
}

/** The list and the interview page on every public site, made per request (`/interview.html?id=N`). */
export function registerInterviewPages(platform: Platform): void {
  registerDynamicPage(INTERVIEW_LIST_PATH, async ({ siteCode }) => {
    const html = await renderInterviewList(platform, siteCode);
    return html === null ? null : { status: 200, html };
  });
  registerDynamicPage(INTERVIEW_PAGE_PATH, async ({ siteCode, query }) => {
    // `?id=` as plain decimal digits (`1e0`, `0x1`, ` 1` name no interview: the site's 404 page).
    const html = await renderInterviewPage(platform, siteCode, pageId(query.get('id')));
    return html === null ? null : { status: 200, html };
  });
}
