import { api } from '../../app/api-client';

export type DayKind = 'holiday' | 'workday';

export interface CalendarDay {
  readonly date: string;
  readonly kind: DayKind;
  readonly name: string;
}

export interface CalendarStatus {
  readonly years: readonly { readonly year: number; readonly source: string; readonly importedAt: number }[];
  readonly missing: readonly number[];
  readonly warning: string | null;
  readonly warningEn?: string | null;
}

export interface DateCheck {
  readonly date: string;
  readonly isWorkingDay: boolean;
  /** Epoch ms, or {date, at} (end of the last working day, Beijing time). */
  readonly deadline: number | { readonly date: string; readonly at: number } | null;
  /** Years on the way for which the calendar has no data (computed Mon–Fri). */
  readonly missingYears?: readonly number[];
}

/** The year endpoint names its list `days` (older drafts: `items`). */
export interface YearDays {
  readonly days?: readonly CalendarDay[];
  readonly items?: readonly CalendarDay[];
}

export type CalendarImport = { readonly year: number; readonly days: readonly CalendarDay[] } | { readonly csv: string };

export const calendarKeys = {
  status: ['calendar', 'status'] as const,
  year: (year: number) => ['calendar', 'year', year] as const,
};

export const calendarApi = {
  status: () => api.get<CalendarStatus>('/api/v1/calendar/status'),
  year: (year: number) => api.get<YearDays>(`/api/v1/calendar/years/${year}`),
  import: (input: CalendarImport) => api.post<unknown>('/api/v1/calendar/import', input),
  check: (date: string, add: number) => api.get<DateCheck>('/api/v1/calendar/check', { date, add }),
};
