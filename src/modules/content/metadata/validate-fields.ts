import { fieldError, type FieldError } from '../../../platform/http/error-registry.js';
import { SHOWN_TEXT_FAULTS, shownTextFault, type ShownTextFault } from '../../../platform/http/text-guard.js';
import { documentNumberIssue, documentNumberYear } from './document-number.js';
import { topicCategoryIssue } from './topic-categories.js';
import { genreIssue } from './genres.js';

export type Validity = 'valid' | 'expired' | 'repealed';

/** Everything an editor sets on an edition (camelCase, as the API speaks). */
export interface EditionFields {
  readonly title: string;
  readonly subtitle: string;
  readonly bodyHtml: string;
  readonly summary: string;
  readonly keywords: string;
  readonly documentNumber: string | null;
  readonly topicCategory: string | null;
  readonly genre: string | null;
  readonly validity: Validity;
  readonly validityDate: string | null;
  readonly issuingOrgName: string;
  readonly dateWritten: string | null;
  readonly source: string;
  readonly correctionNote: string | null;
}

export type EditionFieldsPatch = { readonly [K in keyof EditionFields]?: EditionFields[K] | undefined };

// The body's limit is checked on what was sent, before it is sanitized (prepareFields).
const LIMITS: Readonly<Partial<Record<keyof EditionFields, number>>> = {
  title: 500, subtitle: 500, summary: 2000, keywords: 500, documentNumber: 100, topicCategory: 100, genre: 32,
  issuingOrgName: 200, source: 200, correctionNote: 1000,
};

/**
 * Plain-text fields that reach the public page, its metadata table and the search API as they
 * are: held to the rule of a visitor's text (shownTextFault). The first ones are shown on one line.
 */
const SINGLE_LINE_TEXT: readonly (keyof EditionFields)[] = ['title', 'subtitle', 'keywords', 'documentNumber', 'issuingOrgName', 'source'];
const MULTI_LINE_TEXT: readonly (keyof EditionFields)[] = ['summary', 'correctionNote'];
const FAULT_CODES: Readonly<Record<ShownTextFault, string>> = { characters: 'characters', line_break: 'format', blank: 'blank' };

const LABELS: Readonly<Record<keyof EditionFields, string>> = {
  title: '标题', subtitle: '副标题', bodyHtml: '正文', summary: '内容概述', keywords: '主题词', documentNumber: '文号',
  topicCategory: '主题分类', genre: '体裁', validity: '有效性', validityDate: '失效/废止日期', issuingOrgName: '发布机构',
  dateWritten: '成文日期', source: '来源', correctionNote: '更正说明',
};

/** The same names in English, for the messages an English client reads. */
const LABELS_EN: Readonly<Record<keyof EditionFields, string>> = {
  title: 'Title', subtitle: 'Subtitle', bodyHtml: 'Body', summary: 'Summary', keywords: 'Keywords', documentNumber: 'Document number',
  topicCategory: 'Topic category', genre: 'Genre', validity: 'Validity', validityDate: 'Expiry/repeal date', issuingOrgName: 'Issuing organization',
  dateWritten: 'Date written', source: 'Source', correctionNote: 'Correction note',
};

export function fieldLabel(field: keyof EditionFields): string {
  return LABELS[field];
}

const NULLABLE = new Set<keyof EditionFields>(['documentNumber', 'topicCategory', 'genre', 'validityDate', 'dateWritten', 'correctionNote']);

/** Applies a patch: strings trimmed (except the body), empty optional values become null. */
export function mergeFields(base: EditionFields, patch: EditionFieldsPatch): EditionFields {
  const out: Record<string, unknown> = { ...base };
  for (const [key, raw] of Object.entries(patch) as [keyof EditionFields, unknown][]) {
    if (raw === undefined) continue;
    let v = raw;
    if (typeof v === 'string' && key !== 'bodyHtml') v = v.trim();
    if (NULLABLE.has(key) && (v === '' || v === null)) v = null;
    out[key] = v;
  }
  return out as unknown as EditionFields;
}

/** A real calendar date written YYYY-MM-DD. */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Every rule of the disclosure metadata (NORMS: Content). Returns all problems at once, each
 * naming its field with a Chinese message (and its English one), so the form can mark every
 * wrong field in one go.
 * `today` is the current date in Asia/Shanghai (YYYY-MM-DD).
 */
export function validateFields(f: EditionFields, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: keyof EditionFields, code: string, zh: string, en: string) => errors.push(fieldError(field, `content.field.${code}`, zh, en));

  if (f.title === '') add('title', 'required', '标题不能为空', 'Title must not be blank');
  const faulty = new Set<keyof EditionFields>();
  for (const field of [...SINGLE_LINE_TEXT, ...MULTI_LINE_TEXT]) {
    const v = f[field];
    const fault = typeof v === 'string' ? shownTextFault(v, { singleLine: SINGLE_LINE_TEXT.includes(field) }) : null;
    if (fault === null) continue;
    faulty.add(field);
    add(field, FAULT_CODES[fault], `${LABELS[field]}${SHOWN_TEXT_FAULTS[fault].zh}`, `${LABELS_EN[field]} ${SHOWN_TEXT_FAULTS[fault].en}`);
  }
  for (const [field, max] of Object.entries(LIMITS) as [keyof EditionFields, number][]) {
    const v = f[field];
    if (typeof v === 'string' && v.length > max) add(field, 'too_long', `${LABELS[field]}最多 ${max} 个字符（现有 ${v.length} 个）`, `${LABELS_EN[field]} must be at most ${max} characters (it has ${v.length})`);
  }
  if (f.documentNumber !== null && !faulty.has('documentNumber')) {
    const problem = documentNumberIssue(f.documentNumber);
    if (problem) add('documentNumber', 'format', problem.zh, problem.en);
    const year = documentNumberYear(f.documentNumber);
    if (!problem && year !== null && (year < 1949 || year > Number(today.slice(0, 4)))) {
      add('documentNumber', 'year', `文号的年份“${year}”不合理（应在 1949 年至今年之间）`, `The year ${year} of the document number is implausible (it must lie between 1949 and this year)`);
    }
  }
  if (f.topicCategory !== null) {
    const problem = topicCategoryIssue(f.topicCategory);
    if (problem) add('topicCategory', 'unknown', problem.zh, problem.en);
  }
  if (f.genre !== null) {
    const problem = genreIssue(f.genre);
    if (problem) add('genre', 'unknown', problem.zh, problem.en);
  }
  if (!['valid', 'expired', 'repealed'].includes(f.validity)) add('validity', 'unknown', '有效性只能是“有效”“失效”或“废止”', 'Validity must be "valid", "expired" or "repealed"');
  if (f.validity === 'valid' && f.validityDate !== null) add('validityDate', 'not_allowed', '有效的文件不填写失效/废止日期', 'A valid document has no expiry/repeal date');
  if (f.validity !== 'valid' && f.validityDate === null) {
    const expired = f.validity === 'expired';
    add('validityDate', 'required', `文件已${expired ? '失效' : '废止'}，请填写${expired ? '失效' : '废止'}日期`, expired ? 'The document has expired: give the expiry date' : 'The document has been repealed: give the repeal date');
  }
  if (f.validityDate !== null && !isRealDate(f.validityDate)) {
    add('validityDate', 'format', `失效/废止日期“${f.validityDate}”不是有效日期，应为 YYYY-MM-DD`, `Expiry/repeal date "${f.validityDate}" is not a real date; write YYYY-MM-DD`);
  }
  if (f.dateWritten !== null) {
    if (!isRealDate(f.dateWritten)) add('dateWritten', 'format', `成文日期“${f.dateWritten}”不是有效日期，应为 YYYY-MM-DD`, `Date written "${f.dateWritten}" is not a real date; write YYYY-MM-DD`);
    else if (f.dateWritten > today) add('dateWritten', 'future', `成文日期“${f.dateWritten}”不能晚于今天（${today}）`, `Date written "${f.dateWritten}" must not be later than today (${today})`);
  }
  if (f.validityDate !== null && f.dateWritten !== null && isRealDate(f.validityDate) && isRealDate(f.dateWritten) && f.validityDate < f.dateWritten) {
    add('validityDate', 'before_written', `失效/废止日期“${f.validityDate}”不能早于成文日期“${f.dateWritten}”`, `Expiry/repeal date "${f.validityDate}" must not be earlier than the date written "${f.dateWritten}"`);
  }
  if (f.issuingOrgName === '') add('issuingOrgName', 'required', '发布机构不能为空', 'Issuing organization must not be blank');
  return errors;
}
