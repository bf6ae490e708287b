import type { Platform } from '../../../platform/platform.js';
import { formatShanghai } from '../../../platform/i18n/format-time.js';
import { registerDynamicPage } from '../../delivery/index.js';
import { publishingDeps, renderInteractionPage } from '../../publishing/index.js';
import { getSiteByCode, type SiteView } from '../../sites/index.js';
import { CAPTCHA_PATH } from '../letter-pages.js';
import { pageId } from '../public-pages-kit.js';
import { fieldName, rowFieldName, type FormValues } from './survey-answers.js';
import { questionChartSvg } from './survey-charts.js';
import { KIND_LABELS, type Question } from './survey-definition.js';
import { surveyResults } from './survey-results.js';
import { getSurveyWithQuestions, listSiteSurveys, PHASE_LABELS, type SurveyView, type SurveyWithQuestions } from './surveys.repo.js';

export const SURVEY_LIST_PATH = '/surveys.html';
export const SURVEY_PATH = '/survey.html';
export const SURVEY_RESULTS_PATH = '/survey-results.html';

const when = (ms: number | null) => (ms === null ? '' : formatShanghai(ms));
const surveyHref = (id: number) => `${SURVEY_PATH}?id=${id}`;
const resultsHref = (id: number) => `${SURVEY_RESULTS_PATH}?id=${id}`;

async function openSite(platform: Platform, siteCode: string): Promise<SiteView | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  return site?.status === 'open' ? site : null;
}

/** A survey the site shows: on this site and not a draft. Null for an id that is not one (see pageId). */
export async function visibleSurvey(platform: Platform, site: SiteView, id: number | null): Promise<SurveyWithQuestions | null> {
  if (id === null || !Number.isSafeInteger(id) || id < 1) return null;
  const s = await getSurveyWithQuestions(platform.db, id, platform.clock.now());
  return s && s.siteId === site.id && s.status !== 'draft' ? s : null;
}

function summary(s: SurveyView) {
  return {
    id: s.id, title: s.title, href: surveyHref(s.id), phaseName: PHASE_LABELS[s.phase], isOpen: s.phase === 'open',
    opensAt: when(s.opensAt), closesAt: when(s.closesAt), resultsHref: s.resultsPublic ? resultsHref(s.id) : '',
  };
}

/** The list; `error` is a message above it (a post refused before its survey was known, such as over the rate limit). */
export async function renderSurveyList(platform: Platform, siteCode: string, error = ''): Promise<string | null> {
  const site = await openSite(platform, siteCode);
  if (!site) return null;
  const all = await listSiteSurveys(platform.db, site.id, platform.clock.now(), { visibleOnly: true });
  return renderInteractionPage(publishingDeps(platform), siteCode, 'survey-list', {
    title: '在线调查', breadcrumb: [{ name: '在线调查', href: SURVEY_LIST_PATH }],
    survey: { error, open: all.filter((s) => s.phase === 'open' || s.phase === 'upcoming').map(summary), closed: all.filter((s) => s.phase === 'ended').map(summary) },
  });
}

export interface SurveyFormState {
  readonly values?: FormValues;
  readonly error?: string;
  /** Messages by form field name (`q<id>`). */
  readonly fieldErrors?: ReadonlyMap<string, string>;
}

function formQuestion(q: Question, n: number, state: SurveyFormState) {
  const values = state.values ?? (() => []);
  const picked = new Set(values(fieldName(q)));
  const choice = (value: string, label: string) => ({ value, label, checked: picked.has(value) });
  const hints: Record<Question['kind'], string> = {
    single: '', text: `不超过 ${q.maxLength} 字。`, rating: `1 分最低，${q.scale} 分最高。`, matrix: '每行选择一项。',
    multiple: q.minChoices > 0 ? `请选择 ${q.minChoices}–${q.maxChoices} 项。` : `最多选择 ${q.maxChoices} 项。`,
  };
  return {
    n, id: q.id, kind: q.kind, kindName: KIND_LABELS[q.kind], title: q.title, required: q.required, field: fieldName(q), hint: hints[q.kind],
    error: state.fieldErrors?.get(fieldName(q)) ?? '',
    options: q.kind === 'rating' ? Array.from({ length: q.scale }, (_, i) => choice(String(i + 1), String(i + 1))) : q.options.map((o, i) => choice(String(i), o)),
    text: values(fieldName(q))[0] ?? '', maxLength: q.maxLength,
    columns: q.columns,
    rows: q.rows.map((label, r) => {
      const got = values(rowFieldName(q, r))[0];
      return { label, field: rowFieldName(q, r), cells: q.columns.map((c, i) => ({ value: String(i), label: c, checked: got === String(i) })) };
    }),
  };
}

export async function renderSurveyForm(platform: Platform, site: SiteView, survey: SurveyWithQuestions, state: SurveyFormState = {}): Promise<string | null> {
  return renderInteractionPage(publishingDeps(platform), site.code, 'survey-form', {
    title: survey.title, breadcrumb: [{ name: '在线调查', href: SURVEY_LIST_PATH }, { name: survey.title, href: surveyHref(survey.id) }],
    survey: {
      ...summary(survey), description: survey.description, action: surveyHref(survey.id), captchaUrl: CAPTCHA_PATH,
      error: state.error ?? '', errors: [...(state.fieldErrors?.values() ?? [])],
      questions: survey.questions.map((q, i) => formQuestion(q, i + 1, state)),
    },
  });
}

export async function renderSurveyThanks(platform: Platform, site: SiteView, survey: SurveyView): Promise<string | null> {
  return renderInteractionPage(publishingDeps(platform), site.code, 'survey-thanks', {
    title: '提交成功', breadcrumb: [{ name: '在线调查', href: SURVEY_LIST_PATH }, { name: survey.title, href: surveyHref(survey.id) }],
    survey: summary(survey),
  });
}

/** The results page, only while the owner has published the results. */
export async function renderSurveyResults(platform: Platform, siteCode: string, id: number | null): Promise<string | null> {
  const site = await openSite(platform, siteCode);
  const survey = site ? await visibleSurvey(platform, site, id) : null;
  if (!site || !survey?.resultsPublic) return null;
  const results = await surveyResults(platform.db, survey);
  return renderInteractionPage(publishingDeps(platform), siteCode, 'survey-results', {
    title: `${survey.title}：调查结果`, breadcrumb: [{ name: '在线调查', href: SURVEY_LIST_PATH }, { name: '调查结果', href: resultsHref(survey.id) }],
    survey: {
      ...summary(survey), description: survey.description, responses: results.responses,
      questions: results.questions.map((r, i) => ({
        n: i + 1, title: r.title, kind: r.kind, kindName: KIND_LABELS[r.kind as Question['kind']], answered: r.answered,
        chartSvg: questionChartSvg(r) ?? '', counts: r.counts, average: r.average === null ? '' : String(r.average),
        columns: r.columns, matrix: r.matrix,
      })),
    },
  });
}

/** `?id=` as plain decimal digits (`1e0`, `0x1`, ` 1` name no survey: the site's 404 page). */
const idOf = (query: URLSearchParams) => pageId(query.get('id'));

/** The list, the form and the results on every public site, made per request (state and clock decide what shows). */
export function registerSurveyPages(platform: Platform): void {
  registerDynamicPage(SURVEY_LIST_PATH, async ({ siteCode }) => {
    const html = await renderSurveyList(platform, siteCode);
    return html === null ? null : { status: 200, html };
  });
  registerDynamicPage(SURVEY_PATH, async ({ siteCode, query }) => {
    const site = await openSite(platform, siteCode);
    const survey = site ? await visibleSurvey(platform, site, idOf(query)) : null;
    const html = site && survey ? await renderSurveyForm(platform, site, survey) : null;
    return html === null ? null : { status: 200, html };
  });
  registerDynamicPage(SURVEY_RESULTS_PATH, async ({ siteCode, query }) => {
    const html = await renderSurveyResults(platform, siteCode, idOf(query));
    return html === null ? null : { status: 200, html };
  });
}
