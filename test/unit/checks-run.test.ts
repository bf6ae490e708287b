import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  hasBlocking, htmlToPlainText, REQUIRED_METADATA_BY_COLUMN_KIND, RULE_CATALOG, RULE_IDS, runChecks, STARTER_DICTIONARY, type CheckContext, type CheckInput, type CheckResult,
} from '../../src/modules/checks/index.js';
import { COLUMN_KIND_NAMES as CHECK_COLUMN_KINDS, requiredMetadataFor } from '../../src/modules/checks/metadata-fields.js';
import { capFindings, MAX_FINDINGS_PER_RULE_AND_FIELD } from '../../src/modules/checks/result-cap.js';
import { COLUMN_KINDS } from '../../src/modules/columns/index.js';
import { typicalDocument } from '../../bench/checks.bench.js';

const ctx: CheckContext = { dictionary: STARTER_DICTIONARY.map((e, i) => ({ ...e, id: i + 1 })), severities: {} };

describe('runChecks', () => {
  it('names each missing required field in Chinese and English, and ignores filled ones', () => {
    const input: CheckInput = {
      title: '通知', bodyHtml: '<p>正文</p>',
      metadata: { documentNumber: '苏政办发〔2017〕96号', dateWritten: '  ', topicCategory: null, keywords: [], genre: '通知' },
      requiredFields: ['documentNumber', 'dateWritten', 'topicCategory', 'keywords', 'genre', 'index_number'],
    };
    const r = runChecks(input, ctx);
    assert.deepEqual(r.map((x) => [x.rule, x.field, x.severity, x.message]), [
      ['missing_metadata', 'metadata.dateWritten', 'block', '缺少必填元数据：成文日期'],
      ['missing_metadata', 'metadata.topicCategory', 'block', '缺少必填元数据：主题分类'],
      ['missing_metadata', 'metadata.keywords', 'block', '缺少必填元数据：主题词'],
      ['missing_metadata', 'metadata.index_number', 'block', '缺少必填元数据：索引号'],
    ]);
    assert.equal(r[0]?.messageEn, 'Required metadata is missing: date written');
    assert.ok(hasBlocking(r));
    assert.equal(hasBlocking(r.map((x) => ({ ...x, severity: 'warn' as const }))), false);
  });

  it('is not fooled by invisible characters, spacing inside a word or traditional characters, and points at the text as written', () => {
    const found = (bodyText: string) => runChecks({ title: '', bodyHtml: `<p>${bodyText}</p>`, metadata: {}, requiredFields: [] }, ctx)
      .filter((r) => r.rule === 'secrecy_marking' || r.rule === 'banned_expression' || r.rule === 'mobile_number')
      .map((r) => [r.rule, r.severity, bodyText.slice(r.start, r.end)]);
    assert.deepEqual(found('见机\u200b密★10年文件'), [['secrecy_marking', 'block', '机\u200b密★10年']]);
    assert.deepEqual(found('机\u00ad密★10年'), [['secrecy_marking', 'block', '机\u00ad密★10年']]);
    assert.deepEqual(found('机\u2060密★10年'), [['secrecy_marking', 'block', '机\u2060密★10年']]);
    assert.deepEqual(found('机 密★10年'), [['secrecy_marking', 'block', '机 密★10年']]);
    assert.deepEqual(found('機密★10年'), [['secrecy_marking', 'block', '機密★10年']]);
    assert.deepEqual(found('机\u{E0020}密★10年'), [['secrecy_marking', 'block', '机\u{E0020}密★10年']], 'a tag character (outside the BMP)');
    assert.deepEqual(found('內部資料，不得外傳'), [['secrecy_marking', 'block', '內部資料'], ['secrecy_marking', 'block', '不得外傳']]);
    assert.deepEqual(found('电话1380\u200b0138000'), [['mobile_number', 'block', '1380\u200b0138000']]);
    const banned = STARTER_DICTIONARY.find((e) => e.category === 'banned' && [...e.phrase].length === 2)!;
    const [a0, a1] = [...banned.phrase];
    assert.equal(found(`${a0}\u200b${a1}`).length, 1, `${banned.phrase} with a zero-width space`);
    // Spacing between Han characters and words goes only inside the copy the rules read.
    assert.deepEqual(found('请将 材料 报送 至 办公室'), []);
  });

  it('knows the required fields of each column kind', () => {
    assert.deepEqual(REQUIRED_METADATA_BY_COLUMN_KIND.policy, ['indexNumber', 'issuingOrgName', 'dateWritten', 'documentNumber', 'topicCategory', 'genre']);
  });

  it('checks the title, the body, attachments and string metadata, in that order, by position', () => {
    const input: CheckInput = {
      title: '关于国家质检总局文件的说明',
      bodyHtml: '<p>手机13800138000</p><p>秘密★1年</p>',
      attachmentsText: [{ name: '附件.pdf', text: '其它说明' }],
      metadata: { summary: '内部资料', count: 3 },
      requiredFields: [],
    };
    const r = runChecks(input, ctx);
    assert.deepEqual(r.map((x) => `${x.field}|${x.rule}|${x.start}`), [
      'title|banned_expression|2',
      'body|mobile_number|2',
      'body|secrecy_marking|14',
      'attachment:附件.pdf|banned_expression|0',
      'metadata.summary|secrecy_marking|0',
    ]);
    const body = htmlToPlainText(input.bodyHtml);
    assert.equal(body.slice(r[2]!.start, r[2]!.end), '秘密★1年');
  });

  it('gives excerpts of about ten characters either side', () => {
    const text = '一二三四五六七八九十甲乙丙丁戊己庚辛壬癸其它子丑寅卯辰巳午未申酉戌亥天干地支';
    const [r] = runChecks({ title: text, bodyHtml: '', metadata: {}, requiredFields: [] }, ctx);
    assert.equal(r?.excerpt, '…甲乙丙丁戊己庚辛壬癸其它子丑寅卯辰巳午未申酉…');
  });

  it('silences a rule set to off and falls back to defaults for rules not given', () => {
    const input: CheckInput = { title: '', bodyHtml: '<p>13800138000，秘密★</p>', metadata: {}, requiredFields: [] };
    assert.deepEqual(runChecks(input, { ...ctx, severities: { mobile_number: 'off' } }).map((r) => r.rule), ['secrecy_marking']);
    assert.deepEqual(runChecks(input, { ...ctx, severities: { mobile_number: 'warn', secrecy_marking: 'off' } }).map((r) => [r.rule, r.severity]), [['mobile_number', 'warn']]);
  });

  it('has a catalogue entry with a default for every rule', () => {
    assert.deepEqual(RULE_CATALOG.map((r) => r.rule).sort(), [...RULE_IDS].sort());
  });

  it('is pure: the same input gives the same results, and the input is not changed', () => {
    const input = typicalDocument();
    const copy = structuredClone(input);
    const a = runChecks(input, ctx);
    const b = runChecks(input, ctx);
    assert.deepEqual(a, b);
    assert.deepEqual(input, copy);
  });

  it('finds nothing in a typical, clean policy notice of 3,000 characters, in well under a millisecond on average', () => {
    const input = typicalDocument();
    assert.ok(htmlToPlainText(input.bodyHtml).length >= 3000);
    assert.deepEqual(runChecks(input, ctx), []);
    for (let i = 0; i < 50; i++) runChecks(input, ctx);
    const n = 200;
    const start = performance.now();
    for (let i = 0; i < n; i++) runChecks(input, ctx);
    const each = (performance.now() - start) / n;
    // The bench measures the real figure (about 0.06 ms); this bound only catches a regression by an order of magnitude.
    assert.ok(each < 2, `${each.toFixed(3)} ms per check`);
  });
});

describe('column kinds and required metadata', () => {
  it('knows exactly the columns module\'s kinds', () => {
    assert.deepEqual([...CHECK_COLUMN_KINDS].sort(), COLUMN_KINDS.map((k) => k.kind).sort());
    assert.deepEqual(Object.keys(REQUIRED_METADATA_BY_COLUMN_KIND).sort(), [...CHECK_COLUMN_KINDS].sort());
  });

  it('finds nothing for names Object.prototype has, nor for unknown kinds', () => {
    for (const kind of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nosuchkind']) {
      assert.deepEqual(requiredMetadataFor(kind), [], kind);
      assert.equal(REQUIRED_METADATA_BY_COLUMN_KIND[kind], undefined, kind);
    }
    assert.deepEqual(requiredMetadataFor('interpretation'), ['issuingOrgName', 'interpretsId']);
  });

  it('names a required field Object.prototype has as it is, and finds it missing from {}', () => {
    const r = runChecks({ title: '', bodyHtml: '', metadata: {}, requiredFields: ['constructor', '__proto__'] }, ctx);
    assert.deepEqual(r.map((x) => [x.field, x.message, x.messageEn]), [
      ['metadata.constructor', '缺少必填元数据：constructor', 'Required metadata is missing: constructor'],
      ['metadata.__proto__', '缺少必填元数据：__proto__', 'Required metadata is missing: __proto__'],
    ]);
  });
});

describe('very many findings', () => {
  it('sorts 125,000 findings of one field without overflowing the stack', () => {
    const r = runChecks({ title: '', bodyHtml: '<img>'.repeat(125_000), metadata: {}, requiredFields: [] }, ctx);
    assert.equal(r.length, MAX_FINDINGS_PER_RULE_AND_FIELD + 1);
  });

  it('lists at most 100 per rule and field, then one finding with the count, at the first one left out', () => {
    const title = '其它'.repeat(150);
    const body = `<p>${'13800138000，'.repeat(101)}</p><p>${'其它'.repeat(100)}</p>`;
    const r = runChecks({ title, bodyHtml: body, metadata: {}, requiredFields: [] }, ctx);
    const of = (field: string, rule: string) => r.filter((x) => x.field === field && x.rule === rule);
    assert.equal(of('title', 'banned_expression').length, 101);
    assert.equal(of('title', 'banned_expression')[100]!.message, '自此处起还有 50 处“错误及禁用表述”问题未逐一列出（每个字段每条规则最多列出 100 处）');
    assert.equal(of('title', 'banned_expression')[100]!.start, 200);
    assert.equal(of('body', 'mobile_number').length, 101);
    assert.match(of('body', 'mobile_number')[100]!.message, /^自此处起还有 1 处“手机号码”/);
    assert.equal(of('body', 'banned_expression').length, 100, 'exactly 100: no summary');
    assert.ok(!of('body', 'banned_expression').some((x) => x.message.startsWith('自此处起')));
    // Still in field order, then by position.
    const body0 = r.findIndex((x) => x.field === 'body');
    for (let i = body0 + 1; i < r.length; i++) assert.ok(r[i]!.start >= r[i - 1]!.start, `position order at ${i}`);
  });

  it('gives the summary block severity when a finding left out blocks, warn otherwise', () => {
    const results = (severity: (i: number) => 'block' | 'warn'): CheckResult[] => Array.from({ length: 103 }, (_, i) => ({
      rule: 'banned_expression' as const, severity: severity(i), field: 'body' as const, start: i, end: i + 1, excerpt: '', message: '', messageEn: '',
    }));
    assert.equal(capFindings(results(() => 'warn'))[100]!.severity, 'warn');
    assert.equal(capFindings(results((i) => (i === 102 ? 'block' : 'warn')))[100]!.severity, 'block');
    assert.equal(capFindings(results((i) => (i === 100 ? 'warn' : 'block')))[100]!.severity, 'block');
    const few = results(() => 'warn').slice(0, 100);
    assert.equal(capFindings(few), few, 'under the cap: the same list');
  });
});
