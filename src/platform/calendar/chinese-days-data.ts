import { createRequire } from 'node:module';
import { dayOfYmd, isWeekend } from './shanghai-day.js';
import type { CalendarDay } from './calendar-types.js';

/**
 * The official holiday data shipped in the `chinese-days` package, reduced to exceptions
 * to the Mon–Fri rule and grouped by calendar year.
 *
 * Why the raw JSON (`dist/chinese-days.json`) and not the package's functions
 * (`getHolidaysInRange`, `getDayDetail`, …): those build their date tables with a mix of
 * UTC parsing and local-time formatting, so on a server whose TZ is west of UTC (e.g.
 * America/New_York) every date shifts by one day (2026-09-30 comes out as 国庆节). The JSON
 * is the package's own build output of the same tables with plain `YYYY-MM-DD` keys, so
 * reading it is independent of the process time zone. A unit test cross-checks it against
 * the package's functions run under TZ=Asia/Shanghai.
 */
export interface ChineseDaysData {
  /** `chinese-days@<version>`, recorded as the source of each seeded year. */
  readonly source: string;
  /** Exception days per year, for every year the package has data for. */
  readonly years: ReadonlyMap<number, readonly CalendarDay[]>;
}

interface RawData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let cached: ChineseDaysData | null = null;

/** Loads (once per process) and converts the package's data. */
export function loadChineseDaysData(): ChineseDaysData {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const pkg = require('chinese-days/package.json') as { version?: unknown };
  const raw = require('chinese-days/dist/chinese-days.json') as unknown;
  cached = convertChineseDays(raw, `chinese-days@${String(pkg.version)}`);
  return cached;
}

/** Pure conversion, exported for tests: keeps weekday holidays and weekend workdays. */
export function convertChineseDays(raw: unknown, source: string): ChineseDaysData {
  if (!isRawData(raw)) throw new Error('chinese-days data has an unexpected shape (expected { holidays, workdays })');
  const years = new Map<number, CalendarDay[]>();
  const add = (date: string, kind: CalendarDay['kind'], label: string): void => {
    const day = dayOfYmd(date);
    if (day === null) throw new Error(`chinese-days data has an invalid date ${date}`);
    // A holiday on a Saturday or Sunday changes nothing (the day is off anyway), and a
    // "workday" on Monday–Friday is the rule: neither is an exception worth storing.
    if ((kind === 'holiday') === isWeekend(day)) return;
    const year = Number(date.slice(0, 4));
    const list = years.get(year) ?? [];
    list.push({ date, kind, name: chineseName(label) });
    years.set(year, list);
  };
  for (const [date, label] of Object.entries(raw.holidays)) add(date, 'holiday', label);
  for (const [date, label] of Object.entries(raw.workdays)) add(date, 'workday', label);
  // Every year with any holiday is covered, even if all its holidays fell on weekends.
  for (const date of Object.keys(raw.holidays)) {
    const year = Number(date.slice(0, 4));
    if (!years.has(year)) years.set(year, []);
  }
  for (const list of years.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { source, years: new Map([...years.entries()].sort((a, b) => a[0] - b[0])) };
}

/** Labels look like `National Day,国庆节,3` (English, Chinese, length); keep the Chinese name. */
function chineseName(label: string): string {
  const parts = label.split(',');
  return (parts[1] ?? parts[0] ?? label).trim() || label;
}

function isRawData(v: unknown): v is RawData {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return isStringMap(o.holidays) && isStringMap(o.workdays);
}

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');
}
