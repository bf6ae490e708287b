import type { Db } from '../../../db/index.js';
import { formatShanghai } from '../../../platform/i18n/format-time.js';
import type { AnswerValue } from './survey-answers.js';
import type { Question } from './survey-definition.js';
import type { SurveyWithQuestions } from './surveys.repo.js';

export interface QuestionResult {
  readonly questionId: number;
  readonly kind: string;
  readonly title: string;
  /** Responses that answered this question. */
  readonly answered: number;
  /** Per option (single, multiple) or per score (rating); empty for text and matrix. */
  readonly counts: { label: string; count: number }[];
  readonly average: number | null;
  /** Per matrix row: the count of each column. */
  readonly matrix: { row: string; counts: number[] }[];
  readonly columns: string[];
}

async function answersOf(db: Db, surveyId: number): Promise<{ questionId: number; value: AnswerValue }[]> {
  const rows = await db.selectFrom('survey_answers').select(['question_id', 'value']).where('survey_id', '=', surveyId).execute();
  return rows.map((r) => ({ questionId: Number(r.question_id), value: JSON.parse(r.value) as AnswerValue }));
}

function tally(q: Question, values: readonly AnswerValue[]): QuestionResult {
  const base = { questionId: q.id, kind: q.kind, title: q.title, answered: values.length, counts: [] as { label: string; count: number }[], average: null as number | null, matrix: [] as { row: string; counts: number[] }[], columns: [] as string[] };
  switch (q.kind) {
    case 'single':
    case 'multiple': {
      const counts = q.options.map(() => 0);
      for (const v of values) for (const i of (Array.isArray(v) ? v : [v]) as number[]) counts[i] = (counts[i] ?? 0) + 1;
      return { ...base, counts: q.options.map((label, i) => ({ label, count: counts[i] ?? 0 })) };
    }
    case 'rating': {
      const counts = Array.from({ length: q.scale }, () => 0);
      let sum = 0;
      for (const v of values) { counts[(v as number) - 1]! += 1; sum += v as number; }
      const average = values.length === 0 ? null : Math.round((sum / values.length) * 100) / 100;
      return { ...base, counts: counts.map((count, i) => ({ label: `${i + 1} 分`, count })), average };
    }
    case 'matrix': {
      const grid = q.rows.map(() => q.columns.map(() => 0));
      for (const v of values) (v as (number | null)[]).forEach((c, r) => { if (c !== null && grid[r]) grid[r]![c] = (grid[r]![c] ?? 0) + 1; });
      return { ...base, matrix: q.rows.map((row, r) => ({ row, counts: grid[r]! })), columns: [...q.columns] };
    }
    case 'text': return base;
  }
}

/** Counts per question, from every stored answer. */
export async function surveyResults(db: Db, survey: SurveyWithQuestions): Promise<{ responses: number; questions: QuestionResult[] }> {
  const byQuestion = new Map<number, AnswerValue[]>();
  for (const a of await answersOf(db, survey.id)) byQuestion.set(a.questionId, [...(byQuestion.get(a.questionId) ?? []), a.value]);
  const responses = await db.selectFrom('survey_responses').select((eb) => eb.fn.countAll<number | string>().as('n')).where('survey_id', '=', survey.id).executeTakeFirstOrThrow();
  return { responses: Number(responses.n), questions: survey.questions.map((q) => tally(q, byQuestion.get(q.id) ?? [])) };
}

/** The answers to a text question, newest first, a page at a time (the console only: free text is never published). */
export async function textAnswers(db: Db, surveyId: number, questionId: number, page: number, pageSize: number): Promise<{ total: number; items: { text: string; submittedAt: number }[] }> {
  const base = db.selectFrom('survey_answers as a').innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .where('a.survey_id', '=', surveyId).where('a.question_id', '=', questionId);
  const total = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.select(['a.value', 'r.submitted_at']).orderBy('r.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { total: Number(total.n), items: rows.map((r) => ({ text: JSON.parse(r.value) as string, submittedAt: Number(r.submitted_at) })) };
}

/**
 * A spreadsheet cell: quoted always (commas, quotes, line breaks), and a leading = + - @ (or a
 * tab or carriage return) neutralised with an apostrophe so Excel or WPS never runs it as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function cellsOf(q: Question, v: AnswerValue | undefined): string[] {
  if (q.kind === 'matrix') return q.rows.map((_, r) => { const c = (v as (number | null)[] | undefined)?.[r]; return c === null || c === undefined ? '' : q.columns[c] ?? ''; });
  if (v === undefined) return [''];
  switch (q.kind) {
    case 'single': return [q.options[v as number] ?? ''];
    case 'multiple': return [(v as number[]).map((i) => q.options[i] ?? '').join('；')];
    case 'rating': return [String(v)];
    case 'text': return [v as string];
  }
}

/**
 * Every response as a row (oldest first), one column per question and per matrix row, in
 * UTF-8 with a byte-order mark (Excel then reads the Chinese correctly) and CRLF line ends.
 */
export async function surveyCsv(db: Db, survey: SurveyWithQuestions): Promise<string> {
  const header = ['序号', '提交时间', ...survey.questions.flatMap((q, i) => (q.kind === 'matrix' ? q.rows.map((row) => `${i + 1}. ${q.title} - ${row}`) : [`${i + 1}. ${q.title}`]))];
  const responses = await db.selectFrom('survey_responses').select(['id', 'submitted_at']).where('survey_id', '=', survey.id).orderBy('id').execute();
  const answers = await db.selectFrom('survey_answers').select(['response_id', 'question_id', 'value']).where('survey_id', '=', survey.id).execute();
  const byResponse = new Map<number, Map<number, AnswerValue>>();
  for (const a of answers) {
    const m = byResponse.get(Number(a.response_id)) ?? new Map<number, AnswerValue>();
    m.set(Number(a.question_id), JSON.parse(a.value) as AnswerValue);
    byResponse.set(Number(a.response_id), m);
  }
  const lines = [header, ...responses.map((r, n) => {
    const m = byResponse.get(Number(r.id));
    return [String(n + 1), formatShanghai(Number(r.submitted_at), true), ...survey.questions.flatMap((q) => cellsOf(q, m?.get(q.id)))];
  })];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
