/**
 * 文号 (document number) check, GB/T 9704: `<issuer abbreviation>〔<4-digit year>〕<n>号`, e.g.
 * `苏政办发〔2017〕96号`. The year sits in hexagonal brackets 〔〕 and the sequence has no
 * leading zeros. Each mistake gets its own message, so the editor knows exactly what to fix.
 */
const VALID = /^([\p{Script=Han}A-Za-z0-9]+)〔(\d{4})〕([1-9]\d{0,5})号$/u;

/** Look-alike brackets people type instead of 〔〕, with their Chinese and English names. */
const WRONG_BRACKETS: readonly [RegExp, string, string][] = [
  [/[[\]]/, '方括号 [ ]', 'square brackets [ ]'],
  [/[【】]/, '方头括号【】', 'lenticular brackets 【】'],
  [/[［］]/, '全角方括号［］', 'full-width square brackets ［］'],
  [/[()（）]/, '圆括号 ( )', 'parentheses ( )'],
  [/[{}｛｝]/, '花括号 { }', 'braces { }'],
  [/[〈〉<>《》]/, '书名号或尖括号', 'angle brackets'],
  [/[「」『』]/, '引号形括号「」', 'corner brackets 「」'],
  [/[⦅⦆〘〙]/, '近似括号', 'look-alike brackets'],
];

/** A message in Chinese and in English. */
export interface Wording {
  readonly zh: string;
  readonly en: string;
}

const EXAMPLE = '苏政办发〔2017〕96号';
const SHAPE: Wording = {
  zh: `文号格式不正确，应为“机关代字〔年份〕序号号”，例如“${EXAMPLE}”`,
  en: `The document number is malformed; it must read "<issuer>〔<year>〕<sequence>号", e.g. "${EXAMPLE}"`,
};

/** A problem with a 文号, or null when it is well formed. */
export function documentNumberProblem(value: string): string | null {
  return documentNumberIssue(value)?.zh ?? null;
}

/** A problem with a 文号 in both languages, or null when it is well formed. */
export function documentNumberIssue(value: string): Wording | null {
  const v = value.trim();
  if (v === '') return null;
  if (v !== value) return { zh: '文号前后不能有空格', en: 'The document number must not start or end with spaces' };
  if (/\s/.test(v)) return { zh: '文号中不能有空格', en: 'The document number must not contain spaces' };
  if (VALID.test(v)) return null;
  const bracket = WRONG_BRACKETS.find(([re]) => re.test(v));
  if (bracket && !v.includes('〔')) {
    return { zh: `文号中的年份应使用六角括号〔〕，不能使用${bracket[1]}，例如“${EXAMPLE}”`, en: `The year in a document number goes in hexagonal brackets 〔〕, not ${bracket[2]}, e.g. "${EXAMPLE}"` };
  }
  if (!v.includes('〔') || !v.includes('〕')) {
    return {
      zh: `文号缺少六角括号〔〕括起的年份，应为“机关代字〔年份〕序号号”，例如“${EXAMPLE}”`,
      en: `The document number lacks the year in hexagonal brackets 〔〕; it must read "<issuer>〔<year>〕<sequence>号", e.g. "${EXAMPLE}"`,
    };
  }
  const parts = /^(.*)〔(.*)〕(.*)$/u.exec(v);
  if (!parts) return SHAPE;
  const [, issuer = '', year = '', rest = ''] = parts;
  if (issuer === '') return { zh: '文号缺少机关代字（如“苏政办发”）', en: 'The document number lacks the issuer abbreviation (e.g. "苏政办发")' };
  if (!/^[\p{Script=Han}A-Za-z0-9]+$/u.test(issuer)) return { zh: `文号的机关代字“${issuer}”含有不允许的字符`, en: `The issuer abbreviation "${issuer}" of the document number contains characters that are not allowed` };
  if (!/^\d{4}$/.test(year)) return { zh: `文号的年份“${year}”应为 4 位数字，例如〔2017〕`, en: `The year "${year}" of the document number must be 4 digits, e.g. 〔2017〕` };
  if (!rest.endsWith('号')) return { zh: '文号应以“号”字结尾，例如“96号”', en: 'The document number must end with "号", e.g. "96号"' };
  const seq = rest.slice(0, -1);
  if (seq === '') return { zh: '文号缺少序号，例如“96号”', en: 'The document number lacks its sequence number, e.g. "96号"' };
  if (!/^\d+$/.test(seq)) return { zh: `文号的序号“${seq}”应为阿拉伯数字`, en: `The sequence number "${seq}" of the document number must be Arabic digits` };
  if (seq.startsWith('0')) {
    const fixed = String(Number(seq)) === '0' ? '1' : String(Number(seq));
    return { zh: `文号的序号“${seq}”不能有前导零，应写作“${fixed}号”`, en: `The sequence number "${seq}" of the document number must not have leading zeros; write "${fixed}号"` };
  }
  if (seq.length > 6) return { zh: `文号的序号“${seq}”过长`, en: `The sequence number "${seq}" of the document number is too long` };
  return SHAPE;
}

/** The year inside a well-formed 文号. */
export function documentNumberYear(value: string): number | null {
  const m = VALID.exec(value.trim());
  return m ? Number(m[2]) : null;
}
