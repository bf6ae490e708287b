/** Shapes shared by the calendar's files (the service's public types live in calendar-service.ts). */
export type DayKind = 'holiday' | 'workday';

/** One exception to the Mon–Fri rule: a weekday off (holiday) or a weekend day worked (调休 workday). */
export interface CalendarDay {
  readonly date: string;
  readonly kind: DayKind;
  readonly name: string;
}

export interface CalendarYear {
  readonly year: number;
  readonly source: string;
  readonly importedAt: number;
  readonly importedBy: number | null;
}
