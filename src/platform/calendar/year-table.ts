import type { CalendarDay } from './calendar-types.js';
import { dayOfYmd, daysInYear, firstDayOfYear, isWeekend } from './shanghai-day.js';

/**
 * One year's working days as a flat array indexed by day of year, so the deadline loops
 * answer "is this a working day?" with one array read and no allocation.
 */
export interface YearTable {
  readonly year: number;
  /** calendar_years has a row: official (or imported) data, not the Mon–Fri fallback. */
  readonly hasData: boolean;
  readonly firstDay: number;
  readonly lastDay: number;
  /** 1 = working day, 0 = day off; index = day - firstDay. */
  readonly working: Uint8Array;
  /** When the table was loaded (clock ms), for the cache's time-to-live. */
  readonly loadedAt: number;
}

export function buildYearTable(year: number, hasData: boolean, days: readonly CalendarDay[], loadedAt: number): YearTable {
  const firstDay = firstDayOfYear(year);
  const length = daysInYear(year);
  const working = new Uint8Array(length);
  for (let i = 0; i < length; i++) working[i] = isWeekend(firstDay + i) ? 0 : 1;
  for (const d of days) {
    const day = dayOfYmd(d.date);
    if (day === null || day < firstDay || day >= firstDay + length) continue;
    working[day - firstDay] = d.kind === 'workday' ? 1 : 0;
  }
  return { year, hasData, firstDay, lastDay: firstDay + length - 1, working, loadedAt };
}

export function isWorkingIn(table: YearTable, day: number): boolean {
  return table.working[day - table.firstDay] === 1;
}
