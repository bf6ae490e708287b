import fs from 'node:fs';
import path from 'node:path';
import { inTransaction, type Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import type { Actor } from '../../platform/identity/actor.js';
import type { AuditLog, JobQueue } from '../../platform/contracts.js';
import { getPublicDocument } from '../content/index.js';
import { getSiteByCode, listSites } from '../sites/index.js';
import { PublishingErrors } from './errors.js';
import { enqueueRebuild } from './publishing-jobs.js';
import type { PublishingDeps } from './publishing-deps.js';
import { SAMPLE_SURVEY } from './sample-survey.js';
import { SiteContexts } from './page-batch.js';
import { articlePagesFor } from './publish-document.js';
import { lastSeq, latestInSite } from './published-items.repo.js';
import { renderGone } from './render/pages.js';
import { columnPages, homePages, staticSitePages } from './site-pages.js';
import { createThemeEngine, DEFAULT_THEME_DIR, renderTemplate, THEME_PAGES, themeTemplateNames } from './theme/theme-engine.js';

/** Every theme page can be previewed with sample data. */
export const SAMPLE_PAGES = THEME_PAGES;
export type SamplePage = (typeof SAMPLE_PAGES)[number];

const SAMPLE_FIGURES = { label: '2026年11月', received: 12, accepted: 11, closed: 9, onTimeRate: '88.9%', averageWorkingDays: '3.2', satisfactionRate: '87.5%' };
const SAMPLE_STATISTICS = { name: '示例网站', caption: '示例网站', periods: [SAMPLE_FIGURES], months: [SAMPLE_FIGURES], chartSvg: '<svg role="img" aria-label="示例图表" width="10" height="10"></svg>' };

/**
 * One view model that every letter template can render: the form's, the receipt's, the
 * look-up's, the published letters' and the statistics' fields together.
 */
const SAMPLE_LETTER = {
  total: 1, page: 1, pages: 1, prev: '', next: '', filtered: false, listHref: '/letters/public.html',
  items: [{ href: '/letters/public/letter.html?id=1', subject: '示例标题', mailboxName: '网站信箱', typeName: '咨询', receivedAt: '2026-11-26', repliedAt: '2026-11-30', handlingUnit: '江苏省教育厅' }],
  subject: '示例标题', body: '示例内容', reply: '示例答复', repliedAt: '2026-11-30 15:00', handlingUnit: '江苏省教育厅',
  computedAt: '2026-11-27 01:30', site: SAMPLE_STATISTICS,
  region: { ...SAMPLE_STATISTICS, name: '示例地区', caption: '示例地区所属网站合计', sites: [{ name: '示例网站', thisMonth: SAMPLE_FIGURES, thisYear: SAMPLE_FIGURES }] },
  mailboxes: [{ id: 1, name: '网站信箱', kindName: '网站信箱', deadlineDays: 5, selected: true }],
  types: [{ value: 'consultation', name: '咨询', checked: true, selected: true }], visibilities: [{ value: 'private', name: '不公开', checked: true }],
  values: { subject: '示例标题', body: '示例内容', name: '', phone: '', email: '', idNumber: '', address: '' },
  idempotencyKey: 'sample-idempotency-key', error: '', notice: '', errors: [], maxFiles: 3, maxSize: '5 MB', captchaUrl: '/api/v1/public/captcha',
  queryCode: '20261126000001', queryPassword: 'ABCD2345', duplicate: false, mailboxName: '网站信箱', typeName: '咨询',
  receivedAt: '2026-11-26 10:00', dueAt: '2026-12-03 23:59',
  result: {
    queryCode: '20261126000001', subject: '示例标题', body: '示例内容', statusName: '已收到，等待受理', mailboxName: '网站信箱', letterTypeName: '咨询',
    receivedAt: '2026-11-26 10:00', dueAt: '2026-12-03 23:59', isPublic: false, attachmentCount: 0, citizen: { name: '张*', phone: '138****5678' },
    progress: {
      handlingUnit: '江苏省教育厅', clockPaused: false, reply: '示例答复', repliedAt: '2026-11-30 15:00', satisfactionName: '',
      // Every follow-up form is shown in the sample, so a template that breaks one is refused.
      canSupplement: true, canRate: true, canReopen: true,
      satisfactions: [{ value: 'satisfied', name: '满意' }, { value: 'basically_satisfied', name: '基本满意' }, { value: 'dissatisfied', name: '不满意' }],
      steps: [{ name: '受理', at: '2026-11-26 10:05', unit: '', reason: '' }, { name: '转办', at: '2026-11-26 11:00', unit: '江苏省教育厅', reason: '' }],
    },
  },
};

/** The error-report pages' view model (网民纠错), one object for the form, the receipt and the look-up. */
const SAMPLE_CORRECTION = {
  sites: [], types: [{ value: 'typo', name: '错别字', checked: true }],
  values: { pageUrl: 'https://www.example.gov.cn/index.html', description: '示例描述', name: '', phone: '', email: '' },
  idempotencyKey: 'sample-idempotency-key', error: '', errors: [], captchaUrl: '/api/v1/public/captcha',
  queryCode: 'JC20261126000001', duplicate: false, siteName: '示例网站', typeName: '错别字', pageUrl: 'https://www.example.gov.cn/index.html',
  receivedAt: '2026-11-26 10:00', triageDueAt: '2026-11-27 23:59',
  result: { queryCode: 'JC20261126000001', errorTypeName: '错别字', statusName: '已修改并答复', receivedAt: '2026-11-26 10:00', answer: '示例答复', answeredAt: '2026-11-27 15:00' },
};

/** One view model for the comment and consultation templates (their fields together). */
const SAMPLE_OPINION = { nickname: '网友', body: '示例意见', at: '2026-11-26 10:00' };
const SAMPLE_VIEW = {
  document: { id: 1, title: '示例文章', href: '/', attachments: [{ name: '示例附件.pdf', href: '/', type: 'PDF', size: '1 MB' }] },
  comments: [{ id: 1, nickname: '网友', body: '示例评论', at: '2026-11-26 10:00' }],
  notice: '', error: '', errors: [], values: { body: '', nickname: '' }, captchaUrl: '/api/v1/public/captcha',
  items: [{ id: 1, title: '示例征求意见', href: '/consultation.html?id=1', opensAt: '2026-11-01 00:00', closesAt: '2026-12-01 00:00', stateName: '正在征求意见', hasSummary: false }],
  consultation: { id: 1, title: '示例征求意见', intro: '示例说明', opensAt: '2026-11-01 00:00', closesAt: '2026-12-01 00:00', stateName: '正在征求意见', shortReason: '' },
  isOpen: true, focusClause: 0,
  clauses: [{ clauseNo: 1, heading: '第一条', text: '示例条款', received: 1, adoptionName: '采纳', feedback: '示例理由', opinions: [SAMPLE_OPINION] }],
  overall: { received: 1, opinions: [SAMPLE_OPINION] },
  summary: { published: true, text: '示例反馈说明', received: 2 },
};

export interface EditorDeps { readonly publishing: PublishingDeps; readonly audit: AuditLog; readonly jobs: JobQueue }

function requireName(name: string): string {
  if (!themeTemplateNames().includes(name)) throw new AppError(PublishingErrors['publishing.theme.unknown_template'], { name });
  return name;
}

/** What the interview list and page templates get (see interaction/interviews/interview-pages.ts). */
const SAMPLE_INTERVIEW_ITEM = { id: 1, href: '/interview.html?id=1', title: '示例在线访谈', topic: '优化营商环境', statusName: '直播中', start: '2026-11-26 10:00', end: '2026-11-26 11:30', guests: '省发展改革委 局长 王某' };
const SAMPLE_INTERVIEW_LIST = { live: [SAMPLE_INTERVIEW_ITEM], upcoming: [], past: [] };
const SAMPLE_INTERVIEW = {
  ...SAMPLE_INTERVIEW_ITEM, status: 'live', description: ['欢迎网友提问。'], guestList: [{ name: '王某', title: '局长', org: '省发展改革委' }],
  images: [], questions: [{ id: 1, nickname: '网友', body: '示例提问' }],
  entries: [{ seq: 1, kind: 'answer', speaker: '王某', body: '示例答复', at: '2026-11-26 10:05', question: { nickname: '网友', body: '示例提问' }, image: '' }],
  lastSeq: 1, live: true, over: false, eventsUrl: '/api/v1/public/interviews/1/events', acceptsQuestions: true,
  form: { action: '/interviews/question.html', captchaUrl: '/api/v1/public/captcha', nickname: '', body: '', error: '', errors: [], message: '' },
};

const shipped = (name: string) => fs.readFileSync(path.join(DEFAULT_THEME_DIR, `${name}.liquid`), 'utf8');

async function overrides(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('theme_overrides').select(['name', 'source']).execute()).map((r) => [r.name, r.source]));
}

export async function listTemplates(db: Db): Promise<{ name: string; overridden: boolean; updatedAt: number | null }[]> {
  const rows = new Map((await db.selectFrom('theme_overrides').select(['name', 'updated_at']).execute()).map((r) => [r.name, Number(r.updated_at)]));
  return themeTemplateNames().map((name) => ({ name, overridden: rows.has(name), updatedAt: rows.get(name) ?? null }));
}

export async function readTemplate(db: Db, name: string) {
  requireName(name);
  const o = await db.selectFrom('theme_overrides').selectAll().where('name', '=', name).executeTakeFirst();
  const revisions = await db.selectFrom('theme_revisions').select(['id', 'note', 'saved_by', 'saved_at', 'source']).where('name', '=', name).orderBy('id', 'desc').limit(20).execute();
  return {
    name, source: o?.source ?? shipped(name), shipped: shipped(name), overridden: !!o,
    revisions: revisions.map((r) => ({ id: Number(r.id), note: r.note, savedBy: r.saved_by === null ? null : Number(r.saved_by), savedAt: Number(r.saved_at), source: r.source })),
  };
}

/**
 * Renders one sample page of a real site with the candidate template in place of the saved
 * one, in a throwaway engine: a template error becomes a 400 naming the line, and nothing
 * published changes.
 */
export async function renderSample(deps: PublishingDeps, q: { name: string; source: string; page: SamplePage; siteCode?: string | undefined }): Promise<string> {
  requireName(q.name);
  const site = q.siteCode ? await getSiteByCode(deps.db, q.siteCode) : (await listSites(deps.db)).find((s) => s.kind === 'province_portal');
  if (!site) throw new AppError(PublishingErrors['publishing.site_not_found']);
  const candidate = new Map(await overrides(deps.db)).set(q.name, q.source);
  const engine = createThemeEngine(undefined, candidate);
  const d: PublishingDeps = { ...deps, engine };
  const contexts = new SiteContexts(d);
  const ctx = (await contexts.get(site.id))!;
  const text = (b: Buffer | undefined) => b?.toString('utf8') ?? '';
  try {
    switch (q.page) {
      case 'home': return text((await homePages(d, ctx, contexts.blockItems(ctx)))[0]?.body);
      case 'column': {
        for (const c of ctx.columns.values()) if (c.kind !== 'link' && (await lastSeq(d.db, c.id)) > 0) return text((await columnPages(d, ctx, c.id, []))[0]?.body);
        const first = [...ctx.columns.values()].find((c) => c.kind !== 'link');
        return first ? text((await columnPages(d, ctx, first.id, []))[0]?.body) : '';
      }
      case 'article': {
        const latest = (await latestInSite(d.db, site.id, 1))[0];
        const pub = latest ? await getPublicDocument(d.db, latest.documentId) : undefined;
        if (!latest || !pub?.edition) return '';
        return text((await articlePagesFor(d, contexts, pub, { siteId: site.id, columnId: latest.columnId, via: latest.via }))[0]?.body);
      }
      case 'gone': return await renderGone(engine, ctx, { reason: '示例：信息已更新', at: d.clock.now() });
      case 'not-found': return text((await staticSitePages(d, ctx))[0]?.body);
      case 'sitemap': return text((await staticSitePages(d, ctx))[1]?.body);
      case 'search': return await renderTemplate(engine, 'search', {
        site: ctx.model, nav: ctx.nav, column: null, article: null, breadcrumb: [{ name: '首页', href: '/' }, { name: '站内搜索', href: '/search.html' }],
        page: { title: '站内搜索', canonical: '' },
        search: { q: '政务', sort: 'relevance', message: '', groups: [], results: [{ href: '/', titleHtml: '示例<mark>政务</mark>', snippetHtml: '示例摘要', siteName: ctx.site.name, publishedAt: '2026-11-26 10:00' }], pager: { older: null, newer: null } },
      });
      case 'letter-form':
      case 'letter-receipt':
      case 'letter-query':
      case 'letter-public-list':
      case 'letter-public':
      case 'letter-statistics': return await renderTemplate(engine, q.page, {
        site: ctx.model, nav: ctx.nav, column: null, article: null, breadcrumb: [{ name: '首页', href: '/' }],
        page: { title: '我要写信', canonical: '' }, letter: SAMPLE_LETTER, survey: null,
      });
      case 'survey-list':
      case 'survey-form':
      case 'survey-thanks':
      case 'survey-results': return await renderTemplate(engine, q.page, {
        site: ctx.model, nav: ctx.nav, column: null, article: null, breadcrumb: [{ name: '首页', href: '/' }],
        page: { title: '在线调查', canonical: '' }, letter: null, survey: SAMPLE_SURVEY,
      });
      case 'correction-form':
      case 'correction-receipt':
      case 'correction-query': return await renderTemplate(engine, q.page, {
        site: ctx.model, nav: ctx.nav, column: null, article: null, breadcrumb: [{ name: '首页', href: '/' }],
        page: { title: '我要纠错', canonical: '' }, letter: null, correction: SAMPLE_CORRECTION,
      });
      case 'interview-list':
      case 'interview': return await renderTemplate(engine, q.page, {
        site: ctx.model, nav: ctx.nav, column: null, article: null, breadcrumb: [{ name: '首页', href: '/' }, { name: '在线访谈', href: '/interviews.html' }],
        page: { title: '在线访谈', canonical: '' }, letter: null, interview: q.page === 'interview' ? SAMPLE_INTERVIEW : SAMPLE_INTERVIEW_LIST,
      });
      case 'comments':
      case 'consultations':
      case 'consultation': return await renderTemplate(engine, q.page, {
        site: ctx.model, nav: ctx.nav, column: null, article: null, breadcrumb: [{ name: '首页', href: '/' }],
        page: { title: '征求意见', canonical: '' }, letter: null, view: SAMPLE_VIEW,
      });
    }
  } catch (e) {
    const message = templateErrorText(e);
    throw new AppError(PublishingErrors['publishing.theme.template_error'], { page: q.page, message }, [{ field: 'source', code: 'publishing.theme.template_error', message }]);
  }
}

/**
 * LiquidJS's message for the template developer, without where the server keeps its files:
 * an absolute path (`file:/srv/jiyue/themes/default/home.liquid`) becomes its last part
 * (`home.liquid`), which is all the developer needs to find the line. Relative paths (what the
 * developer wrote, `../x`) stay as they are.
 */
export function templateErrorText(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  return raw.replace(/(?:file:)?(?:[A-Za-z]:)?(?<![\w.])[\\/](?:[^\s"'\\/,]+[\\/])+([^\s"'\\/,]*)/g, (_m, last: string) => last || '.').slice(0, 500);
}

/**
 * Saves a template: every sample page must render with it first (so a broken template never
 * reaches published pages), then the override and a revision are stored, audited, and every
 * site is rebuilt by a job.
 */
export async function saveTemplate({ deps, actor, name, source, note }: { deps: EditorDeps; actor: Actor; name: string; source: string; note: string }): Promise<{ revisionId: number; jobId: number }> {
  requireName(name);
  for (const page of SAMPLE_PAGES) await renderSample(deps.publishing, { name, source, page });
  return storeRevision(deps, actor, name, source, note);
}

/** Back to the shipped template (recorded as a revision without source). */
export async function revertTemplate({ deps, actor, name, note }: { deps: EditorDeps; actor: Actor; name: string; note: string }): Promise<{ revisionId: number; jobId: number }> {
  requireName(name);
  return storeRevision(deps, actor, name, null, note);
}

async function storeRevision(deps: EditorDeps, actor: Actor, name: string, source: string | null, note: string): Promise<{ revisionId: number; jobId: number }> {
  const db = deps.publishing.db;
  const now = deps.publishing.clock.now();
  return inTransaction(db, async (trx) => {
    if (source === null) await trx.deleteFrom('theme_overrides').where('name', '=', name).execute();
    else {
      await trx.insertInto('theme_overrides').values({ name, source, updated_by: actor.userId, updated_at: now })
        .onConflict((oc) => oc.column('name').doUpdateSet({ source, updated_by: actor.userId, updated_at: now })).execute();
    }
    const { id } = await trx.insertInto('theme_revisions').values({ name, source, note, saved_by: actor.userId, saved_at: now }).returning('id').executeTakeFirstOrThrow();
    const jobId = await enqueueRebuild(trx, deps.jobs, {}, actor.userId);
    await deps.audit.append(trx, actor, {
      action: source === null ? 'publishing.theme.template_revert' : 'publishing.theme.template_save', result: 'success', targetType: 'theme_template', targetId: name,
      detail: { revisionId: Number(id), note, bytes: source?.length ?? 0, jobId },
    });
    return { revisionId: Number(id), jobId };
  });
}
