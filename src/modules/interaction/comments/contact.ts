import type { FieldCipher } from '../../../platform/crypto/index.js';
import { maskFreeText } from '../mask-free-text.js';
import { maskName } from '../personal-data.js';

/** Bound to the consultation and the field, so a token copied elsewhere does not decrypt. */
const aad = (consultationId: number) => `consultations.contact:${consultationId}`;

/** An opinion's optional contact data (phone, email, or how to reach the person), sealed with SM4. */
export function sealContact(cipher: FieldCipher, consultationId: number, contact: string | undefined): string | null {
  const v = contact?.trim() ?? '';
  return v === '' ? null : cipher.encrypt(v.slice(0, 100), aad(consultationId));
}

/** Shown masked everywhere, the console included: phone numbers and emails as letters mask them, anything else but its first character. */
export function maskedContact(cipher: FieldCipher, consultationId: number | null, sealed: string | null): string {
  if (sealed === null || consultationId === null) return '';
  const plain = cipher.decrypt(sealed, aad(consultationId));
  const masked = maskFreeText(plain);
  return masked === plain ? maskName(plain) : masked;
}
