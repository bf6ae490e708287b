import type { FieldCipher } from '../../../platform/crypto/index.js';
import { maskEmail, maskName, maskPhone } from '../personal-data.js';
import { checkEmail, checkPhone, optionalText } from '../validate-letter.js';

/** The visitor's optional contact: personal data, sealed with SM4 at rest, shown masked. */
export interface ReportContact {
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

type Sealed = { name_enc: string | null; phone_enc: string | null; email_enc: string | null };

/** Bound to the report and the field, so a token copied elsewhere does not decrypt. */
const aad = (queryCode: string, field: string) => `error_reports.${field}:${queryCode}`;

/** Blank fields count as not given; phone and email formats are checked as for letters. */
export function cleanContact(input: { name?: string | undefined; phone?: string | undefined; email?: string | undefined }): ReportContact {
  const phone = optionalText(input.phone);
  const email = optionalText(input.email);
  return { name: optionalText(input.name), phone: phone === null ? null : checkPhone(phone), email: email === null ? null : checkEmail(email) };
}

export function sealContact(cipher: FieldCipher, queryCode: string, c: ReportContact): Sealed {
  const seal = (field: keyof ReportContact) => { const v = c[field]; return v === null ? null : cipher.encrypt(v, aad(queryCode, field)); };
  return { name_enc: seal('name'), phone_enc: seal('phone'), email_enc: seal('email') };
}

export function openContact(cipher: FieldCipher, queryCode: string, row: Sealed): ReportContact {
  const open = (field: keyof ReportContact, v: string | null) => (v === null ? null : cipher.decrypt(v, aad(queryCode, field)));
  return { name: open('name', row.name_enc), phone: open('phone', row.phone_enc), email: open('email', row.email_enc) };
}

export function maskContact(c: ReportContact): ReportContact {
  return {
    name: c.name === null ? null : maskName(c.name),
    phone: c.phone === null ? null : maskPhone(c.phone),
    email: c.email === null ? null : maskEmail(c.email),
  };
}
