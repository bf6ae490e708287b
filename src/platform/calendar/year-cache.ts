import type { Db } from '../../db/index.js';
import type { Clock } from '../clock.js';
import { findCalendarYear, listCalendarDays } from './calendar-repo.js';
import { buildYearTable, type YearTable } from './year-table.js';

export interface YearCache {
  /** The cached table if it is still fresh: lets hot loops skip an await. */
  peek(year: number): YearTable | undefined;
  get(year: number): Promise<YearTable>;
  invalidate(year?: number): void;
}

/**
 * Year tables kept in memory. An import in this process invalidates its year at once; an
 * import in another process (PostgreSQL scale-out) is seen after at most `ttlMs`, or at once
 * when the service is given an event bus that carries `calendar.changed` across processes.
 * Concurrent first uses of a year share one database load.
 */
export function createYearCache(db: Db, clock: Clock, ttlMs: number): YearCache {
  const tables = new Map<number, YearTable>();
  const loading = new Map<number, Promise<YearTable>>();
  // Bumped by invalidate: a load that started before an import must not cache pre-import data.
  let generation = 0;

  const fresh = (t: YearTable): boolean => Math.abs(clock.now() - t.loadedAt) < ttlMs;

  async function load(year: number): Promise<YearTable> {
    const row = await findCalendarYear(db, year);
    const days = await listCalendarDays(db, year);
    return buildYearTable(year, row !== null, days, clock.now());
  }

  return {
    peek(year) {
      const t = tables.get(year);
      return t && fresh(t) ? t : undefined;
    },
    get(year) {
      const t = tables.get(year);
      if (t && fresh(t)) return Promise.resolve(t);
      const pending = loading.get(year);
      if (pending) return pending;
      const gen = generation;
      const p = load(year).then((table) => {
        if (gen === generation) tables.set(year, table);
        return table;
      }).finally(() => {
        if (loading.get(year) === p) loading.delete(year);
      });
      loading.set(year, p);
      return p;
    },
    invalidate(year) {
      generation++;
      if (year === undefined) {
        tables.clear();
        loading.clear();
      } else {
        tables.delete(year);
        loading.delete(year);
      }
    },
  };
}
