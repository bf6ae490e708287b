import type { FieldError } from '../../../platform/http/error-registry.js';
import { AppError, englishMessage, fieldError } from '../../../platform/http/error-registry.js';
import { InteractionErrors } from '../errors.js';
import type { QuestionKind } from './survey.tables.js';
import type { QuestionInput, SurveyInput } from './survey.schemas.js';

/** A question as stored and used: every field present, the ones its kind does not use empty. */
export interface Question {
  readonly id: number;
  readonly position: number;
  readonly kind: QuestionKind;
  readonly title: string;
  readonly required: boolean;
  readonly options: string[];
  readonly minChoices: number;
  readonly maxChoices: number;
  readonly maxLength: number;
  readonly scale: number;
  readonly rows: string[];
  readonly columns: string[];
}
export type QuestionDraft = Omit<Question, 'id' | 'position'>;

export const KIND_LABELS: Readonly<Record<QuestionKind, string>> = { single: '单选题', multiple: '多选题', text: '文本题', rating: '评分题', matrix: '矩阵题' };
const KIND_LABELS_EN: Readonly<Record<QuestionKind, string>> = { single: 'single-choice questions', multiple: 'multiple-choice questions', text: 'text questions', rating: 'rating questions', matrix: 'matrix questions' };
const DEFAULT_TEXT_LENGTH = 500;

/** Which optional fields each kind uses; any other one sent is refused (it would be silently ignored). */
const USES: Readonly<Record<QuestionKind, readonly (keyof QuestionInput)[]>> = {
  single: ['options'], multiple: ['options', 'minChoices', 'maxChoices'], text: ['maxLength'], rating: ['scale'], matrix: ['rows', 'columns'],
};
const OPTIONAL_FIELDS = ['options', 'minChoices', 'maxChoices', 'maxLength', 'scale', 'rows', 'columns'] as const;
const FIELD_NAMES: Readonly<Record<string, string>> = { options: '选项', minChoices: '最少选择数', maxChoices: '最多选择数', maxLength: '最大字数', scale: '评分等级', rows: '矩阵行', columns: '矩阵列' };
const FIELD_NAMES_EN: Readonly<Record<string, string>> = { options: 'Options', minChoices: 'Minimum choices', maxChoices: 'Maximum choices', maxLength: 'Maximum length', scale: 'Rating scale', rows: 'Matrix rows', columns: 'Matrix columns' };

/** A list of labels: long enough, none blank, none repeated. `name` is { zh, en }. */
function labels(list: readonly string[] | undefined, min: number, where: string, name: { zh: string; en: string }, errors: FieldError[]): string[] {
  const out = (list ?? []).map((x) => x.trim());
  if (out.length < min) errors.push(fieldError(where, 'survey.too_few', `${name.zh}至少需要 ${min} 项`, `${name.en} must have at least ${min} item${min === 1 ? '' : 's'}`));
  if (out.some((x) => x === '')) errors.push(fieldError(where, 'survey.blank', `${name.zh}不能为空白`, `${name.en} must not have blank items`));
  if (new Set(out).size !== out.length) errors.push(fieldError(where, 'survey.duplicate', `${name.zh}不能重复`, `${name.en} must not repeat an item`));
  return out;
}

function question(q: QuestionInput, i: number, errors: FieldError[]): QuestionDraft {
  const at = `questions.${i}`;
  const prefix = `第 ${i + 1} 题（${at}）`;
  const prefixEn = `Question ${i + 1} (${at})`;
  const push = (field: string, code: string, zh: string, en: string) => errors.push(fieldError(`${at}.${field}`, code, `${prefix}的${zh}`, `${prefixEn}: ${en}`));
  const title = q.title.trim();
  if (!title) push('title', 'survey.blank', '题目（title）不能为空白', 'Title (title) must not be blank');
  for (const f of OPTIONAL_FIELDS) {
    if (q[f] !== undefined && !USES[q.kind].includes(f)) {
      push(f, 'survey.field_not_allowed', `${FIELD_NAMES[f]}（${f}）不适用于${KIND_LABELS[q.kind]}`, `${FIELD_NAMES_EN[f]} (${f}) does not apply to ${KIND_LABELS_EN[q.kind]}`);
    }
  }
  const local: FieldError[] = [];
  const list = (key: 'options' | 'rows' | 'columns', min: number) => {
    const got = labels(q[key], min, `${at}.${key}`, { zh: `${FIELD_NAMES[key]}（${key}）`, en: `${FIELD_NAMES_EN[key]} (${key})` }, local);
    return got;
  };
  const base = { kind: q.kind, title, required: q.required, options: [] as string[], minChoices: 0, maxChoices: 0, maxLength: 0, scale: 0, rows: [] as string[], columns: [] as string[] };
  let out: QuestionDraft = base;
  switch (q.kind) {
    case 'single': out = { ...base, options: list('options', 2) }; break;
    case 'multiple': {
      const options = list('options', 2);
      const minChoices = q.minChoices ?? 0;
      const maxChoices = q.maxChoices ?? options.length;
      if (maxChoices > options.length) {
        push('maxChoices', 'survey.bad_limit', `最多选择数（maxChoices）不能大于选项数 ${options.length}`, `Maximum choices (maxChoices) must not exceed the number of options, ${options.length}`);
      }
      if (minChoices > maxChoices) push('minChoices', 'survey.bad_limit', '最少选择数（minChoices）不能大于最多选择数（maxChoices）', 'Minimum choices (minChoices) must not exceed maximum choices (maxChoices)');
      out = { ...base, options, minChoices, maxChoices };
      break;
    }
    case 'text': out = { ...base, maxLength: q.maxLength ?? DEFAULT_TEXT_LENGTH }; break;
    case 'rating': out = { ...base, scale: q.scale ?? 5 }; break;
    case 'matrix': out = { ...base, rows: list('rows', 1), columns: list('columns', 2) }; break;
  }
  for (const e of local) errors.push(fieldError(e.field, e.code, `${prefix}的${e.message}`, `${prefixEn}: ${englishMessage(e)}`));
  return out;
}

/**
 * The builder's survey checked beyond its schema: every question's fields fit its kind, lists
 * are complete and unique, limits consistent, the close time after the open time. All problems
 * at once, each naming the question and the field (in Chinese, and in English for English clients).
 */
export function validateDefinition(input: SurveyInput): { title: string; description: string; opensAt: number | null; closesAt: number | null; questions: QuestionDraft[] } {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (!title) errors.push(fieldError('title', 'survey.blank', '调查标题（title）不能为空白', 'The survey title (title) must not be blank'));
  if (input.opensAt !== null && input.closesAt !== null && input.closesAt <= input.opensAt) {
    errors.push(fieldError('closesAt', 'survey.bad_times', '结束时间（closesAt）必须晚于开始时间（opensAt）', 'The closing time (closesAt) must be later than the opening time (opensAt)'));
  }
  const questions = input.questions.map((q, i) => question(q, i, errors));
  const first = errors[0];
  if (first) throw new AppError(InteractionErrors['interaction.survey.bad_definition'], { problem: first.message, problemEn: englishMessage(first) }, errors);
  return { title, description: input.description.trim(), opensAt: input.opensAt, closesAt: input.closesAt, questions };
}

/** The JSON kept in survey_questions.config (what the kind uses). */
export function configOf(q: QuestionDraft): string {
  switch (q.kind) {
    case 'single': return JSON.stringify({ options: q.options });
    case 'multiple': return JSON.stringify({ options: q.options, minChoices: q.minChoices, maxChoices: q.maxChoices });
    case 'text': return JSON.stringify({ maxLength: q.maxLength });
    case 'rating': return JSON.stringify({ scale: q.scale });
    case 'matrix': return JSON.stringify({ rows: q.rows, columns: q.columns });
  }
}

export function questionOf(row: { id: number; position: number; kind: QuestionKind; title: string; required: number; config: string }): Question {
  const c = JSON.parse(row.config) as Partial<Question>;
  return {
    id: Number(row.id), position: row.position, kind: row.kind, title: row.title, required: row.required === 1,
    options: c.options ?? [], minChoices: c.minChoices ?? 0, maxChoices: c.maxChoices ?? 0, maxLength: c.maxLength ?? 0,
    scale: c.scale ?? 0, rows: c.rows ?? [], columns: c.columns ?? [],
  };
}
