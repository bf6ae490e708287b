import type { CalendarDay } from './calendar-api';

/** Reads pasted JSON: an array of days, or an object with a `days` array. Throws with a reason. */
export function parseDaysJson(text: string): CalendarDay[] {
  const value: unknown = JSON.parse(text);
  const list = Array.isArray(value) ? value : (value as { days?: unknown } | null)?.days;
  if (!Array.isArray(list)) throw new Error('expected an array of days, or {"days": [...]}');
  return list.map((item, i) => {
    const d = item as Partial<CalendarDay> | null;
    if (!d || typeof d.date !== 'string' || (d.kind !== 'holiday' && d.kind !== 'workday')) {
      throw new Error(`#${i + 1}: needs "date" and "kind" (holiday | workday)`);
    }
    return { date: d.date, kind: d.kind, name: typeof d.name === 'string' ? d.name : '' };
  });
}

/** The year a CSV is about, from its first date, for the confirmation message. */
export function csvYear(text: string): number | null {
  const match = /\b(\d{4})-\d{2}-\d{2}\b/.exec(text);
  return match?.[1] ? Number(match[1]) : null;
}
