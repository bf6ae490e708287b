/**
 * Dictionary phrases are literal text with two optional context markers, so that an entry can
 * avoid obvious false hits without regular expressions:
 *
 * - `{日期}` at the end: only when a date follows, e.g. `截止{日期}` flags 截止2024年底 and
 *   截止目前 but not 截止日期 or 截止到;
 * - `{非:…}` at the start or the end: not when preceded / followed by any of the listed
 *   characters, e.g. `农业部{非:门}` flags 农业部 but not 农业部门.
 *
 * Only the literal part is reported as the finding.
 */
export interface PhrasePattern {
  readonly literal: string;
  /** Characters that must not come right before the literal. */
  readonly notAfter: string;
  /** Characters that must not come right after the literal. */
  readonly notBefore: string;
  readonly needsDate: boolean;
}

const SYNTAX = /^(?:\{非:([^{}]+)\})?([^{}]+?)(?:\{(日期)\}|\{非:([^{}]+)\})?$/u;

/** Parses a phrase, or returns null when the markers are malformed. */
export function parsePhrase(phrase: string): PhrasePattern | null {
  const m = SYNTAX.exec(phrase);
  if (!m) return null;
  const literal = m[2] ?? '';
  if (literal.trim() === '' || literal !== literal.trim()) return null;
  return { literal, notAfter: m[1] ?? '', notBefore: m[4] ?? '', needsDate: m[3] === '日期' };
}

const DATE_WORDS = ['今年', '今日', '今天', '本年', '本月', '本周', '本季度', '目前', '现在', '当前', '上年', '上月', '去年', '昨天', '昨日', '发稿', '年底', '年末', '月底'];
const DATE_START = /[0-9０-９〇零一二三四五六七八九十]/;

/** True when a date (digits, Chinese numerals or words like 目前, 今年) starts at `i` (spaces skipped). */
export function dateFollows(text: string, i: number): boolean {
  let k = i;
  while (k < text.length && (text[k] === ' ' || text[k] === '\u00a0' || text[k] === '\u3000')) k++;
  const c = text.charAt(k);
  if (c === '') return false;
  if (DATE_START.test(c)) return true;
  return DATE_WORDS.some((w) => text.startsWith(w, k));
}

/** Whether the pattern's context allows a literal match at [start, end). */
export function contextAllows(p: PhrasePattern, text: string, start: number, end: number): boolean {
  if (p.notAfter && start > 0 && p.notAfter.includes(text.charAt(start - 1))) return false;
  if (p.notBefore && end < text.length && p.notBefore.includes(text.charAt(end))) return false;
  if (p.needsDate && !dateFollows(text, end)) return false;
  return true;
}

/** A commercial-domain entry: `taobao.com` (the host and its sub-domains) or `baidu.com/s?` (plus a path prefix). */
export interface DomainPattern {
  readonly host: string;
  readonly pathPrefix: string;
}

export function parseDomain(phrase: string): DomainPattern | null {
  const s = phrase.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^\*\./, '');
  const slash = s.indexOf('/');
  const host = slash < 0 ? s : s.slice(0, slash);
  if (!/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z0-9-]{2,}$/.test(host)) return null;
  return { host, pathPrefix: slash < 0 ? '' : s.slice(slash) };
}
