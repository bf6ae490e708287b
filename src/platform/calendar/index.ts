/** The working-day calendar: holidays and make-up working days as data, deadlines in Asia/Shanghai. */
export {
  createCalendarService,
  type CalendarService, type CalendarServiceDeps, type CalendarYearDetail, type DayInfo,
} from './calendar-service.js';
export type { CalendarStatus } from './calendar-status.js';
export type { CalendarDay, CalendarYear, DayKind } from './calendar-types.js';
export type { ImportDayInput, ImportYearInput, ParsedImportFile } from './import-input.js';
export type { ImportYearResult } from './import-year.js';
export type { SeedReport } from './seed-from-chinese-days.js';
export { CalendarErrors } from './errors.js';
export { calendarRoutes } from './calendar.routes.js';
export { dayOfInstant, endOfDay, startOfDay, ymdOfDay, dayOfYmd, isWeekend, SHANGHAI_OFFSET_MS } from './shanghai-day.js';
