/**
 * Resident identity numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit
 * sequence, 1 check character (ISO 7064 MOD 11-2; 10 is written X). Old 15-digit numbers have
 * a 6-digit birth date (19YYMMDD) and no check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes in use (incl. 81/82/83: residence permits of Hong Kong, Macao, Taiwan residents). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

function digit(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/** The check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += digit(first17, i) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

function validRegion(s: string): boolean {
  return PROVINCES.has(digit(s, 0) * 10 + digit(s, 1));
}

/** An 18-character number with a known province, a real birth date (1900–2099) and the right check character. */
export function isValidId18(s: string): boolean {
  if (!/^[0-9]{17}[0-9Xx]$/.test(s) || !validRegion(s)) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (!validDate(y, m, d)) return false;
  return idCheckChar(s) === s.charAt(17).toUpperCase();
}

/** A 15-digit old number with a known province and a real birth date in the 1900s. */
export function isValidId15(s: string): boolean {
  if (!/^[0-9]{15}$/.test(s) || !validRegion(s)) return false;
  return validDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)));
}
