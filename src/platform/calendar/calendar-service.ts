import type { Db } from '../../db/index.js';
import type { Clock } from '../clock.js';
import type { AuditLog, WorkingCalendar } from '../contracts.js';
import type { EventBus } from '../events/event-bus.js';
import { AppError } from '../http/error-registry.js';
import type { Actor } from '../identity/actor.js';
import { findCalendarYear, listCalendarDays, listCalendarYears } from './calendar-repo.js';
import { buildStatus, type CalendarStatus } from './calendar-status.js';
import type { CalendarDay, CalendarYear } from './calendar-types.js';
import { loadChineseDaysData, type ChineseDaysData } from './chinese-days-data.js';
import './errors.js';
import type { ImportYearInput, ParsedImportFile } from './import-input.js';
import { importYear, type ImportYearResult } from './import-year.js';
import { parseImportFile } from './parse-import-file.js';
import { seedFromChineseDays, type SeedReport } from './seed-from-chinese-days.js';
import { dayOfInstant, dayOfYmd, endOfDay, weekdayOfDay, yearOfDay } from './shanghai-day.js';
import { createYearCache } from './year-cache.js';
import { isWorkingIn, type YearTable } from './year-table.js';

export interface CalendarServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** When given, imports are announced on `calendar.changed` and other processes drop their cache. */
  readonly events?: EventBus;
  /** How long a process trusts its cached copy of a year (default 60 s). */
  readonly cacheTtlMs?: number;
  /** Tests inject a fixed data set; default: the installed chinese-days package. */
  readonly chineseDays?: () => ChineseDaysData;
}

export interface CalendarYearDetail {
  readonly year: number;
  /** False: no official data, computed Monday–Friday. */
  readonly hasData: boolean;
  readonly source: string | null;
  readonly importedAt: number | null;
  readonly importedBy: number | null;
  readonly days: readonly CalendarDay[];
}

export interface DayInfo {
  readonly date: string;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly isWorkingDay: boolean;
  readonly hasData: boolean;
  readonly exception: CalendarDay | null;
}

export interface CalendarService extends WorkingCalendar {
  /** Copies chinese-days years not yet present (idempotent; run at every start). */
  seedFromChineseDays(db: Db): Promise<SeedReport>;
  /** Replaces one year's exception days (needs calendar.manage); audited as `calendar.import`. */
  importYear(db: Db, actor: Actor, input: ImportYearInput): Promise<ImportYearResult>;
  /** Years with data, and the current/next year (plus `years`) that have none, with a warning. */
  status(years?: readonly number[]): Promise<CalendarStatus>;
  /** Reads an import file (JSON or CSV); throws `calendar.import_unreadable` naming the line. */
  parseImportFile(text: string): ParsedImportFile;
  getYear(year: number): Promise<CalendarYearDetail>;
  dayInfo(dateYmd: string): Promise<DayInfo>;
  /** Drops cached years (all when no year is given). */
  invalidate(year?: number): void;
}

const CHANNEL = 'calendar.changed';
/** Far beyond any legal deadline; stops a typo from looping over millennia. */
const MAX_WORKING_DAYS = 10_000;

export function createCalendarService(deps: CalendarServiceDeps): CalendarService {
  const { db, clock, audit } = deps;
  const cache = createYearCache(db, clock, deps.cacheTtlMs ?? 60_000);
  deps.events?.subscribe(CHANNEL, (data) => {
    const year = (data as { year?: unknown } | null)?.year;
    cache.invalidate(typeof year === 'number' ? year : undefined);
  });

  const table = (year: number): YearTable | Promise<YearTable> => cache.peek(year) ?? cache.get(year);

  function checkInstant(ms: number): void {
    if (!Number.isFinite(ms)) throw new AppError('calendar.invalid_instant', { value: String(ms) });
  }

  function checkDate(ymd: string): number {
    const day = dayOfYmd(ymd);
    if (day === null) throw new AppError('calendar.invalid_date', { date: ymd });
    return day;
  }

  async function isWorkingDay(dateYmd: string): Promise<boolean> {
    const day = checkDate(dateYmd);
    return isWorkingIn(await table(yearOfDay(day)), day);
  }

  return {
    async addWorkingDays(start, n) {
      checkInstant(start);
      if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) throw new AppError('calendar.invalid_count', { n: String(n) });
      // The day of `start` never counts (a letter received on Friday starts counting on the next working day).
      let day = dayOfInstant(start);
      if (n === 0) return endOfDay(day);
      let t = await table(yearOfDay(day + 1));
      let remaining = n;
      while (remaining > 0) {
        day++;
        if (day > t.lastDay) t = await table(t.year + 1);
        if (t.working[day - t.firstDay] === 1) remaining--;
      }
      return endOfDay(day);
    },

    async workingDaysBetween(from, to) {
      checkInstant(from);
      checkInstant(to);
      let day = dayOfInstant(from);
      const last = dayOfInstant(to);
      if (last <= day) return 0;
      let t = await table(yearOfDay(day + 1));
      let count = 0;
      while (day < last) {
        day++;
        if (day > t.lastDay) t = await table(t.year + 1);
        if (t.working[day - t.firstDay] === 1) count++;
      }
      return count;
    },

    isWorkingDay,

    async missingYears(years) {
      const unique = [...new Set(years)].sort((a, b) => a - b);
      const tables = await Promise.all(unique.map((y) => table(y)));
      return tables.filter((t) => !t.hasData).map((t) => t.year);
    },

    async seedFromChineseDays(trx) {
      const data = (deps.chineseDays ?? loadChineseDaysData)();
      const report = await seedFromChineseDays({ db: trx, audit, now: clock.now(), data });
      if (report.added.length > 0) cache.invalidate();
      return report;
    },

    async importYear(trx, actor, input) {
      const result = await importYear({ db: trx, actor, input, audit, now: clock.now() });
      cache.invalidate(result.year);
      await deps.events?.publish({ channel: CHANNEL, data: { year: result.year } });
      return result;
    },

    async status(years = []) {
      const current = yearOfDay(dayOfInstant(clock.now()));
      const rows: CalendarYear[] = await listCalendarYears(db);
      return buildStatus(rows, [current, current + 1, ...years]);
    },

    parseImportFile,

    async getYear(year) {
      const row = await findCalendarYear(db, year);
      const days = await listCalendarDays(db, year);
      return {
        year, hasData: row !== null, source: row?.source ?? null, importedAt: row?.importedAt ?? null,
        importedBy: row?.importedBy ?? null, days,
      };
    },

    async dayInfo(dateYmd) {
      const day = checkDate(dateYmd);
      const t = await table(yearOfDay(day));
      const working = isWorkingIn(t, day);
      const weekday = weekdayOfDay(day);
      const isWeekendDay = weekday === 0 || weekday === 6;
      // The table stores only the verdict; an exception is a verdict that differs from Mon–Fri.
      const exception = working === isWeekendDay
        ? (await listCalendarDays(db, t.year)).find((d) => d.date === dateYmd) ?? null
        : null;
      return { date: dateYmd, weekday, isWorkingDay: working, hasData: t.hasData, exception };
    },

    invalidate: (year) => cache.invalidate(year),
  };
}
