import { randomInt } from 'node:crypto';
import { dayOfInstant, ymdOfDay } from '../../platform/calendar/index.js';

/** No 0/O, 1/I/L: the password is read off a screen and typed in again. */
const PASSWORD_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const PASSWORD_LENGTH = 8;

/** 查询编号: the day of receipt (Asia/Shanghai) and 6 random digits, e.g. 20261127482913. */
export function newQueryCode(now: number): string {
  return `${ymdOfDay(dayOfInstant(now)).replace(/-/g, '')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/**
 * A query code no row holds yet (`prefix` keeps kinds apart, e.g. "JC" for error reports): drawn
 * again while `taken` finds it. The unique index still settles a race; see retryOnCodeClash.
 */
export async function freshQueryCode(now: number, taken: (code: string) => Promise<boolean>, prefix = ''): Promise<string> {
  for (;;) {
    const code = `${prefix}${newQueryCode(now)}`;
    if (!(await taken(code))) return code;
  }
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

/**
 * Runs an insert that draws a random query code, again (up to 3 times) when another row took the
 * same code between the check and the insert (the unique index on `<table>.query_code`, in
 * either engine's wording). The losing attempt stored nothing: it ran in its own transaction.
 */
export async function retryOnCodeClash<T>(table: 'letters' | 'error_reports', once: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once();
    } catch (err) {
      if (attempt >= 3 || !isCodeClash(err, table)) throw err;
    }
  }
}

/** The error of an insert whose query code another row of `table` took meanwhile (both engines' wording). */
export function isCodeClash(err: unknown, table: 'letters' | 'error_reports'): boolean {
  const e = err as { message?: unknown; constraint?: unknown } | null;
  return new RegExp(`${table}\\.query_code|${table}_query_code`).test(`${String(e?.message ?? '')} ${String(e?.constraint ?? '')}`);
}
