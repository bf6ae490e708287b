import { DAY_MS, SHANGHAI_OFFSET_MS } from '../../platform/calendar/shanghai-day.js';

/** The Asia/Shanghai calendar day of an instant, `YYYY-MM-DD` (China keeps UTC+8 all year). */
export function analyticsDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day `n` days before `day` (n may be negative). */
export function dayBefore(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
