/**
 * Page-view history of a generated province: views and unique visitors per site and day over
 * the document history, and views per page (home page and recent articles, from their publication) over the last
 * PAGE_HISTORY_DAYS days. A site's traffic follows its kind (the provincial portal far above a
 * department), weekdays above weekends, a slow growth over the years and the odd busy day.
 */
import type { Platform } from '../../platform/platform.js';
import type { SiteView } from '../../modules/sites/index.js';
import { analyticsDay, writeTrafficHistory, type PageDayFigures, type SiteDayFigures } from '../../modules/analytics/index.js';
import { inTransaction } from '../../db/index.js';
import { dayOfInstant, isWeekend } from '../../platform/calendar/index.js';
import type { Prng } from '../../demo/documents/prng.js';
import { DAY, dayStart } from './documents.js';

/** Views per page are generated for the last month (the popular-content list). */
export const PAGE_HISTORY_DAYS = 30;
const ROWS_PER_TRANSACTION = 20_000;
const BASE_VIEWS: Record<SiteView['kind'], number> = { province_portal: 60_000, city_portal: 12_000, county_portal: 3_000, department: 1_500 };

export interface TrafficReport {
  readonly siteDays: number;
  readonly pageDays: number;
  readonly views: number;
}

export async function generateTraffic(
  platform: Platform, sites: readonly SiteView[], recentPages: ReadonlyMap<number, readonly { path: string; publishedAt: number }[]>,
  q: { days: number; rng: Prng; now: number; progress: (done: number, total: number) => void },
): Promise<TrafficReport> {
  const { rng } = q;
  const today = dayStart(q.now);
  const first = today - q.days * DAY;
  const scale = sites.map(() => 0.5 + rng.next());
  let siteRows: SiteDayFigures[] = [];
  let pageRows: PageDayFigures[] = [];
  let siteDays = 0;
  let pageDays = 0;
  let views = 0;
  const flush = async () => {
    const batch = { sites: siteRows, pages: pageRows, at: q.now };
    siteRows = [];
    pageRows = [];
    await inTransaction(platform.db, (trx) => writeTrafficHistory(trx, platform.dbh.ops, batch));
  };
  // Yesterday and before: today's figures are the live counter's.
  for (let t = first, n = 0; t < today; t += DAY, n++) {
    const day = analyticsDay(t);
    const weekFactor = isWeekend(dayOfInstant(t)) ? 0.55 : 1;
    const growth = 1 + 0.08 * ((t - first) / (365 * DAY));
    const busy = rng.chance(0.01) ? 2 + rng.next() * 2 : 1;
    for (let s = 0; s < sites.length; s++) {
      const site = sites[s] as SiteView;
      const v = Math.round(BASE_VIEWS[site.kind] * (scale[s] as number) * weekFactor * growth * busy * (0.85 + 0.3 * rng.next()));
      siteRows.push({ siteId: site.id, day, views: v, visitors: Math.round(v * (0.28 + 0.12 * rng.next())) });
      views += v;
      siteDays++;
      if (today - t <= PAGE_HISTORY_DAYS * DAY) {
        // An article is read from the day it was published on.
        const pages = ['/index.html', ...(recentPages.get(site.id) ?? []).filter((a) => a.publishedAt < t + DAY).map((a) => a.path)];
        // The home page takes about a quarter; the rest falls off with rank (Zipf-like).
        let left = v;
        for (let k = 0; k < pages.length && left > 0; k++) {
          const share = k === 0 ? 0.25 : 0.3 / k;
          const pv = Math.min(left, Math.max(1, Math.round(v * share * (0.7 + 0.6 * rng.next()))));
          pageRows.push({ siteId: site.id, day, path: pages[k] as string, views: pv });
          left -= pv;
          pageDays++;
        }
      }
      if (siteRows.length + pageRows.length >= ROWS_PER_TRANSACTION) await flush();
    }
    q.progress(n + 1, q.days);
  }
  if (siteRows.length + pageRows.length > 0) await flush();
  return { siteDays, pageDays, views };
}
