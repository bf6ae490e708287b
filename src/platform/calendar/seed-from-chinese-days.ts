import { inTransaction, type Db } from '../../db/index.js';
import type { AuditLog } from '../contracts.js';
import { systemActor } from '../identity/actor.js';
import { insertCalendarYearIfAbsent, listCalendarYears } from './calendar-repo.js';
import type { ChineseDaysData } from './chinese-days-data.js';

export interface SeedReport {
  readonly source: string;
  /** Years this call wrote. */
  readonly added: readonly number[];
  /** Years the package covers that were already present (seeded before or imported by an admin). */
  readonly skipped: readonly number[];
}

/**
 * Copies every year the package covers into the calendar tables, but only years not yet
 * present: an admin's import always wins over the package, and running this at every start
 * costs one small query once the years are in.
 */
export async function seedFromChineseDays(deps: {
  readonly db: Db;
  readonly audit: AuditLog;
  readonly now: number;
  readonly data: ChineseDaysData;
}): Promise<SeedReport> {
  const { data } = deps;
  const present = new Set((await listCalendarYears(deps.db)).map((y) => y.year));
  const wanted = [...data.years.keys()].filter((y) => !present.has(y));
  const skipped = [...data.years.keys()].filter((y) => present.has(y));
  if (wanted.length === 0) return { source: data.source, added: [], skipped };
  const added = await inTransaction(deps.db, async (trx) => {
    const done: number[] = [];
    for (const year of wanted) {
      const days = data.years.get(year) ?? [];
      const inserted = await insertCalendarYearIfAbsent(trx, { year, source: data.source, importedAt: deps.now, importedBy: null }, days);
      if (inserted) done.push(year);
    }
    if (done.length > 0) {
      await deps.audit.append(trx, systemActor('calendar-seed'), {
        action: 'calendar.seed', result: 'success', targetType: 'calendar_year', targetId: done.join(','),
        detail: { source: data.source, years: done },
      });
    }
    return done;
  });
  return { source: data.source, added, skipped: [...skipped, ...wanted.filter((y) => !added.includes(y))] };
}
