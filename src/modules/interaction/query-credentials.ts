import { randomInt } from 'node:crypto';
import { dayOfInstant, ymdOfDay } from '../../platform/calendar/index.js';

/** No 0/O, 1/I/L: the password is read off a screen and typed in again. */
const PASSWORD_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const PASSWORD_LENGTH = 8;

/** 查询编号: the day of receipt (Asia/Shanghai) and 6 random digits, e.g. 20261127482913. */
export function newQueryCode(now: number): string {
  return `${ymdOfDay(dayOfInstant(now)).replace(/-/g, '')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/** 查询密码: 8 characters from 31 (about 40 bits); with the look-up throttle that is plenty. */
export function newQueryPassword(): string {
  let out = '';
  for (let i = 0; i < PASSWORD_LENGTH; i++) out += PASSWORD_ALPHABET[randomInt(0, PASSWORD_ALPHABET.length)];
  return out;
}

/** Codes and passwords as citizens type them: spaces dropped, letters upper-cased. */
export function normalizeCredential(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}
