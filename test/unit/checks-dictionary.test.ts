import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runChecks, STARTER_DICTIONARY, type CheckResult, type DictionaryEntry } from '../../src/modules/checks/index.js';
import { parseDomain, parsePhrase } from '../../src/modules/checks/phrase-pattern.js';
import { validateEntry } from '../../src/modules/checks/operations/validate-entry.js';
import { AppError } from '../../src/platform/http/error-registry.js';

const starter: readonly DictionaryEntry[] = STARTER_DICTIONARY.map((e, i) => ({ ...e, id: i + 1 }));

function hits(text: string, dictionary: readonly DictionaryEntry[] = starter, severities = {}): CheckResult[] {
  return runChecks({ title: text, bodyHtml: '', metadata: {}, requiredFields: [] }, { dictionary, severities }).filter((r) => r.rule === 'banned_expression');
}

function words(text: string): string[] {
  return hits(text).map((r) => text.slice(r.start, r.end));
}

describe('banned_expression: the dictionary', () => {
  it('ships a starter list of at least 40 well-formed entries with unique phrases', () => {
    const text = STARTER_DICTIONARY.filter((e) => e.category !== 'commercial_domain');
    assert.ok(text.length >= 40, `${text.length} entries`);
    assert.equal(new Set(STARTER_DICTIONARY.map((e) => e.phrase)).size, STARTER_DICTIONARY.length);
    for (const e of STARTER_DICTIONARY) assert.doesNotThrow(() => validateEntry(e), e.phrase);
    assert.ok(STARTER_DICTIONARY.some((e) => e.category === 'outdated_name' && e.suggestion === '国家市场监督管理总局'));
  });

  it('finds outdated names and suggests the current one, longest entry first', () => {
    const text = '经国家工商行政管理总局和江苏省环境保护厅同意';
    const r = hits(text);
    assert.deepEqual(r.map((x) => text.slice(x.start, x.end)), ['国家工商行政管理总局', '江苏省环境保护厅']);
    assert.equal(r[0]?.suggestion, '国家市场监督管理总局');
    assert.equal(r[1]?.suggestion, '江苏省生态环境厅');
    assert.equal(r[0]?.severity, 'warn');
    assert.match(r[0]!.message, /不是现行机构名称/);
  });

  it('honours {非:…}: 农业部 is flagged, 农业部门 is not', () => {
    assert.deepEqual(words('农业部发布通知'), ['农业部']);
    assert.deepEqual(words('各级农业部门、文化部门和环境保护部门要加强协作'), []);
    assert.deepEqual(words('铁道部队'), []);
    assert.deepEqual(words('全部份额'), []);
    assert.deepEqual(words('这座落成于1990年的大桥'), []);
  });

  it('honours {日期}: 截止 before a date is flagged, 截止日期 and 截止到 are not', () => {
    assert.deepEqual(words('截止2024年底，共办理'), ['截止']);
    assert.deepEqual(words('截止 2024年'), ['截止']);
    assert.deepEqual(words('截止目前，已完成'), ['截止']);
    assert.deepEqual(words('截止日期为6月30日，截止到2024年'), []);
    assert.deepEqual(words('报名截止。'), []);
  });

  it('blocks misspelt idioms and only warns about variants that are sometimes right', () => {
    const r = hits('再接再励，其它事项另行通知');
    assert.deepEqual(r.map((x) => [x.severity, x.suggestion]), [['block', '再接再厉'], ['warn', '其他']]);
  });

  it('does not flag a clean government text', () => {
    const clean = '截至2024年底，省农业农村厅会同省市场监督管理局、省生态环境厅，按照因地制宜、精兵简政的要求，登录系统完成账号注册，其他事项另行通知。各级环境保护部门再接再厉。';
    assert.deepEqual(words(clean), []);
  });

  it('applies the rule severity as a ceiling, and off silences it', () => {
    assert.equal(hits('再接再励', starter, { banned_expression: 'warn' })[0]?.severity, 'warn');
    assert.deepEqual(hits('再接再励', starter, { banned_expression: 'off' }), []);
  });

  it('reads the phrase syntax and refuses malformed markers', () => {
    assert.deepEqual(parsePhrase('截止{日期}'), { literal: '截止', notAfter: '', notBefore: '', needsDate: true });
    assert.deepEqual(parsePhrase('{非:情预}报导'), { literal: '报导', notAfter: '情预', notBefore: '', needsDate: false });
    for (const bad of ['{日期}', '截止{日期', 'a{非:}b', '{非:x}', '  ', '前{日期}后']) assert.equal(parsePhrase(bad), null, bad);
    assert.deepEqual(parseDomain('https://Taobao.com'), { host: 'taobao.com', pathPrefix: '' });
    assert.deepEqual(parseDomain('baidu.com/s?'), { host: 'baidu.com', pathPrefix: '/s?' });
    assert.equal(parseDomain('not a domain'), null);
    assert.throws(() => validateEntry({ phrase: '截止{日', category: 'miswritten', severity: 'warn' }), (e: unknown) => e instanceof AppError && e.code === 'checks.dictionary.bad_phrase');
    assert.throws(() => validateEntry({ phrase: 'x', category: 'miswritten', severity: 'fatal' }), (e: unknown) => e instanceof AppError && e.code === 'checks.dictionary.bad_severity');
    assert.throws(() => validateEntry({ phrase: 'x', category: 'rude', severity: 'warn' }), (e: unknown) => e instanceof AppError && e.code === 'checks.dictionary.bad_category');
  });
});
