import { CronExpressionParser } from 'cron-parser';
import { AppError } from '../http/error-registry.js';

/** Schedules are written and read in the local time of the province. */
export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

const MACROS = new Set(['@hourly', '@daily', '@weekly', '@monthly', '@yearly', '@annually', '@weekdays', '@weekends']);

/**
 * Accepts classic five-field cron (minute hour day month weekday) and the common macros.
 * cron-parser alone would also take 4 or 6 fields (seconds), which; an operator
 * would not expect that (`0 9 * * *` means 09:00 daily), so the field count is checked first.
 */
export function validateCron(cron: string): string {
  const expr = cron.trim().replace(/\s+/g, ' ');
  const fields = expr.split(' ');
  const ok = (fields.length === 5 || (fields.length === 1 && MACROS.has(expr))) && expr.length <= 100;
  if (!ok) throw new AppError('jobs.bad_cron', { cron });
  try {
    CronExpressionParser.parse(expr, { tz: SCHEDULE_TIME_ZONE });
  } catch {
    throw new AppError('jobs.bad_cron', { cron });
  }
  return expr;
}

/** The first occurrence strictly after `after` (epoch ms). */
export function nextOccurrence(cron: string, after: number): number {
  return CronExpressionParser.parse(cron, { currentDate: new Date(after), tz: SCHEDULE_TIME_ZONE }).next().getTime();
}
