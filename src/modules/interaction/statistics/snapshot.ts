import type { Db } from '../../../db/index.js';
import { emptyCounts, figuresOf, type LetterCounts, type LetterFigures } from './figures.js';
import { statisticsPeriods } from './periods.js';

export interface StatisticsView {
  /** When the snapshot was computed; null before the first run (all figures zero). */
  readonly computedAt: number | null;
  readonly thisMonth: LetterFigures;
  readonly thisYear: LetterFigures;
  /** The 12 months up to the snapshot's month, oldest first. */
  readonly months: LetterFigures[];
}

/**
 * The snapshot's figures of some sites or regions. The periods are those of the snapshot's own
 * day, so on the first of a month, before the daily run, the page still shows last month as
 * "this month" with the time it was computed, rather than an empty month.
 */
export async function readStatistics(db: Db, scopeKind: 'site' | 'region', scopeIds: readonly number[], now: number): Promise<Map<number, StatisticsView>> {
  const out = new Map<number, StatisticsView>();
  if (scopeIds.length === 0) return out;
  const rows = await db.selectFrom('letter_statistics').selectAll().where('scope_kind', '=', scopeKind).where('scope_id', 'in', [...scopeIds]).execute();
  const computedAt = rows.reduce<number | null>((m, r) => Math.max(m ?? 0, Number(r.computed_at)), null);
  const { months, year } = statisticsPeriods(computedAt ?? now);
  const counts = new Map<string, LetterCounts>();
  for (const r of rows) {
    counts.set(`${Number(r.scope_id)}:${r.period}`, {
      received: Number(r.received), accepted: Number(r.accepted), closed: Number(r.closed), onTime: Number(r.on_time),
      handlingDays: Number(r.handling_days), rated: Number(r.rated), satisfied: Number(r.satisfied),
    });
  }
  for (const id of scopeIds) {
    const of = (p: { key: string; label: string }) => figuresOf(p, counts.get(`${id}:${p.key}`) ?? emptyCounts());
    const ms = months.map(of);
    out.set(id, { computedAt, thisMonth: ms[ms.length - 1]!, thisYear: of(year), months: ms });
  }
  return out;
}
