import type { FieldError } from '../../../platform/http/error-registry.js';
import { AppError, fieldError } from '../../../platform/http/error-registry.js';
import { InteractionErrors } from '../errors.js';
import type { Question } from './survey-definition.js';

/** single: option index; multiple: indexes; text; rating: score; matrix: one column index (or null) per row. */
export type AnswerValue = number | number[] | string | (number | null)[];

/** The form's field name of a question, and of a matrix row. */
export const fieldName = (q: Pick<Question, 'id'>): string => `q${q.id}`;
export const rowFieldName = (q: Pick<Question, 'id'>, row: number): string => `q${q.id}_${row}`;

/** Values of a form field (checkboxes repeat their name). */
export type FormValues = (name: string) => readonly string[];

const INDEX = /^(0|[1-9]\d{0,3})$/;

const options = (n: number): string => `${n} option${n === 1 ? '' : 's'}`;

function index(raw: string, size: number): number | null {
  if (!INDEX.test(raw)) return null;
  const n = Number(raw);
  return n < size ? n : null;
}

/** Reports a problem with the answer, in Chinese and English. */
type Fail = (zh: string, en: string) => void;

const NO_SUCH_OPTION: [string, string] = ['所选选项不存在，请重新选择', 'The chosen option does not exist; choose again'];

function one(q: Question, values: FormValues, fail: Fail): AnswerValue | undefined {
  const raw = values(fieldName(q)).filter((v) => v !== '');
  switch (q.kind) {
    case 'single': {
      if (raw.length === 0) return undefined;
      const n = raw.length === 1 ? index(raw[0]!, q.options.length) : null;
      if (n === null) return fail(...NO_SUCH_OPTION), undefined;
      return n;
    }
    case 'multiple': {
      if (raw.length === 0 && q.minChoices === 0) return undefined;
      const picked = raw.map((r) => index(r, q.options.length));
      if (picked.some((n) => n === null)) return fail(...NO_SUCH_OPTION), undefined;
      const set = [...new Set(picked as number[])].sort((a, b) => a - b);
      if (set.length !== picked.length) return fail('同一选项只能选择一次', 'Each option can be chosen only once'), undefined;
      if (set.length === 0) return undefined;
      if (set.length > q.maxChoices) return fail(`最多选择 ${q.maxChoices} 项`, `Choose at most ${options(q.maxChoices)}`), undefined;
      if (set.length < q.minChoices) return fail(`至少选择 ${q.minChoices} 项`, `Choose at least ${options(q.minChoices)}`), undefined;
      return set;
    }
    case 'text': {
      if (raw.length > 1) return fail('只能填写一个回答', 'Give only one answer'), undefined;
      const text = (raw[0] ?? '').replace(/\r\n?/g, '\n').trim();
      if (text === '') return undefined;
      if ([...text].length > q.maxLength) return fail(`不能超过 ${q.maxLength} 字`, `The answer must not exceed ${q.maxLength} characters`), undefined;
      return text;
    }
    case 'rating': {
      if (raw.length === 0) return undefined;
      const n = raw.length === 1 && INDEX.test(raw[0]!) ? Number(raw[0]) : 0;
      if (n < 1 || n > q.scale) return fail(`评分应为 1 到 ${q.scale} 之间的整数`, `The rating must be a whole number from 1 to ${q.scale}`), undefined;
      return n;
    }
    case 'matrix': {
      const cells = q.rows.map((_, r) => {
        const v = values(rowFieldName(q, r)).filter((x) => x !== '');
        if (v.length === 0) return null;
        return v.length === 1 ? index(v[0]!, q.columns.length) ?? -1 : -1;
      });
      if (cells.some((c) => c === -1)) return fail(...NO_SUCH_OPTION), undefined;
      const answered = cells.filter((c) => c !== null).length;
      if (answered === 0) return undefined;
      // Once begun, a matrix is answered row by row: a missing row is asked for even when the question is optional.
      const missing = cells.findIndex((c) => c === null);
      if (missing >= 0) return fail(`第 ${missing + 1} 行“${q.rows[missing]!}”未作答`, `Row ${missing + 1} "${q.rows[missing]!}" is not answered`), undefined;
      return cells;
    }
  }
}

/**
 * The visitor's answers checked against the questions: only the survey's options, choice limits,
 * text length, scores in range, every matrix row, every required question. All problems at once,
 * each under its question's field name (the form shows them next to the question).
 */
export function readAnswers(questions: readonly Question[], values: FormValues): Map<number, AnswerValue> {
  const errors: FieldError[] = [];
  const answers = new Map<number, AnswerValue>();
  questions.forEach((q, i) => {
    const fail: Fail = (zh, en) => { errors.push(fieldError(fieldName(q), 'survey.bad_answer', `第 ${i + 1} 题：${zh}`, `Question ${i + 1}: ${en}`)); };
    const before = errors.length;
    const v = one(q, values, fail);
    if (v !== undefined) answers.set(q.id, v);
    else if (q.required && errors.length === before) fail('此题为必答题，请作答', 'This question is required; please answer it');
  });
  if (errors.length > 0) throw new AppError(InteractionErrors['interaction.survey.bad_answers'], { count: errors.length }, errors);
  return answers;
}
