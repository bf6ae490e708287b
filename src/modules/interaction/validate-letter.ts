import { AppError } from '../../platform/http/error-registry.js';
import { VISIBLE_PATTERN } from '../../platform/http/schema.js';
import { InteractionErrors } from './errors.js';
import { foldFullWidth } from './mask-free-text.js';
import type { LetterType } from './interaction.tables.js';
import type { PersonalData } from './personal-data.js';
import type { Visibility } from './letter-types.js';

export interface LetterText {
  readonly mailboxId: number;
  readonly letterType: LetterType;
  readonly visibility: Visibility;
  readonly subject: string;
  readonly body: string;
  readonly name: string;
  readonly phone: string;
  readonly email?: string | undefined;
  readonly idNumber?: string | undefined;
  readonly address?: string | undefined;
}

export interface CleanLetter {
  readonly mailboxId: number;
  readonly letterType: LetterType;
  readonly isPublic: boolean;
  readonly subject: string;
  readonly body: string;
  readonly personal: PersonalData;
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Landline with area code (025-83391234, 0512 5751 0000) or a short service number (12345). */
const LANDLINE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{5})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ID_NUMBER = /^\d{17}[\dX]$/;

/** GB 11643 check digit: a mistyped ID number is caught here, not by the handler weeks later. */
function idChecksumOk(id: string): boolean {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

const VISIBLE = new RegExp(VISIBLE_PATTERN);

/**
 * The text trimmed; blank (or missing) is refused naming the field (`interaction.blank`), as is
 * text of only zero-width characters, which shows as nothing.
 */
export function requireText(value: string | undefined, label: string, field: string): string {
  const v = value?.trim() ?? '';
  if (!VISIBLE.test(v)) throw new AppError(InteractionErrors['interaction.blank'], { label, field });
  return v;
}

export const optionalText = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());
const optional = optionalText;

/**
 * A phone number as letters and error reports accept it; refused without echoing it. Typed as
 * people type them: full-width digits (an input method in full-width mode), spaces, and for a
 * mobile the 3-4-4 dashes and a +86 / 86 prefix, all kept as the bare 11 digits.
 */
export function checkPhone(raw: string): string {
  const phone = foldFullWidth(raw).replace(/\s+/g, '');
  const mobile = phone.replace(/-/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (MOBILE.test(mobile)) return mobile;
  if (!LANDLINE.test(phone)) throw new AppError(InteractionErrors['interaction.phone.bad_format']);
  return phone;
}

export function checkEmail(email: string): string {
  if (!EMAIL.test(email)) throw new AppError(InteractionErrors['interaction.email.bad_format']);
  return email;
}

/** Trims, refuses blanks, checks phone, email and ID number formats. Messages never echo the value. */
export function validateLetter(input: LetterText): CleanLetter {
  const subject = requireText(input.subject, '标题', 'subject');
  const body = requireText(input.body, '内容', 'body');
  const name = requireText(input.name, '姓名', 'name');
  const phone = checkPhone(requireText(input.phone, '联系电话', 'phone'));
  const given = optional(input.email);
  const email = given === null ? null : checkEmail(given);
  const rawId = optional(input.idNumber);
  const idNumber = rawId === null ? null : foldFullWidth(rawId).replace(/\s+/g, '').toUpperCase();
  if (idNumber !== null && (!ID_NUMBER.test(idNumber) || !idChecksumOk(idNumber))) throw new AppError(InteractionErrors['interaction.id_number.bad_format']);
  return {
    mailboxId: input.mailboxId, letterType: input.letterType, isPublic: input.visibility === 'public', subject, body,
    personal: { name, phone, email, idNumber, address: optional(input.address) },
  };
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export function checkIdempotencyKey(key: string): string {
  if (!IDEMPOTENCY_KEY.test(key)) throw new AppError(InteractionErrors['interaction.idempotency.bad_key']);
  return key;
}
