/**
 * Masks personal data written inside free text (a letter's body, a reply) before it is
 * published: ID-card numbers, phone numbers and email addresses. NORMS: ID-card and phone
 * numbers never appear on public pages.
 *
 * Chinese text has no spaces around numbers ("我的电话13812345678请回电"), so a number is found by
 * its digits alone and bounded by "not a digit" (and not a letter for IDs and emails) rather
 * than by word boundaries, which JavaScript defines for ASCII only. A number found is masked
 * as the same field is everywhere else (personal-data.ts).
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

export function maskFreeText(text: string): string {
  return text
    // Emails first: their local part may hold digits that look like a phone number.
    .replace(EMAIL, (m: string) => maskEmail(m))
    // IDs before phones: an ID number contains runs that would match a phone pattern.
    .replace(ID_NUMBER, (m: string) => maskIdNumber(m))
    .replace(MOBILE, (_m, a: string, b: string, c: string) => maskPhone(`${a}${b}${c}`))
    .replace(LANDLINE, (_m, area: string, _b: string, c: string) => `${area}****${c}`);
}
