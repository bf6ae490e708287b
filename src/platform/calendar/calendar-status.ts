import type { CalendarYear } from './calendar-types.js';

export interface CalendarStatus {
  /** Years with official or imported data, oldest first. */
  readonly years: readonly { readonly year: number; readonly source: string; readonly importedAt: number }[];
  /** Years asked about (always the current and the next year) that have no data. */
  readonly missing: readonly number[];
  /** Shown on /healthz and in the admin console while `missing` is not empty. */
  readonly warning: string | null;
  readonly warningEn: string | null;
}

export function buildStatus(years: readonly CalendarYear[], wanted: readonly number[]): CalendarStatus {
  const present = new Set(years.map((y) => y.year));
  const missing = [...new Set(wanted)].filter((y) => !present.has(y)).sort((a, b) => a - b);
  return {
    years: years.map((y) => ({ year: y.year, source: y.source, importedAt: y.importedAt })),
    missing,
    warning: missing.length > 0 ? `缺少 ${missing.join('、')} 年节假日数据，工作日按周一至周五计算，请导入` : null,
    warningEn: missing.length > 0
      ? `No holiday data for ${missing.join(', ')}: working days are computed as Monday–Friday until the year is imported`
      : null,
  };
}
