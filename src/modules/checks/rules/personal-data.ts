import type { CheckResult, RuleSeverity } from '../check-types.js';
import { isValidId15, isValidId18 } from './id-number.js';
import { report, type FieldText } from './rule-scan.js';

// Digit runs must stand alone: a number inside a longer run of digits is part of something else.
const ID18 = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])/g;
const ID15 = /(?<![0-9])[0-9]{15}(?![0-9])/g;
// 13800138000, 138 0013 8000, 138-0013-8000, +86 138…, 0086-138…
const MOBILE = /(?<![0-9+])(?:(?:\+|00)?86[ \u00a0-]?)?1[3-9][0-9](?:[ \u00a0-]?[0-9]{4}){2}(?![0-9])/g;
// 16–19 digits, or groups of four separated by a space or hyphen (6222 0212 3456 7890 123).
const CARD = /(?<![0-9])(?:[0-9]{16,19}|[0-9]{4}(?:[ \u00a0-][0-9]{4}){3}(?:[ \u00a0-]?[0-9]{1,3})?)(?![0-9])/g;

export interface PersonalDataLevels {
  readonly personalId: RuleSeverity;
  readonly mobile: RuleSeverity;
  readonly bankCard: RuleSeverity;
}

/** Luhn (ISO/IEC 7812) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function overlaps(taken: readonly (readonly [number, number])[], start: number, end: number): boolean {
  return taken.some(([s, e]) => start < e && s < end);
}

/** ID card numbers, mobile numbers and bank card numbers in one field. */
export function checkPersonalData(f: FieldText, levels: PersonalDataLevels, out: CheckResult[]): void {
  const t = f.numbers;
  if (!/[0-9]{3}/.test(t)) return;
  const ids: [number, number][] = [];

  if (levels.personalId !== 'off') {
    for (const [re, valid, label] of [[ID18, isValidId18, '18'], [ID15, isValidId15, '15']] as const) {
      re.lastIndex = 0;
      for (let m = re.exec(t); m !== null; m = re.exec(t)) {
        if (!valid(m[0])) continue;
        const start = m.index;
        const end = start + m[0].length;
        ids.push([start, end]);
        report(out, f, {
          rule: 'personal_id', severity: levels.personalId, start, end, mask: true,
          message: `发现 ${label} 位居民身份证号码：公开信息不得包含个人身份证号码`,
          messageEn: `A ${label}-digit resident ID number was found: published information must not contain personal ID numbers`,
          suggestion: '删除，或只保留前 3 位和后 2 位（如 110***********12）',
        });
      }
    }
  }

  if (levels.mobile !== 'off') {
    MOBILE.lastIndex = 0;
    for (let m = MOBILE.exec(t); m !== null; m = MOBILE.exec(t)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(ids, start, end)) continue;
      report(out, f, {
        rule: 'mobile_number', severity: levels.mobile, start, end, mask: true,
        message: '发现手机号码：公开信息不得包含个人手机号码（公务联系请使用办公电话）',
        messageEn: 'A mobile number was found: published information must not contain personal mobile numbers (use an office line)',
        suggestion: '删除，或改为办公电话',
      });
    }
  }

  if (levels.bankCard !== 'off') {
    CARD.lastIndex = 0;
    for (let m = CARD.exec(t); m !== null; m = CARD.exec(t)) {
      const start = m.index;
      const end = start + m[0].length;
      const digits = m[0].replace(/[^0-9]/g, '');
      if (digits.length < 16 || digits.length > 19 || digits.charCodeAt(0) === 48) continue;
      if (/^(.)\1+$/.test(digits) || !luhnValid(digits) || overlaps(ids, start, end)) continue;
      report(out, f, {
        rule: 'bank_card', severity: levels.bankCard, start, end, mask: true,
        message: '疑似银行卡号（通过 Luhn 校验）：请确认不是个人银行账户信息',
        messageEn: 'Looks like a bank card number (passes the Luhn check): make sure it is not personal account data',
        suggestion: '删除，或只保留后 4 位',
      });
    }
  }
}
