import type { Db } from '../../db/index.js';
import { daysBetween } from './analytics-day.js';

export interface DayTraffic {
  readonly day: string;
  readonly views: number;
  /** Unique visitors of that day, summed over the sites (a visitor of two sites counts on each). */
  readonly visitors: number;
}

export interface TrafficFigures {
  readonly from: string;
  readonly to: string;
  readonly views: number;
  /** Daily unique visitors summed over the days and sites. */
  readonly visitors: number;
  /** Every day of the range, days without a view included (the chart's x axis). */
  readonly perDay: DayTraffic[];
  readonly topPages: { siteId: number; path: string; views: number }[];
  readonly topSites: { siteId: number; views: number; visitors: number }[];
}

export interface TrafficQuery {
  readonly from: string;
  readonly to: string;
  /** The sites to count, or every site. */
  readonly siteIds: readonly number[] | 'all';
  readonly limit?: number;
}

/** Views and visitors of a day range, per day, with the most viewed pages and sites. */
export async function trafficFigures(db: Db, q: TrafficQuery): Promise<TrafficFigures> {
  const limit = q.limit ?? 20;
  const empty = q.siteIds !== 'all' && q.siteIds.length === 0;
  const ids = q.siteIds === 'all' ? null : [...q.siteIds];
  let days = db.selectFrom('analytics_site_days').where('day', '>=', q.from).where('day', '<=', q.to);
  let pages = db.selectFrom('analytics_page_days').where('day', '>=', q.from).where('day', '<=', q.to);
  if (ids) {
    days = days.where('site_id', 'in', empty ? [-1] : ids);
    pages = pages.where('site_id', 'in', empty ? [-1] : ids);
  }
  const [perDayRows, siteRows, pageRows] = await Promise.all([
    days.select((eb) => ['day', eb.fn.sum<number>('views').as('views'), eb.fn.sum<number>('visitors').as('visitors')]).groupBy('day').execute(),
    days.select((eb) => ['site_id', eb.fn.sum<number>('views').as('views'), eb.fn.sum<number>('visitors').as('visitors')])
      .groupBy('site_id').orderBy('views', 'desc').orderBy('site_id').limit(limit).execute(),
    pages.select((eb) => ['site_id', 'path', eb.fn.sum<number>('views').as('views')])
      .groupBy(['site_id', 'path']).orderBy('views', 'desc').orderBy('site_id').orderBy('path').limit(limit).execute(),
  ]);
  const byDay = new Map(perDayRows.map((r) => [r.day, { views: Number(r.views), visitors: Number(r.visitors) }]));
  const perDay = daysBetween(q.from, q.to).map((day) => ({ day, views: byDay.get(day)?.views ?? 0, visitors: byDay.get(day)?.visitors ?? 0 }));
  return {
    from: q.from, to: q.to,
    views: perDay.reduce((s, d) => s + d.views, 0),
    visitors: perDay.reduce((s, d) => s + d.visitors, 0),
    perDay,
    topSites: siteRows.map((r) => ({ siteId: Number(r.site_id), views: Number(r.views), visitors: Number(r.visitors) })),
    topPages: pageRows.map((r) => ({ siteId: Number(r.site_id), path: r.path, views: Number(r.views) })),
  };
}
