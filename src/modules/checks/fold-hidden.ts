/**
 * What the text rules read: the field's text without what hides a marking or a banned word from
 * them while the reader sees it whole. A QA probe published 「机密★10年」 written as 机\u200b密,
 * 机 密 and 機密: each passed the checks and showed as the marking on the page.
 *
 * - invisible format characters (zero-width space/joiners, soft hyphen, word joiner, BOM,
 *   variation selectors, Hangul fillers, bidi marks and overrides) are dropped;
 * - spacing between two Han characters is dropped (a spaced-out 机 密 header);
 * - traditional forms of the characters of the secrecy vocabulary (機密, 絕密, 祕密, 內部資料,
 *   不得外傳 …) read as simplified.
 *
 * Positions are mapped back, so a finding still points at the field's own text.
 */
/** Code-point ranges, not a character class: several are combining marks, which a class would make misleading. */
const HIDDEN_RANGES: readonly (readonly [number, number])[] = [
  [0xad, 0xad], [0x34f, 0x34f], [0x61c, 0x61c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f], [0x200b, 0x200f],
  [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0],
  // Tags and the supplementary variation selectors.
  [0xe0000, 0xe007f], [0xe0100, 0xe01ef],
];
function hiddenCode(c: number): boolean {
  if (c < 0xad) return false;
  for (const [lo, hi] of HIDDEN_RANGES) if (c >= lo && c <= hi) return true;
  return false;
}
/** Spacing inside a line (a tab is left alone: it separates table cells). */
const spacingCode = (c: number): boolean => c === 0x20 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
const HAN = /\p{Script=Han}/u;
const han = (ch: string): boolean => ch !== '' && HAN.test(ch);
/** Only the characters the secrecy rule's words are made of (1:1, so lengths stay). */
const TRADITIONAL: Readonly<Record<string, string>> = {
  機: '机', 絕: '绝', 祕: '秘', 內: '内', 資: '资', 傳: '传', 參: '参', 閱: '阅', 僅: '仅', 許: '许', 準: '准', 嚴: '严', 級: '级', 為: '为',
};
const MAYBE = /[機絕祕內資傳參閱僅許準嚴級為]|\p{Script=Han}[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+\p{Script=Han}/u;
/** A hidden character anywhere (0xdb40: the high surrogate of the tags and supplementary selectors). */
function hasHidden(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xdb40 || hiddenCode(c)) return true;
  }
  return false;
}

export interface FoldedText {
  readonly text: string;
  /** Position in the original text of each position of the folded one (one more entry: the end). */
  readonly origin: readonly number[];
}

/** Null when there is nothing to fold (the common case: the rules read the text as it is). Linear in the text. */
export function foldForChecks(text: string): FoldedText | null {
  if (!MAYBE.test(text) && !hasHidden(text)) return null;
  const parts: string[] = [];
  const origin: number[] = [];
  let last = '';
  let changed = false;
  for (let i = 0; i < text.length;) {
    const c = text.codePointAt(i)!;
    const width = c > 0xffff ? 2 : 1;
    if (hiddenCode(c)) {
      changed = true;
      i += width;
      continue;
    }
    if (spacingCode(c) && han(last)) {
      // A run of spacing (and hidden characters) between two Han characters goes.
      let j = i;
      while (j < text.length) {
        const d = text.codePointAt(j)!;
        if (!spacingCode(d) && !hiddenCode(d)) break;
        j += d > 0xffff ? 2 : 1;
      }
      if (j < text.length && han(String.fromCodePoint(text.codePointAt(j)!))) {
        changed = true;
        i = j;
        continue;
      }
    }
    const ch = text.slice(i, i + width);
    const mapped = TRADITIONAL[ch] ?? ch;
    if (mapped !== ch) changed = true;
    parts.push(mapped);
    for (let k = 0; k < width; k++) origin.push(i + k);
    last = mapped;
    i += width;
  }
  origin.push(text.length);
  return changed ? { text: parts.join(''), origin } : null;
}

/** A folded [start, end) back in the original text. */
export function unfold(f: FoldedText, start: number, end: number): { start: number; end: number } {
  const s = f.origin[start] ?? f.origin.at(-1)!;
  const e = end <= start ? s : (f.origin[end - 1] ?? f.origin.at(-1)! - 1) + 1;
  return { start: s, end: e };
}
