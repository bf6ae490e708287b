import type { CalendarService, DayInfo } from './calendar-service.js';
import { dayOfInstant, dayOfYmd, startOfDay, yearOfDay, ymdOfDay } from './shanghai-day.js';

export interface DeadlinePreview extends DayInfo {
  /** Working days added, when asked. */
  readonly add: number | null;
  /** End (23:59:59.999 Asia/Shanghai) of the `add`-th working day after `date`. */
  readonly deadline: { readonly date: string; readonly at: number } | null;
  /** Years between `date` and the deadline computed Mon–Fri for lack of data. */
  readonly missingYears: readonly number[];
}

/** What the admin console's "check a date" box shows. */
export async function previewDeadline(calendar: CalendarService, date: string, add?: number): Promise<DeadlinePreview> {
  const info = await calendar.dayInfo(date);
  const day = dayOfYmd(date) ?? 0; // dayInfo already refused an invalid date
  if (add === undefined) {
    return { ...info, add: null, deadline: null, missingYears: info.hasData ? [] : [yearOfDay(day)] };
  }
  const at = await calendar.addWorkingDays(startOfDay(day), add);
  const endDay = dayOfInstant(at);
  const years: number[] = [];
  for (let y = yearOfDay(day); y <= yearOfDay(endDay); y++) years.push(y);
  return { ...info, add, deadline: { date: ymdOfDay(endDay), at }, missingYears: await calendar.missingYears(years) };
}
