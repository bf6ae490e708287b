/**
 * Inline checks in the form, so the editor sees a mistake while typing. They mirror the
 * server's rules (src/modules/content/metadata), which stay authoritative: whatever the server
 * still refuses comes back as field errors and lands on the same fields.
 */
const VALID_NUMBER = /^[\u4e00-\u9fffA-Za-z0-9]+〔\d{4}〕[1-9]\d{0,5}号$/;

/** A problem with a 文号 in Chinese, or null. */
export function documentNumberHint(value: string): string | null {
  const v = value.trim();
  if (v === '' || VALID_NUMBER.test(v)) return null;
  if (/[[\]【】［］()（）]/.test(v) && !v.includes('〔')) return '年份应使用六角括号〔〕，例如“苏政办发〔2017〕96号”';
  if (!v.includes('〔') || !v.includes('〕')) return '缺少六角括号〔〕括起的年份，例如“苏政办发〔2017〕96号”';
  const m = /^(.*)〔(.*)〕(.*)$/.exec(v);
  if (!m || m[1] === '') return '缺少机关代字（如“苏政办发”）';
  if (!/^\d{4}$/.test(m[2] ?? '')) return '年份应为 4 位数字';
  const rest = m[3] ?? '';
  if (!rest.endsWith('号')) return '应以“号”字结尾';
  const seq = rest.slice(0, -1);
  if (/^0\d*$/.test(seq)) return `序号“${seq}”不能有前导零`;
  return '格式应为“机关代字〔年份〕序号号”';
}

export function todayInShanghai(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
