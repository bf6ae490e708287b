/** The sums kept per site or region and period; every published figure is derived from them. */
export interface LetterCounts {
  received: number;
  accepted: number;
  closed: number;
  onTime: number;
  handlingDays: number;
  rated: number;
  satisfied: number;
}

export const COUNT_KEYS = ['received', 'accepted', 'closed', 'onTime', 'handlingDays', 'rated', 'satisfied'] as const satisfies readonly (keyof LetterCounts)[];

export const emptyCounts = (): LetterCounts => ({ received: 0, accepted: 0, closed: 0, onTime: 0, handlingDays: 0, rated: 0, satisfied: 0 });

export function addCounts(into: LetterCounts, add: LetterCounts): LetterCounts {
  for (const k of COUNT_KEYS) into[k] += add[k];
  return into;
}

export interface LetterFigures {
  readonly period: string;
  readonly label: string;
  readonly received: number;
  readonly accepted: number;
  readonly closed: number;
  readonly onTime: number;
  readonly rated: number;
  readonly satisfied: number;
  /** Percent with one decimal; null when nothing was closed (or rated): no rate rather than a made-up 0 or 100. */
  readonly onTimeRate: number | null;
  /** Working days, one decimal; null when nothing was closed. */
  readonly averageWorkingDays: number | null;
  readonly satisfactionRate: number | null;
}

const oneDecimal = (x: number) => Math.round(x * 10) / 10;
const ratio = (part: number, whole: number) => (whole === 0 ? null : oneDecimal((part / whole) * 100));

export function figuresOf(period: { key: string; label: string }, c: LetterCounts): LetterFigures {
  return {
    period: period.key, label: period.label, received: c.received, accepted: c.accepted, closed: c.closed, onTime: c.onTime, rated: c.rated, satisfied: c.satisfied,
    onTimeRate: ratio(c.onTime, c.closed), averageWorkingDays: c.closed === 0 ? null : oneDecimal(c.handlingDays / c.closed), satisfactionRate: ratio(c.satisfied, c.rated),
  };
}
