import { AppError, fieldError, type FieldError } from '../http/error-registry.js';
import type { CalendarDay, DayKind } from './calendar-types.js';
import { summarize, summarizeEn, type ImportDayInput, type ImportYearInput } from './import-input.js';
import { dayOfYmd, WEEKDAY_ZH, weekdayOfDay, isWeekend } from './shanghai-day.js';
import './errors.js';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const MAX_NAME = 100;
const MAX_SOURCE = 200;

/** Chinese aliases admins may type in a spreadsheet. */
const KINDS: Readonly<Record<string, DayKind>> = { holiday: 'holiday', 放假: 'holiday', workday: 'workday', 上班: 'workday' };
const WEEKDAY_EN: readonly string[] = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface ValidImport {
  readonly year: number;
  readonly source: string;
  readonly days: readonly CalendarDay[];
}

/**
 * Checks an import and returns it normalized (sorted, kinds in English), or throws
 * `calendar.import_invalid` listing every problem with its CSV line or JSON position.
 *
 * Strict by design: only exceptions to Mon–Fri are stored, so a holiday must fall on
 * Monday–Friday and a make-up working day on Saturday/Sunday. Official notices list whole
 * holiday periods including weekends; the error message says to leave those days out
 * rather than silently dropping them, so what is stored is exactly what was sent.
 */
export function validateImport(input: ImportYearInput): ValidImport {
  const errors: FieldError[] = [];
  const fail = (field: string, zh: string, en: string): void => {
    errors.push(fieldError(field, 'calendar.import_invalid', zh, en));
  };
  const { year } = input;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    fail('year', `年份“${String(year)}”无效，应为 ${MIN_YEAR}–${MAX_YEAR} 之间的整数`, `Year "${String(year)}" is invalid: it must be a whole number from ${MIN_YEAR} to ${MAX_YEAR}`);
  }
  const source = typeof input.source === 'string' ? input.source.trim() : '';
  if (source === '' || source.length > MAX_SOURCE) fail('source', `来源（source）不能为空且不超过 ${MAX_SOURCE} 个字符`, `Source (source) must not be blank and at most ${MAX_SOURCE} characters`);

  const seen = new Map<string, { zh: string; en: string }>();
  const days: CalendarDay[] = [];
  input.days.forEach((d, i) => {
    const { zh: where, en: whereEn } = place(d, i);
    const field = (name: string): string => (d.line !== undefined ? `line.${d.line}.${name}` : `days.${i}.${name}`);
    const date = d.date.trim();
    const day = dayOfYmd(date);
    const kind = KINDS[d.kind.trim().toLowerCase()];
    const name = d.name.trim();
    let ok = true;
    if (day === null) {
      ok = false;
      if (/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(field('date'), `${where}：“${date}”不是有效日期`, `${whereEn}: "${date}" is not a real date`);
      else fail(field('date'), `${where}：日期“${date}”格式不正确，应为 YYYY-MM-DD（如 ${year}-01-01）`, `${whereEn}: date "${date}" is malformed; write YYYY-MM-DD (e.g. ${year}-01-01)`);
    } else if (Number(date.slice(0, 4)) !== year) {
      ok = false;
      fail(field('date'), `${where}：日期 ${date} 不在 ${year} 年内（一次只导入一年）`, `${whereEn}: date ${date} is not in ${year} (one year is imported at a time)`);
    }
    if (kind === undefined) {
      ok = false;
      fail(field('kind'), `${where}：类型“${d.kind}”无效，应为 holiday（放假）或 workday（调休上班）`, `${whereEn}: kind "${d.kind}" is invalid; use holiday (day off) or workday (make-up working day)`);
    }
    if (name === '' || name.length > MAX_NAME) {
      ok = false;
      fail(field('name'), `${where}：名称不能为空且不超过 ${MAX_NAME} 个字（如“国庆节”）`, `${whereEn}: the name must not be blank and at most ${MAX_NAME} characters (e.g. "National Day")`);
    }
    if (day !== null && kind !== undefined && ok) {
      const weekday = WEEKDAY_ZH[weekdayOfDay(day)] ?? '';
      const weekdayEn = WEEKDAY_EN[weekdayOfDay(day)] ?? '';
      if (kind === 'holiday' && isWeekend(day)) {
        ok = false;
        fail(field('kind'), `${where}：${date} 是${weekday}，本来就休息，不要登记为放假日（只登记周一至周五的放假日）`,
          `${whereEn}: ${date} is a ${weekdayEn}, a rest day anyway; do not register it as a holiday (only Monday–Friday holidays are registered)`);
      } else if (kind === 'workday' && !isWeekend(day)) {
        ok = false;
        fail(field('kind'), `${where}：${date} 是${weekday}，本来就上班，不要登记为调休上班日（只登记周六、周日的上班日）`,
          `${whereEn}: ${date} is a ${weekdayEn}, a working day anyway; do not register it as a make-up working day (only Saturday and Sunday working days are registered)`);
      }
    }
    const first = seen.get(date);
    if (day !== null && first !== undefined) {
      ok = false;
      fail(field('date'), `${where}：日期 ${date} 重复（${first.zh}已登记）`, `${whereEn}: date ${date} is repeated (already given at ${first.en.toLowerCase()})`);
    } else if (day !== null) {
      seen.set(date, { zh: where, en: whereEn });
    }
    if (ok && kind !== undefined) days.push({ date, kind, name });
  });
  if (errors.length > 0) throw new AppError('calendar.import_invalid', { count: errors.length, summary: summarize(errors), summaryEn: summarizeEn(errors) }, errors);
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year, source, days };
}

function place(d: ImportDayInput, i: number): { zh: string; en: string } {
  return d.line !== undefined ? { zh: `第 ${d.line} 行`, en: `Line ${d.line}` } : { zh: `第 ${i + 1} 项（days[${i}]）`, en: `Item ${i + 1} (days[${i}])` };
}
