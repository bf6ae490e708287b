/**
 * Responses to a survey written in bulk, for generating a province's history (`jiyue generate`):
 * plausible answers to each question (options, several options within the limits, a rating, a
 * whole matrix, now and then a short text), one device per response, spread over the survey's
 * open period; then the survey's count, status and times are set as if it had run then.
 */
import type { Db, DialectOps } from '../../../db/index.js';
import type { BulkValue } from '../../../db/dialect/index.js';
import type { AnswerValue } from './survey-answers.js';
import type { Question } from './survey-definition.js';
import type { SurveyWithQuestions } from './surveys.repo.js';

export interface GeneratedResponses {
  readonly survey: SurveyWithQuestions;
  readonly count: number;
  readonly opensAt: number;
  readonly closesAt: number;
  /** Closed (results published) when the period is over, open otherwise. */
  readonly now: number;
  /** A float in [0, 1): the caller's seeded generator. */
  readonly random: () => number;
  /** What free-text answers say. */
  readonly texts: readonly string[];
}

function answerOf(q: Question, random: () => number, texts: readonly string[]): AnswerValue | undefined {
  const pick = (n: number) => Math.floor(random() * n);
  if (!q.required && random() < 0.15) return undefined;
  switch (q.kind) {
    case 'single': return pick(q.options.length);
    case 'multiple': {
      const want = Math.max(q.minChoices, 1) + pick(Math.max(1, Math.min(q.maxChoices, q.options.length) - Math.max(q.minChoices, 1) + 1));
      const set = new Set<number>();
      while (set.size < Math.min(want, q.options.length)) set.add(pick(q.options.length));
      return [...set].sort((a, b) => a - b);
    }
    case 'text': return texts.length === 0 || random() < 0.6 ? undefined : (texts[pick(texts.length)] ?? '').slice(0, q.maxLength);
    // Ratings lean to the upper half, as real satisfaction surveys do.
    case 'rating': return Math.min(q.scale, 1 + Math.floor(Math.sqrt(random()) * q.scale));
    case 'matrix': return q.rows.map(() => pick(q.columns.length));
  }
}

export async function writeGeneratedResponses(trx: Db, ops: DialectOps, g: GeneratedResponses): Promise<void> {
  const max = await trx.selectFrom('survey_responses').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  let id = Number(max?.m ?? 0) + 1;
  const responses: BulkValue[][] = [];
  const answers: BulkValue[][] = [];
  const span = Math.max(1, Math.min(g.closesAt, g.now) - g.opensAt);
  for (let i = 0; i < g.count; i++, id++) {
    const device = Array.from({ length: 4 }, () => Math.floor(g.random() * 2 ** 32).toString(16).padStart(8, '0')).join('');
    responses.push([id, g.survey.id, `${device}${device}`, Math.floor(g.opensAt + ((i + g.random()) / g.count) * span)]);
    for (const q of g.survey.questions) {
      const v = answerOf(q, g.random, g.texts);
      if (v !== undefined) answers.push([id, g.survey.id, q.id, JSON.stringify(v)]);
    }
  }
  await ops.insertMany(trx, { table: 'survey_responses', columns: [['id', 'bigint'], ['survey_id', 'bigint'], ['device_hash', 'text'], ['submitted_at', 'bigint']], rows: responses });
  await ops.insertMany(trx, { table: 'survey_answers', columns: [['response_id', 'bigint'], ['survey_id', 'bigint'], ['question_id', 'bigint'], ['value', 'text']], rows: answers });
  await ops.afterExplicitIds(trx, 'survey_responses');
  const over = g.closesAt <= g.now;
  await trx.updateTable('surveys').set({
    status: over ? 'closed' : 'open', opens_at: g.opensAt, closes_at: g.closesAt, results_public: over ? 1 : 0, response_count: g.count,
    created_at: g.opensAt - 86_400_000, updated_at: Math.min(g.closesAt, g.now),
  }).where('id', '=', g.survey.id).execute();
}
