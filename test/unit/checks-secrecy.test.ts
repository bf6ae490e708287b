import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runChecks, type CheckResult } from '../../src/modules/checks/index.js';

function secrecy(html: string, severities: Record<string, 'block' | 'warn' | 'off'> = {}): CheckResult[] {
  return runChecks({ title: '', bodyHtml: html, metadata: {}, requiredFields: [] }, { dictionary: [], severities }).filter((r) => r.rule === 'secrecy_marking');
}

function found(html: string): { text: string; severity: string }[] {
  const text = runChecks({ title: html, bodyHtml: '', metadata: {}, requiredFields: [] }, { dictionary: [], severities: {} })
    .filter((r) => r.rule === 'secrecy_marking');
  return text.map((r) => ({ text: html.slice(r.start, r.end), severity: r.severity }));
}

describe('secrecy_marking', () => {
  it('blocks certain markings, covering the whole marking with its period', () => {
    const cases: [string, string][] = [
      ['秘密★1年', '秘密★1年'],
      ['本件为机密★10年，请妥善处理', '机密★10年'],
      ['绝密★长期', '绝密★长期'],
      ['秘密 ★ 6个月', '秘密 ★ 6个月'],
      ['机密＊', '机密＊'],
      ['秘密☆一年', '秘密☆一年'],
      ['密级：机密', '密级：机密'],
      ['此件为内部资料，不得翻印', '内部资料'],
      ['内部文件 请勿扩散', '内部文件'],
      ['仅供内部参考', '仅供内部'],
      ['会议纪要严禁外传', '严禁外传'],
      ['不得外传', '不得外传'],
      ['请勿外传', '请勿外传'],
    ];
    for (const [text, marking] of cases) {
      const r = found(text);
      assert.deepEqual(r[0], { text: marking, severity: 'block' }, text);
    }
  });

  it('blocks a level standing alone on its line (a document header)', () => {
    const html = '<p>机密</p><p>关于某事项的通知</p>';
    const [r] = secrecy(html);
    assert.equal(r?.severity, 'block');
    assert.equal(r?.start, 0);
    assert.equal(r?.end, 2);
    // A header spaced out as 秘 密 is still the marking (fold-hidden.ts): reported as written.
    const spaced = secrecy('<p>秘 密</p><p>正文</p>')[0];
    assert.equal(spaced?.severity, 'block');
    assert.deepEqual([spaced?.start, spaced?.end], [0, 3]);
    assert.equal(secrecy('<p> 秘密 </p><p>正文</p>')[0]?.severity, 'block');
  });

  it('blocks 注意保存 next to an internal marking, and ignores it in consumer advice', () => {
    const marked = found('内部资料　注意保存');
    assert.deepEqual(marked.map((m) => m.text), ['内部资料', '注意保存']);
    assert.deepEqual(found('购物后请注意保存发票和购物凭证'), []);
  });

  it('only warns about bare 绝密 and 机密 in running text, and about 内部使用', () => {
    assert.deepEqual(found('电影讲述了一段绝密往事'), [{ text: '绝密', severity: 'warn' }]);
    assert.deepEqual(found('窃取军事机密的行为'), [{ text: '机密', severity: 'warn' }]);
    assert.deepEqual(found('该场地供单位内部使用'), [{ text: '内部使用', severity: 'warn' }]);
  });

  it('does not flag ordinary legal language', () => {
    const clean = [
      '机关、单位应当保守国家秘密',
      '依法确定为国家秘密的政府信息不予公开',
      '商业秘密、个人隐私不得公开',
      '泄露商业机密将依法追究责任',
      '保障数据的机密性、完整性和可用性',
      '工作秘密管理办法',
      '保守秘密是公民的义务',
      '内部资料性出版物管理办法',
      '请妥善保管并注意保存期限',
    ];
    for (const text of clean) assert.deepEqual(found(text), [], text);
  });

  it('follows the configured severity: warn caps certain markings, off silences the rule', () => {
    assert.equal(secrecy('<p>秘密★1年</p>', { secrecy_marking: 'warn' })[0]?.severity, 'warn');
    assert.deepEqual(secrecy('<p>秘密★1年</p>', { secrecy_marking: 'off' }), []);
  });

  it('finds markings in attachments, naming the attachment', () => {
    const results = runChecks({ title: '', bodyHtml: '', attachmentsText: [{ name: '附件1.docx', text: '第一页\n内部资料 注意保存' }], metadata: {}, requiredFields: [] }, { dictionary: [], severities: {} });
    assert.deepEqual(results.map((r) => [r.field, r.start, r.end]), [['attachment:附件1.docx', 4, 8], ['attachment:附件1.docx', 9, 13]]);
  });
});
