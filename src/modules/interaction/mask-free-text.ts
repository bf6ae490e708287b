/**
 * Masks personal data written inside free text (a letter's body, a reply) before it is
 * published: ID-card numbers, phone numbers and email addresses. NORMS: ID-card and phone
 * numbers never appear on public pages.
 *
 * Chinese text has no spaces around numbers ("我的电话13812345678请回电"), so a number is found by
 * its digits alone and bounded by "not a digit" (and not a letter for IDs and emails) rather
 * than by word boundaries, which JavaScript defines for ASCII only. A number found is masked
 * as the same field is everywhere else (personal-data.ts).
 *
 * Full-width forms (１３９１２３４５６７８, ＋８６, ＠) are what a Chinese input method types in
 * full-width mode: the patterns run on a copy with them folded to ASCII. Each full-width form
 * is one UTF-16 unit, as its ASCII counterpart, so a match's place in the copy is its place in
 * the text, and only the matched characters change (the text's own full-width punctuation stays).
 */
import { maskEmail, maskIdNumber, maskPhone } from './personal-data.js';

/** 18-character ID numbers (last may be X) and old 15-digit ones. */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
/** Mainland mobile numbers, optionally with +86/86 and spaces or dashes in the 3-4-4 grouping. */
const MOBILE = /(?<!\d)(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)/g;
/** Landlines with an area code: 025-83391234, (025)83391234, 0512 6525 1234, 025-8339-1234 ext. */
const LANDLINE = /(?<!\d)(\(?0\d{2,3}\)?[ -]?)(\d{3,4})[ -]?(\d{4})(?!\d)/g;
/** Emails; the local part is hidden but the domain stays (it says which service, not who). */
const EMAIL = /(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

/** U+FF01–U+FF5E (full-width ASCII) → U+0021–U+007E, U+3000 (ideographic space) → space; length kept. */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xFEE0)));
}

/** `text` with every match of `pattern` in its folded copy replaced by `mask(match…)`. */
function replaceFolded(text: string, pattern: RegExp, mask: (m: RegExpMatchArray) => string): string {
  let out = '';
  let at = 0;
  for (const m of foldFullWidth(text).matchAll(pattern)) {
    const start = m.index ?? 0;
    out += text.slice(at, start) + mask(m);
    at = start + m[0].length;
  }
  return out + text.slice(at);
}

export function maskFreeText(text: string): string {
  let t = text;
  // Emails first: their local part may hold digits that look like a phone number.
  t = replaceFolded(t, EMAIL, (m) => maskEmail(m[0]));
  // IDs before phones: an ID number contains runs that would match a phone pattern.
  t = replaceFolded(t, ID_NUMBER, (m) => maskIdNumber(m[0]));
  t = replaceFolded(t, MOBILE, (m) => maskPhone(`${m[1]}${m[2]}${m[3]}`));
  return replaceFolded(t, LANDLINE, (m) => `${m[1]}****${m[3]}`);
}
