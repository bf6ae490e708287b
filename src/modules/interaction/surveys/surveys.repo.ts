import type { Selectable } from 'kysely';
import type { Db } from '../../../db/index.js';
import { configOf, questionOf, type Question, type QuestionDraft } from './survey-definition.js';
import type { SurveyStatus, SurveysTable } from './survey.tables.js';

/** Where a survey stands for a visitor at a given time. */
export type SurveyPhase = 'draft' | 'upcoming' | 'open' | 'ended';
export const PHASE_LABELS: Readonly<Record<SurveyPhase, string>> = { draft: '草稿', upcoming: '未开始', open: '进行中', ended: '已结束' };

export interface SurveyView {
  readonly id: number;
  readonly siteId: number;
  readonly title: string;
  readonly description: string;
  readonly status: SurveyStatus;
  readonly phase: SurveyPhase;
  readonly opensAt: number | null;
  readonly closesAt: number | null;
  readonly resultsPublic: boolean;
  readonly responseCount: number;
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface SurveyWithQuestions extends SurveyView {
  readonly questions: Question[];
}

/** Open status and the clock together: an open survey takes answers from its open time until its close time. */
export function phaseOf(s: { status: SurveyStatus; opens_at: number | null; closes_at: number | null }, now: number): SurveyPhase {
  if (s.status === 'draft') return 'draft';
  if (s.status === 'closed') return 'ended';
  const closes = s.closes_at === null ? null : Number(s.closes_at);
  if (closes !== null && now >= closes) return 'ended';
  if (s.opens_at !== null && now < Number(s.opens_at)) return 'upcoming';
  return 'open';
}

function toView(r: Selectable<SurveysTable>, now: number): SurveyView {
  return {
    id: Number(r.id), siteId: Number(r.site_id), title: r.title, description: r.description, status: r.status, phase: phaseOf(r, now),
    opensAt: r.opens_at === null ? null : Number(r.opens_at), closesAt: r.closes_at === null ? null : Number(r.closes_at),
    resultsPublic: Number(r.results_public) === 1, responseCount: Number(r.response_count), version: Number(r.version),
    createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
  };
}

export async function getSurvey(db: Db, id: number, now: number): Promise<SurveyView | undefined> {
  const r = await db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toView(r, now) : undefined;
}

export async function surveyQuestions(db: Db, surveyId: number): Promise<Question[]> {
  const rows = await db.selectFrom('survey_questions').select(['id', 'position', 'kind', 'title', 'required', 'config'])
    .where('survey_id', '=', surveyId).orderBy('position').execute();
  return rows.map(questionOf);
}

export async function getSurveyWithQuestions(db: Db, id: number, now: number): Promise<SurveyWithQuestions | undefined> {
  const s = await getSurvey(db, id, now);
  return s ? { ...s, questions: await surveyQuestions(db, id) } : undefined;
}

/** Newest first; `visibleOnly` leaves drafts out (the site's list). */
export async function listSiteSurveys(db: Db, siteId: number, now: number, opts: { visibleOnly?: boolean } = {}): Promise<SurveyView[]> {
  let q = db.selectFrom('surveys').selectAll().where('site_id', '=', siteId);
  if (opts.visibleOnly) q = q.where('status', '!=', 'draft');
  return (await q.orderBy('id', 'desc').execute()).map((r) => toView(r, now));
}

/** Replaces the questions (only while nobody has answered: the caller checked, under the survey's version). */
export async function replaceQuestions(trx: Db, surveyId: number, questions: readonly QuestionDraft[]): Promise<void> {
  await trx.deleteFrom('survey_questions').where('survey_id', '=', surveyId).execute();
  if (questions.length === 0) return;
  await trx.insertInto('survey_questions').values(questions.map((q, i) => ({
    survey_id: surveyId, position: i + 1, kind: q.kind, title: q.title, required: q.required ? 1 : 0, config: configOf(q),
  }))).execute();
}
