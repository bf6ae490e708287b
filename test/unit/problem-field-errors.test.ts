import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AppError, defineErrors, englishMessage, fieldError, formatMessage, localizeFieldErrors, registeredFieldError, type FieldError,
} from '../../src/platform/http/error-registry.js';
import { problemFor } from '../../src/platform/http/problem.js';
import { validateDefinition } from '../../src/modules/interaction/surveys/survey-definition.js';
import { readAnswers } from '../../src/modules/interaction/surveys/survey-answers.js';
import type { Question } from '../../src/modules/interaction/surveys/survey-definition.js';
import { validateFields, type EditionFields } from '../../src/modules/content/metadata/validate-fields.js';
import { checkName, checkSlug, checkTopLevelSlug, checkWorkflow, slugTaken } from '../../src/modules/columns/column-rules.js';
import { parseImportFile } from '../../src/platform/calendar/parse-import-file.js';
import { validateImport } from '../../src/platform/calendar/validate-import.js';
import '../../src/modules/columns/errors.js';
import '../../src/modules/sites/errors.js';
import '../../src/modules/interaction/errors.js';
import '../../src/modules/content/errors.js';

/** Chinese characters (ideographs) and Chinese punctuation, which an English message must not hold. */
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

const Test = defineErrors({
  'test.field_errors.bilingual': { status: 400, zh: '设置有误：{reason}', en: 'Invalid settings: {reasonEn}' },
  'test.field_errors.plain': { status: 409, zh: '名称“{name}”已被使用', en: 'The name "{name}" is taken' },
});

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  assert.fail('expected an AppError');
}

/** The problem an English and a Chinese client get for the refusal. */
function both(err: AppError) {
  return { en: problemFor(err.code, 'en', err.params, err.fieldErrors), zh: problemFor(err.code, 'zh-CN', err.params, err.fieldErrors) };
}

function assertEnglish(err: AppError): void {
  const { en } = both(err);
  assert.ok(en.errors && en.errors.length > 0, 'field errors expected');
  for (const e of en.errors) assert.doesNotMatch(e.message, CJK, `${e.field}: ${e.message}`);
  assert.doesNotMatch(en.detail, CJK, en.detail);
}

describe('problemFor: field errors in the request\'s language', () => {
  const errors: FieldError[] = [
    fieldError('title', 'test.field_errors.bilingual', '标题不能为空', 'Title must not be blank'),
    { field: 'legacy', code: 'test.field_errors.plain', message: '只有中文' },
  ];

  test('English gets messageEn, Chinese gets message; each entry is exactly { field, code, message }', () => {
    const en = problemFor(Test['test.field_errors.bilingual'], 'en', { reason: '原因', reasonEn: 'a reason' }, errors);
    assert.deepEqual(en.errors, [
      { field: 'title', code: 'test.field_errors.bilingual', message: 'Title must not be blank' },
      { field: 'legacy', code: 'test.field_errors.plain', message: '只有中文' },
    ]);
    assert.equal(en.detail, 'Invalid settings: a reason');
    const zh = problemFor(Test['test.field_errors.bilingual'], 'zh-CN', { reason: '原因', reasonEn: 'a reason' }, errors);
    assert.deepEqual(zh.errors, [
      { field: 'title', code: 'test.field_errors.bilingual', message: '标题不能为空' },
      { field: 'legacy', code: 'test.field_errors.plain', message: '只有中文' },
    ]);
    assert.equal(zh.detail, '设置有误：原因');
  });

  test('messageEn never appears in the serialized problem, and the caller\'s errors are left as they were', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const json = JSON.stringify(problemFor(Test['test.field_errors.bilingual'], locale, {}, errors));
      assert.doesNotMatch(json, /messageEn/);
    }
    assert.equal(errors[0]!.messageEn, 'Title must not be blank');
  });

  test('no field errors: no errors property', () => {
    assert.equal('errors' in problemFor(Test['test.field_errors.plain'], 'en', { name: 'x' }), false);
  });

  test('localizeFieldErrors and englishMessage', () => {
    assert.deepEqual(localizeFieldErrors(errors, 'en').map((e) => e.message), ['Title must not be blank', '只有中文']);
    assert.deepEqual(localizeFieldErrors(errors, 'zh-CN').map((e) => e.message), ['标题不能为空', '只有中文']);
    assert.equal(englishMessage(errors[0]!), 'Title must not be blank');
    assert.equal(englishMessage(errors[1]!), '只有中文');
  });
});

describe('the helpers', () => {
  test('fieldError carries both wordings', () => {
    assert.deepEqual(fieldError('slug', 'c', '中文', 'English'), { field: 'slug', code: 'c', message: '中文', messageEn: 'English' });
  });

  test('registeredFieldError words the field error by the code\'s own templates', () => {
    assert.deepEqual(registeredFieldError('name', Test['test.field_errors.plain'], { name: 'news' }), {
      field: 'name', code: 'test.field_errors.plain', message: '名称“news”已被使用', messageEn: 'The name "news" is taken',
    });
    const e = registeredFieldError('x', Test['test.field_errors.bilingual'], { reason: '太长', reasonEn: 'too long' });
    assert.equal(e.message, '设置有误：太长');
    assert.equal(e.messageEn, 'Invalid settings: too long');
    assert.throws(() => registeredFieldError('x', 'test.field_errors.unregistered'), /Unregistered error code/);
  });

  test('formatMessage: {nameEn} takes name when no English was given; unknown and inherited names stay', () => {
    assert.equal(formatMessage('{a} / {aEn}', { a: '甲', aEn: 'A' }), '甲 / A');
    assert.equal(formatMessage('{a} / {aEn}', { a: '甲' }), '甲 / 甲');
    assert.equal(formatMessage('{missing} {missingEn} {constructor} {En}', {}), '{missing} {missingEn} {constructor} {En}');
    assert.equal(formatMessage('{n} items', { n: 3 }), '3 items');
  });
});

describe('module validations speak English to English clients, their Chinese unchanged', () => {
  test('survey definition', () => {
    const err = refusal(() => validateDefinition({
      title: '  ', description: '', opensAt: 2, closesAt: 1,
      questions: [
        { kind: 'single', title: 'Only one', required: true, options: ['yes'] },
        { kind: 'multiple', title: 'Too many', required: false, options: ['a', 'b'], maxChoices: 3 },
        { kind: 'text', title: '', required: false, options: ['a', 'b'] },
        { kind: 'matrix', title: 'Matrix', required: false, rows: ['r'], columns: ['good', 'good'] },
      ],
    }));
    assertEnglish(err);
    const { en, zh } = both(err);
    const byField = (p: typeof en) => Object.fromEntries((p.errors ?? []).map((e) => [e.field, e.message]));
    assert.equal(byField(en).title, 'The survey title (title) must not be blank');
    assert.equal(byField(zh).title, '调查标题（title）不能为空白');
    assert.equal(byField(en)['questions.1.maxChoices'], 'Question 2 (questions.1): Maximum choices (maxChoices) must not exceed the number of options, 2');
    assert.equal(byField(zh)['questions.1.maxChoices'], '第 2 题（questions.1）的最多选择数（maxChoices）不能大于选项数 2');
    assert.equal(byField(en)['questions.0.options'], 'Question 1 (questions.0): Options (options) must have at least 2 items');
    assert.equal(byField(en)['questions.2.options'], 'Question 3 (questions.2): Options (options) does not apply to text questions');
    assert.equal(byField(en)['questions.3.columns'], 'Question 4 (questions.3): Matrix columns (columns) must not repeat an item');
    assert.equal(en.detail, 'The survey is not valid: The survey title (title) must not be blank');
    assert.equal(zh.detail, '调查设置有误：调查标题（title）不能为空白');
  });

  test('survey answers', () => {
    const q: Question = { id: 7, position: 0, kind: 'rating', title: 'Rate', required: true, options: [], minChoices: 0, maxChoices: 0, maxLength: 0, scale: 5, rows: [], columns: [] };
    const bad = refusal(() => readAnswers([q], () => ['9']));
    assertEnglish(bad);
    assert.equal(both(bad).en.errors?.[0]?.message, 'Question 1: The rating must be a whole number from 1 to 5');
    assert.equal(both(bad).zh.errors?.[0]?.message, '第 1 题：评分应为 1 到 5 之间的整数');
    const missing = refusal(() => readAnswers([q], () => []));
    assert.equal(both(missing).en.errors?.[0]?.message, 'Question 1: This question is required; please answer it');
  });

  test('document fields', () => {
    const fields: EditionFields = {
      title: 'Two\nlines', subtitle: '', bodyHtml: '', summary: '', keywords: '', documentNumber: null, topicCategory: null, genre: null,
      validity: 'expired', validityDate: null, issuingOrgName: '', dateWritten: '2026-02-30', source: '', correctionNote: null,
    };
    const errors = validateFields(fields, '2026-11-26');
    const en = localizeFieldErrors(errors, 'en');
    assert.deepEqual(en.map((e) => e.message), [
      'Title must not contain line breaks',
      'The document has expired: give the expiry date',
      'Date written "2026-02-30" is not a real date; write YYYY-MM-DD',
      'Issuing organization must not be blank',
    ]);
    assert.deepEqual(errors.map((e) => e.message), ['标题不能换行', '文件已失效，请填写失效日期', '成文日期“2026-02-30”不是有效日期，应为 YYYY-MM-DD', '发布机构不能为空']);
    const number = validateFields({ ...fields, title: 'T', validity: 'valid', issuingOrgName: 'Org', dateWritten: null, documentNumber: '苏政办发[2017]96号' }, '2026-11-26');
    assert.match(englishMessage(number[0]!), /^The year in a document number goes in hexagonal brackets 〔〕, not square brackets \[ \]/);
  });

  test('columns', () => {
    assertEnglish(slugTaken('news'));
    assert.equal(both(slugTaken('news')).en.errors?.[0]?.message, 'A sibling column already uses the slug "news"');
    assert.equal(both(slugTaken('news')).zh.errors?.[0]?.message, '同级栏目中已有英文标识“news”');
    assertEnglish(refusal(() => checkSlug('Bad Slug')));
    assertEnglish(refusal(() => checkName('  ')));
    const reserved = refusal(() => checkTopLevelSlug('art', null));
    assertEnglish(reserved);
    assert.match(both(reserved).en.detail, /\(art, files, json, assets, sitemaps\)/);
    const workflow = refusal(() => checkWorkflow([{ name: 'a', role: 'reviewer' }, { name: 'a', role: 'reviewer' }]));
    assertEnglish(workflow);
    assert.equal(both(workflow).en.detail, 'Invalid review chain (workflow): step names must not repeat');
    assert.equal(both(workflow).zh.detail, '审核流程（workflow）不正确：步骤名称不能重复');
  });

  test('calendar import', () => {
    const csv = refusal(() => parseImportFile('date,kind,name\n2027-01-01,holiday\n"2027-01-02,x,y\n'));
    assertEnglish(csv);
    assert.deepEqual(both(csv).en.errors?.map((e) => e.message), ['Line 2: expected 3 columns (date,kind,name), found 2', 'Line 3: a quotation mark is not closed']);
    assert.match(String(csv.params.reason), /^第 2 行：应有 3 列/);
    assertEnglish(refusal(() => parseImportFile('{"year": "x", "days": [1], "extra": 1}')));
    const empty = refusal(() => parseImportFile('  '));
    assert.equal(both(empty).en.detail, 'The holiday data file cannot be read: the file is empty');
    const invalid = refusal(() => validateImport({
      year: 2027, source: 'test',
      days: [
        { date: '2027-01-02', kind: 'holiday', name: 'New Year', line: 2 },
        { date: '2027-01-04', kind: 'holiday', name: 'x', line: 3 },
        { date: '2027-01-04', kind: 'holiday', name: 'y', line: 4 },
      ],
    }));
    assertEnglish(invalid);
    const en = both(invalid).en.errors?.map((e) => e.message);
    assert.equal(en?.[0], 'Line 2: 2027-01-02 is a Saturday, a rest day anyway; do not register it as a holiday (only Monday–Friday holidays are registered)');
    assert.equal(en?.[1], 'Line 4: date 2027-01-04 is repeated (already given at line 3)');
    assert.match(both(invalid).zh.errors?.[0]?.message ?? '', /^第 2 行：2027-01-02 是星期六，本来就休息/);
  });
});
