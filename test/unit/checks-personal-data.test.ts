import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { idCheckChar, isValidId15, isValidId18, luhnValid, runChecks, type CheckContext, type CheckResult } from '../../src/modules/checks/index.js';

const ctx: CheckContext = { dictionary: [], severities: {} };

function bodyResults(text: string, rule?: string): CheckResult[] {
  return runChecks({ title: '', bodyHtml: text, metadata: {}, requiredFields: [] }, ctx).filter((r) => !rule || r.rule === rule);
}

/** An 18-digit number with the right check character. */
function validId(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + idCheckChar(first17);
}

function withCheckChar(first17: string, wrong: boolean): string {
  const right = idCheckChar(first17);
  return first17 + (wrong ? '10X98765432'.split('').find((c) => c !== right) : right);
}

describe('personal_id: resident identity numbers (GB 11643)', () => {
  it('knows the standard example and its check character', () => {
    assert.equal(idCheckChar('11010519491231002'), 'X');
    assert.equal(isValidId18('11010519491231002X'), true);
    assert.equal(isValidId18('11010519491231002x'), true);
  });

  it('accepts valid numbers and refuses wrong check characters, dates and regions', () => {
    const good = ['32010219900307123', '44030419851231456', '65010120000229001'].map((s) => withCheckChar(s, false));
    for (const id of good) assert.equal(isValidId18(id), true, id);
    for (const s of ['32010219900307123', '44030419851231456']) assert.equal(isValidId18(withCheckChar(s, true)), false);
    assert.equal(isValidId18(withCheckChar('32010219900230123', false)), false, '30 February');
    assert.equal(isValidId18(withCheckChar('32010218990101123', false)), false, 'born before 1900');
    assert.equal(isValidId18(withCheckChar('99010219900307123', false)), false, 'no province 99');
    assert.equal(isValidId18(withCheckChar('32010219901307123', false)), false, 'month 13');
    assert.equal(isValidId15('320102900307123'), true);
    assert.equal(isValidId15('320102901307123'), false);
  });

  it('flags a valid number in the body at its exact position, with the digits masked in the excerpt', () => {
    const id = validId('320102', '19900307', '123');
    const text = `申请人：张三，身份证号码${id}，住址南京市。`;
    const [r, ...rest] = bodyResults(text, 'personal_id');
    assert.equal(rest.length, 0);
    assert.equal(r?.severity, 'block');
    assert.equal(text.slice(r!.start, r!.end), id);
    assert.ok(!r!.excerpt.includes(id), 'excerpt must not repeat the whole number');
    assert.ok(r!.excerpt.includes(`${id.slice(0, 3)}*`));
  });

  it('does not flag invalid checksums, numbers inside longer digit runs, or order numbers', () => {
    const id = validId('320102', '19900307', '123');
    const wrong = withCheckChar(id.slice(0, 17), true);
    for (const text of [`编号${wrong}`, `流水号9${id}`, `订单号${id}7`, '合同编号202401150000123456', '统计数字 123456789012345678']) {
      assert.deepEqual(bodyResults(text, 'personal_id'), [], text);
    }
  });

  it('flags 15-digit old numbers and full-width digits', () => {
    const text = '旧证号320102900307123。';
    const [r] = bodyResults(text, 'personal_id');
    assert.equal(text.slice(r!.start, r!.end), '320102900307123');
    const id = validId('110105', '19491231', '002');
    const wide = id.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const t2 = `号码：${wide}。`;
    const [w] = bodyResults(t2, 'personal_id');
    assert.equal(t2.slice(w!.start, w!.end), wide);
  });

  it('finds any valid generated number embedded in random Chinese text at the right offset', () => {
    const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
    const chinese = fc.array(fc.oneof(hanzi, fc.constantFrom('，', '。', '：', ' ', '\n')), { maxLength: 60 }).map((a) => a.join(''));
    const region = fc.constantFrom('110105', '320102', '440304', '510107', '650102', '820000');
    const birth = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
    const seq = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
    fc.assert(fc.property(chinese, region, birth, seq, chinese, (before, r, b, s, after) => {
      const id = validId(r, b, s);
      const text = `${before}${id}${after}`;
      const found = runChecks({ title: text, bodyHtml: '', metadata: {}, requiredFields: [] }, ctx).filter((x) => x.rule === 'personal_id');
      assert.equal(found.length, 1);
      assert.equal(found[0]?.start, before.length);
      assert.equal(text.slice(found[0]!.start, found[0]!.end), id);
    }), { numRuns: 300 });
  });
});

describe('mobile_number', () => {
  it('flags mainland mobiles with or without +86, spaces and hyphens, at their positions', () => {
    for (const m of ['13800138000', '199 1234 5678', '138-0013-8000', '+86 13800138000', '+8613800138000', '0086-15912345678']) {
      const text = `联系人手机${m}（工作日）`;
      const found = bodyResults(text, 'mobile_number');
      assert.equal(found.length, 1, m);
      assert.equal(text.slice(found[0]!.start, found[0]!.end), m);
      assert.ok(found[0]!.excerpt.includes('*'), 'digits masked');
    }
  });

  it('does not flag numbers inside longer digit runs, landlines, or 12[0-9] prefixes', () => {
    for (const text of ['编号213800138000', '编号138001380001', '电话025-83391234', '12345678901', '10086', '订单20131380013800', '金额1.3800138000亿']) {
      assert.deepEqual(bodyResults(text, 'mobile_number'), [], text);
    }
  });
});

describe('bank_card', () => {
  it('implements Luhn', () => {
    assert.equal(luhnValid('4111111111111111'), true);
    assert.equal(luhnValid('4111111111111112'), false);
    assert.equal(luhnValid('6222021234567890128'), true);
  });

  it('flags 16–19 digits passing Luhn, contiguous or grouped by four, as a warning', () => {
    for (const card of ['4111111111111111', '6222 0212 3456 7890 128', '6222-0212-3456-7890-128', '6222021234567890128']) {
      const text = `收款账号：${card}。`;
      const found = bodyResults(text, 'bank_card');
      assert.equal(found.length, 1, card);
      assert.equal(found[0]?.severity, 'warn');
      assert.equal(text.slice(found[0]!.start, found[0]!.end), card);
    }
  });

  it('does not flag Luhn failures, too short or too long runs, or repeated digits', () => {
    for (const text of ['4111111111111112', '411111111111111', '41111111111111111111', '0000000000000000', '6222 0212 3456 7890 129']) {
      assert.deepEqual(bodyResults(text, 'bank_card'), [], text);
    }
  });

  it('reports an 18-digit valid ID number as an ID, not also as a card', () => {
    let id = '';
    for (let n = 100; n < 999 && !id; n++) {
      const candidate = validId('320102', '19900307', String(n));
      if (luhnValid(candidate.replace('X', '0')) && !candidate.endsWith('X')) id = candidate;
    }
    const found = bodyResults(`号码${id}`);
    assert.deepEqual(found.map((r) => r.rule), ['personal_id']);
  });
});
