import type { TestContext } from './platform.js';
import type { QuestionInput, SurveyInput } from '../../src/modules/interaction/index.js';

/** One question of every kind: what the builder tests and the pages use. */
export const EVERY_KIND: QuestionInput[] = [
  { kind: 'single', title: '您对办事大厅的总体印象', required: true, options: ['很好', '一般', '较差'] },
  { kind: 'multiple', title: '您常用的办事渠道', required: false, options: ['网站', '手机', '窗口', '电话'], minChoices: 1, maxChoices: 2 },
  { kind: 'text', title: '您的建议', required: false, maxLength: 50 },
  { kind: 'rating', title: '服务满意度', required: true, scale: 5 },
  { kind: 'matrix', title: '各项服务评价', required: false, rows: ['办理速度', '服务态度'], columns: ['满意', '一般', '不满意'] },
];

export function surveyBody(extra: Partial<SurveyInput> = {}): SurveyInput {
  return { title: '政务服务满意度调查', description: '请根据您的真实感受作答。', opensAt: null, closesAt: null, questions: EVERY_KIND, ...extra };
}

let counter = 0;

/**
 * An open survey on a site, written straight to the tables (the builder's own route is tested
 * elsewhere): a single-choice question, so a response needs one field.
 */
export async function seedOpenSurvey(ctx: TestContext, siteId = 1): Promise<{ id: number; questionId: number }> {
  const db = ctx.platform.db;
  const now = ctx.platform.clock.now();
  const { id } = await db.insertInto('surveys').values({
    site_id: siteId, title: `矩阵调查${counter++}`, description: '', status: 'open', opens_at: null, closes_at: null, results_public: 0, created_by: null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const q = await db.insertInto('survey_questions').values({ survey_id: Number(id), position: 1, kind: 'single', title: '是否满意', required: 1, config: JSON.stringify({ options: ['是', '否'] }) })
    .returning('id').executeTakeFirstOrThrow();
  return { id: Number(id), questionId: Number(q.id) };
}

/** An ordinary form body (checkboxes repeat their name). */
export function formBody(fields: readonly (readonly [string, string])[]): { payload: string; headers: Record<string, string> } {
  return { payload: new URLSearchParams(fields.map(([k, v]): [string, string] => [k, v])).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
