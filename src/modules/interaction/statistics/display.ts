import { formatShanghai } from '../../../platform/i18n/format-time.js';
import type { LetterFigures } from './figures.js';
import type { StatisticsView } from './snapshot.js';

/** A figure as the page prints it: rates with a percent sign, an absent rate as a dash. */
export function displayFigures(f: LetterFigures) {
  const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}%`);
  return {
    label: f.label, received: f.received, accepted: f.accepted, closed: f.closed,
    onTimeRate: pct(f.onTimeRate), averageWorkingDays: f.averageWorkingDays === null ? '—' : f.averageWorkingDays.toFixed(1), satisfactionRate: pct(f.satisfactionRate),
  };
}

export function displayView(v: StatisticsView) {
  return { thisMonth: displayFigures(v.thisMonth), thisYear: displayFigures(v.thisYear), months: v.months.map(displayFigures) };
}

export const computedAtText = (v: StatisticsView | undefined) => (v?.computedAt == null ? '' : formatShanghai(v.computedAt));
