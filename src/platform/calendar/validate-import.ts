import { AppError, type FieldError } from '../http/error-registry.js';
import type { CalendarDay, DayKind } from './calendar-types.js';
import { summarize, type ImportDayInput, type ImportYearInput } from './import-input.js';
import { dayOfYmd, WEEKDAY_ZH, weekdayOfDay, isWeekend } from './shanghai-day.js';
import './errors.js';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const MAX_NAME = 100;
const MAX_SOURCE = 200;

/** Chinese aliases admins may type in a spreadsheet. */
const KINDS: Readonly<Record<string, DayKind>> = { holiday: 'holiday', 放假: 'holiday', workday: 'workday', 上班: 'workday' };

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
  const fail = (field: string, message: string): void => {
    errors.push({ field, code: 'calendar.import_invalid', message });
  };
  const { year } = input;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    fail('year', `年份“${String(year)}”无效，应为 ${MIN_YEAR}–${MAX_YEAR} 之间的整数`);
  }
  const source = typeof input.source === 'string' ? input.source.trim() : '';
  if (source === '' || source.length > MAX_SOURCE) fail('source', `来源（source）不能为空且不超过 ${MAX_SOURCE} 个字符`);

  const seen = new Map<string, string>();
  const days: CalendarDay[] = [];
  input.days.forEach((d, i) => {
    const where = place(d, i);
    const field = (name: string): string => (d.line !== undefined ? `line.${d.line}.${name}` : `days.${i}.${name}`);
    const date = d.date.trim();
    const day = dayOfYmd(date);
    const kind = KINDS[d.kind.trim().toLowerCase()];
    const name = d.name.trim();
    let ok = true;
    if (day === null) {
      ok = false;
      fail(field('date'), /^\d{4}-\d{2}-\d{2}$/.test(date)
        ? `${where}：“${date}”不是有效日期`
        : `${where}：日期“${date}”格式不正确，应为 YYYY-MM-DD（如 ${year}-01-01）`);
    } else if (Number(date.slice(0, 4)) !== year) {
      ok = false;
      fail(field('date'), `${where}：日期 ${date} 不在 ${year} 年内（一次只导入一年）`);
    }
    if (kind === undefined) {
      ok = false;
      fail(field('kind'), `${where}：类型“${d.kind}”无效，应为 holiday（放假）或 workday（调休上班）`);
    }
    if (name === '' || name.length > MAX_NAME) {
      ok = false;
      fail(field('name'), `${where}：名称不能为空且不超过 ${MAX_NAME} 个字（如“国庆节”）`);
    }
    if (day !== null && kind !== undefined && ok) {
      const weekday = WEEKDAY_ZH[weekdayOfDay(day)] ?? '';
      if (kind === 'holiday' && isWeekend(day)) {
        ok = false;
        fail(field('kind'), `${where}：${date} 是${weekday}，本来就休息，不要登记为放假日（只登记周一至周五的放假日）`);
      } else if (kind === 'workday' && !isWeekend(day)) {
        ok = false;
        fail(field('kind'), `${where}：${date} 是${weekday}，本来就上班，不要登记为调休上班日（只登记周六、周日的上班日）`);
      }
    }
    const first = seen.get(date);
    if (day !== null && first !== undefined) {
      ok = false;
      fail(field('date'), `${where}：日期 ${date} 重复（${first}已登记）`);
    } else if (day !== null) {
      seen.set(date, where);
    }
    if (ok && kind !== undefined) days.push({ date, kind, name });
  });
  if (errors.length > 0) throw new AppError('calendar.import_invalid', { count: errors.length, summary: summarize(errors) }, errors);
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year, source, days };
}

function place(d: ImportDayInput, i: number): string {
  return d.line !== undefined ? `第 ${d.line} 行` : `第 ${i + 1} 项（days[${i}]）`;
}
