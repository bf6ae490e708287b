import type { Platform } from '../../platform/platform.js';
import type { Db } from '../../db/index.js';
import { analyticsDay, dayBefore } from './analytics-day.js';

/** Daily: sketches of finished days go, page rows older than PAGE_DAYS_KEEP go. */
export const CLOSE_DAYS_KIND = 'analytics.close_days';
/** Views per page are kept a little over a year (popular content, season against season); per site and day for ever. */
export const PAGE_DAYS_KEEP = 400;

/**
 * Closes the days before yesterday: their visitor figure is final, so the sketch (the only
 * thing that held anything derived from a visitor) is dropped. Yesterday stays open for a
 * flush that was under way at midnight.
 */
export async function closeAnalyticsDays(db: Db, now: number): Promise<{ closed: number; prunedPages: number }> {
  const today = analyticsDay(now);
  const closed = await db.updateTable('analytics_site_days').set({ sketch: null })
    .where('day', '<', dayBefore(today, 1)).where('sketch', 'is not', null).executeTakeFirst();
  const pruned = await db.deleteFrom('analytics_page_days').where('day', '<', dayBefore(today, PAGE_DAYS_KEEP)).executeTakeFirst();
  return { closed: Number(closed.numUpdatedRows), prunedPages: Number(pruned.numDeletedRows) };
}

export function registerAnalyticsJobs(platform: Platform): void {
  platform.jobs.define(CLOSE_DAYS_KIND, () => closeAnalyticsDays(platform.db, platform.clock.now()), { maxAttempts: 3, timeoutMs: 10 * 60 * 1000 });
  platform.jobs.declareSchedule({ name: CLOSE_DAYS_KIND, cron: '20 0 * * *', kind: CLOSE_DAYS_KIND });
}
