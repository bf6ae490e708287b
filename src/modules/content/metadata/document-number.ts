/**
 * 文号 (document number) check, GB/T 9704: `<issuer abbreviation>〔<4-digit year>〕<n>号`, e.g.
 * `苏政办发〔2017〕96号`. The year sits in hexagonal brackets 〔〕 and the sequence has no
 * leading zeros. Each mistake gets its own message, so the editor knows exactly what to fix.
 */
const VALID = /^([\p{Script=Han}A-Za-z0-9]+)〔(\d{4})〕([1-9]\d{0,5})号$/u;

/** Look-alike brackets people type instead of 〔〕, with their Chinese names. */
const WRONG_BRACKETS: readonly [RegExp, string][] = [
  [/[[\]]/, '方括号 [ ]'],
  [/[【】]/, '方头括号【】'],
  [/[［］]/, '全角方括号［］'],
  [/[()（）]/, '圆括号 ( )'],
  [/[{}｛｝]/, '花括号 { }'],
  [/[〈〉<>《》]/, '书名号或尖括号'],
  [/[「」『』]/, '引号形括号「」'],
  [/[⦅⦆〘〙]/, '近似括号'],
];

/** A problem with a 文号, or null when it is well formed. */
export function documentNumberProblem(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  if (v !== value) return '文号前后不能有空格';
  if (/\s/.test(v)) return '文号中不能有空格';
  if (VALID.test(v)) return null;
  const bracket = WRONG_BRACKETS.find(([re]) => re.test(v));
  if (bracket && !v.includes('〔')) return `文号中的年份应使用六角括号〔〕，不能使用${bracket[1]}，例如“苏政办发〔2017〕96号”`;
  if (!v.includes('〔') || !v.includes('〕')) return '文号缺少六角括号〔〕括起的年份，应为“机关代字〔年份〕序号号”，例如“苏政办发〔2017〕96号”';
  const parts = /^(.*)〔(.*)〕(.*)$/u.exec(v);
  if (!parts) return '文号格式不正确，应为“机关代字〔年份〕序号号”，例如“苏政办发〔2017〕96号”';
  const [, issuer = '', year = '', rest = ''] = parts;
  if (issuer === '') return '文号缺少机关代字（如“苏政办发”）';
  if (!/^[\p{Script=Han}A-Za-z0-9]+$/u.test(issuer)) return `文号的机关代字“${issuer}”含有不允许的字符`;
  if (!/^\d{4}$/.test(year)) return `文号的年份“${year}”应为 4 位数字，例如〔2017〕`;
  if (!rest.endsWith('号')) return '文号应以“号”字结尾，例如“96号”';
  const seq = rest.slice(0, -1);
  if (seq === '') return '文号缺少序号，例如“96号”';
  if (!/^\d+$/.test(seq)) return `文号的序号“${seq}”应为阿拉伯数字`;
  if (seq.startsWith('0')) return `文号的序号“${seq}”不能有前导零，应写作“${String(Number(seq)) === '0' ? '1' : String(Number(seq))}号”`;
  if (seq.length > 6) return `文号的序号“${seq}”过长`;
  return '文号格式不正确，应为“机关代字〔年份〕序号号”，例如“苏政办发〔2017〕96号”';
}

/** The year inside a well-formed 文号. */
export function documentNumberYear(value: string): number | null {
  const m = VALID.exec(value.trim());
  return m ? Number(m[2]) : null;
}
