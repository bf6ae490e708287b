export interface CalendarDaysTable {
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  date: string;
  /** holiday: a weekday off; workday: a weekend day worked (调休). */
  kind: 'holiday' | 'workday';
  name: string;
}

export interface CalendarYearsTable {
  year: number;
  /** Where the year's data came from: `chinese-days@1.5.7`, `import:<file>`, `admin`. */
  source: string;
  imported_at: number;
  imported_by: number | null;
}

export interface CalendarTables {
  calendar_days: CalendarDaysTable;
  calendar_years: CalendarYearsTable;
}
