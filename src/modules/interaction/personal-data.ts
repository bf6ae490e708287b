import type { FieldCipher } from '../../platform/crypto/index.js';

/** What a citizen tells about themselves: personal data, encrypted at rest, shown masked. */
export interface PersonalData {
  readonly name: string;
  readonly phone: string;
  readonly email: string | null;
  readonly idNumber: string | null;
  readonly address: string | null;
}

export interface SealedPersonalData {
  readonly name_enc: string;
  readonly phone_enc: string;
  readonly email_enc: string | null;
  readonly id_number_enc: string | null;
  readonly address_enc: string | null;
}

/** Bound to the letter and the field, so a token copied into another row or column does not decrypt. */
export function personalAad(queryCode: string, field: string): string {
  return `letters.${field}:${queryCode}`;
}

/** The name of a letter's attachment as uploaded: sealed if written since migration 0020, else the plain legacy name. */
export function openAttachmentName(cipher: FieldCipher, queryCode: string, position: number, row: { readonly file_name: string; readonly file_name_enc: string | null }): string {
  return row.file_name_enc === null ? row.file_name : cipher.decrypt(row.file_name_enc, personalAad(queryCode, `attachment.${position}.name`));
}

export function sealPersonalData(cipher: FieldCipher, queryCode: string, pd: PersonalData): SealedPersonalData {
  const seal = (field: string, v: string | null) => (v === null ? null : cipher.encrypt(v, personalAad(queryCode, field)));
  return {
    name_enc: cipher.encrypt(pd.name, personalAad(queryCode, 'name')),
    phone_enc: cipher.encrypt(pd.phone, personalAad(queryCode, 'phone')),
    email_enc: seal('email', pd.email),
    id_number_enc: seal('id_number', pd.idNumber),
    address_enc: seal('address', pd.address),
  };
}

export function openPersonalData(cipher: FieldCipher, queryCode: string, row: SealedPersonalData): PersonalData {
  const open = (field: string, v: string | null) => (v === null ? null : cipher.decrypt(v, personalAad(queryCode, field)));
  return {
    name: cipher.decrypt(row.name_enc, personalAad(queryCode, 'name')),
    phone: cipher.decrypt(row.phone_enc, personalAad(queryCode, 'phone')),
    email: open('email', row.email_enc),
    idNumber: open('id_number', row.id_number_enc),
    address: open('address', row.address_enc),
  };
}

const stars = (n: number) => '*'.repeat(Math.max(1, n));

/** 张三 → 张*; 欧阳修远 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${stars(chars.length - 1)}`;
}

/** 13812345678 → 138****5678; 025-83391234 → 025****1234 (the first 3 and last 4 digits stay). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return stars(digits.length);
  return `${digits.slice(0, 3)}${stars(digits.length - 7)}${digits.slice(-4)}`;
}

/** 110101199003071234 → 1101**********1234. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return stars(id.length);
  return `${id.slice(0, 4)}${stars(id.length - 8)}${id.slice(-4)}`;
}

/** zhang.san@example.cn → z***@example.cn. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return stars(3);
  return `${[...email.slice(0, at)][0] ?? ''}***${email.slice(at)}`;
}

/** Keeps the first 6 characters (usually province and city), hides the rest. */
export function maskAddress(address: string): string {
  const chars = [...address];
  return chars.length <= 6 ? `${chars.slice(0, 2).join('')}****` : `${chars.slice(0, 6).join('')}****`;
}

export interface MaskedPersonalData {
  readonly name: string;
  readonly phone: string;
  readonly email: string | null;
  readonly idNumber: string | null;
  readonly address: string | null;
}

export function maskPersonalData(pd: PersonalData): MaskedPersonalData {
  return {
    name: maskName(pd.name), phone: maskPhone(pd.phone),
    email: pd.email === null ? null : maskEmail(pd.email),
    idNumber: pd.idNumber === null ? null : maskIdNumber(pd.idNumber),
    address: pd.address === null ? null : maskAddress(pd.address),
  };
}
