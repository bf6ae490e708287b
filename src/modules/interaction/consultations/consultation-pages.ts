import type { Platform } from '../../../platform/platform.js';
import { formatShanghai } from '../../../platform/i18n/format-time.js';
import { registerDynamicPage } from '../../delivery/index.js';
import { publishingDeps, renderInteractionPage } from '../../publishing/index.js';
import { getSiteByCode } from '../../sites/index.js';
import { notFoundAsNull } from '../comments/comment-pages.js';
import { CAPTCHA_PATH } from '../letter-pages.js';
import { formatBytes } from '../letter-files.js';
import { pageId } from '../public-pages-kit.js';
import type { FieldMessage } from '../read-submission.js';
import { publicConsultation, publicConsultations, type Opinion } from './consultation-views.js';
import type { ConsultationState } from './consultations.repo.js';

export const CONSULTATIONS_PATH = '/consultations.html';
export const CONSULTATION_PATH = '/consultation.html';

const STATE_NAMES: Readonly<Record<ConsultationState, string>> = { upcoming: '尚未开始', open: '正在征求意见', closed: '已结束' };
const ADOPTION_NAMES: Readonly<Record<string, string>> = { adopted: '采纳', partly: '部分采纳', not_adopted: '未采纳', '': '—' };

export const consultationHref = (id: number) => `${CONSULTATION_PATH}?id=${id}`;

export async function renderConsultationList(platform: Platform, siteCode: string, error = ''): Promise<string | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (site?.status !== 'open') return null;
  const items = await publicConsultations(platform.db, site.id, platform.clock.now());
  return renderInteractionPage(publishingDeps(platform), siteCode, 'consultations', {
    title: '征求意见', breadcrumb: [{ name: '征求意见', href: CONSULTATIONS_PATH }],
    view: {
      error,
      items: items.map((c) => ({
        id: c.id, title: c.title, href: consultationHref(c.id), opensAt: formatShanghai(c.opensAt), closesAt: formatShanghai(c.closesAt),
        stateName: STATE_NAMES[c.state], hasSummary: c.summaryPublishedAt !== null,
      })),
    },
  });
}

export interface ConsultationPageState {
  readonly notice?: string;
  readonly error?: string;
  /** Each field's message (`body`, `nickname`, `contact`), beside its input in the form that was sent. */
  readonly errors?: readonly FieldMessage[];
  /** The clause whose form was sent (none: the overall form): it is opened, with what was typed. */
  readonly clauseNo?: number;
  /** What was typed into the form that was sent: `body`, `nickname`, `contact`. */
  readonly values?: Readonly<Record<string, string>>;
}

const opinionModel = (o: Opinion) => ({ nickname: o.nickname, body: o.body, at: formatShanghai(o.submittedAt) });

/** The draft clause by clause, approved opinions under each, a form per clause and overall while open, the summary once published. */
export async function renderConsultation(platform: Platform, siteCode: string, id: number, state: ConsultationPageState = {}): Promise<string | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (site?.status !== 'open') return null;
  const p = await publicConsultation(platform.db, site.id, id, platform.clock.now()).catch(notFoundAsNull);
  if (!p) return null;
  const c = p.consultation;
  return renderInteractionPage(publishingDeps(platform), siteCode, 'consultation', {
    title: c.title, breadcrumb: [{ name: '征求意见', href: CONSULTATIONS_PATH }, { name: c.title, href: consultationHref(c.id) }],
    view: {
      consultation: {
        id: c.id, title: c.title, intro: c.intro, opensAt: formatShanghai(c.opensAt), closesAt: formatShanghai(c.closesAt), stateName: STATE_NAMES[c.state], shortReason: c.shortReason,
      },
      isOpen: c.state === 'open',
      document: p.document ? { ...p.document, attachments: p.document.attachments.map((a) => ({ name: a.name, href: a.href, type: a.ext.toUpperCase(), size: formatBytes(a.size) })) } : null,
      clauses: p.clauses.map((x) => ({
        clauseNo: x.clauseNo, heading: x.heading, text: x.text, received: x.received, adoptionName: ADOPTION_NAMES[x.adoption] ?? '—', feedback: x.feedback,
        opinions: p.opinions.filter((o) => o.clauseNo === x.clauseNo).map(opinionModel),
      })),
      overall: { received: p.overall.received, opinions: p.opinions.filter((o) => o.clauseNo === null).map(opinionModel) },
      summary: { published: p.summaryPublished, text: c.summaryText, received: p.overall.received + p.clauses.reduce((n, x) => n + x.received, 0) },
      notice: state.notice ?? '', error: state.error ?? '', errors: state.errors ?? [], focusClause: state.clauseNo ?? 0, captchaUrl: CAPTCHA_PATH,
      values: { body: state.values?.body ?? '', nickname: state.values?.nickname ?? '', contact: state.values?.contact ?? '' },
    },
  });
}

export function registerConsultationPages(platform: Platform): void {
  registerDynamicPage(CONSULTATIONS_PATH, async ({ siteCode }) => {
    const html = await renderConsultationList(platform, siteCode);
    return html === null ? null : { status: 200, html };
  });
  registerDynamicPage(CONSULTATION_PATH, async ({ siteCode, query }) => {
    const id = pageId(query.get('id'));
    const html = id === null ? null : await renderConsultation(platform, siteCode, id);
    return html === null ? null : { status: 200, html };
  });
}
