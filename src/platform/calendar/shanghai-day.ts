/**
 * Calendar days in Asia/Shanghai as plain integers ("day numbers": days since 1970-01-01
 * local), so working-day loops do integer arithmetic instead of building Date objects.
 *
 * A fixed +8 h offset is exact, not an approximation: China has used UTC+8 all year round
 * since it dropped daylight saving time in 1991, and the calendar data starts in 2004. A
 * fixed offset also keeps results independent of the server's TZ setting (the chinese-days
 * range functions get this wrong west of UTC; see chinese-days-data.ts).
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of the Asia/Shanghai calendar day that contains the instant `ms`. */
export function dayOfInstant(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Epoch ms of 00:00:00.000 Asia/Shanghai on the given day. */
export function startOfDay(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Epoch ms of 23:59:59.999 Asia/Shanghai on the given day (how deadlines are expressed). */
export function endOfDay(day: number): number {
  return (day + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1;
}

/** `YYYY-MM-DD` of a day number. */
export function ymdOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` string, or null when it is malformed or not a real date (2027-02-30). */
export function dayOfYmd(ymd: string): number | null {
  const m = YMD.exec(ymd);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC treats years 0–99 as 1900–1999 and rolls 02-30 over to 03-02: round-trip to refuse both.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekdayOfDay(day);
  return w === 0 || w === 6;
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** First day number of a calendar year. */
export function firstDayOfYear(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS;
}

export function daysInYear(year: number): number {
  return firstDayOfYear(year + 1) - firstDayOfYear(year);
}

export const WEEKDAY_ZH: readonly string[] = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
