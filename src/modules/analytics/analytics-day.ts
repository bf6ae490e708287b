import { dayOfInstant, dayOfYmd, ymdOfDay } from '../../platform/calendar/index.js';

/**
 * Analytics days are `YYYY-MM-DD` strings of the Asia/Shanghai calendar (the stored column);
 * the arithmetic is the calendar's day numbers.
 */
export function analyticsDay(ms: number): string {
  return ymdOfDay(dayOfInstant(ms));
}

/** The day `n` days before a valid `day` (n may be negative). */
export function dayBefore(day: string, n: number): string {
  return ymdOfDay((dayOfYmd(day) as number) - n);
}

/** Every day from `from` to `to` (both valid), both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayOfYmd(from) as number, end = dayOfYmd(to) as number; d <= end; d++) out.push(ymdOfDay(d));
  return out;
}
