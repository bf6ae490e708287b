import type { Db } from '../../../db/index.js';
import { hasPermission, hasPlatformPermission, type Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { HttpErrors } from '../../../platform/http/errors.js';
import { getSiteByCode, listSitesInScope, requireSiteInScope } from '../../sites/index.js';
import { AnalyticsErrors } from '../errors.js';
import { dayOfYmd } from '../../../platform/calendar/index.js';
import { analyticsDay, dayBefore } from '../analytics-day.js';
import { trafficFigures, type TrafficFigures } from '../traffic-stats.js';

export interface ReadTrafficInput {
  /** One site (its identifier code), or every site in the reader's scope. */
  readonly siteCode?: string | undefined;
  /** The last N days up to today, or a calendar year (the annual report's figures), or from..to. */
  readonly days?: number | undefined;
  readonly year?: number | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface TrafficView extends Omit<TrafficFigures, 'topPages' | 'topSites'> {
  readonly scope: 'site' | 'all' | 'sites';
  readonly topPages: { siteCode: string; siteName: string; path: string; url: string; views: number }[];
  readonly topSites: { siteCode: string; siteName: string; views: number; visitors: number }[];
}

function realDay(value: string): string {
  if (dayOfYmd(value) === null) throw new AppError(AnalyticsErrors['analytics.bad_date'], { value });
  return value;
}

function rangeOf(input: ReadTrafficInput, now: number): { from: string; to: string } {
  if (input.year !== undefined) return { from: `${input.year}-01-01`, to: `${input.year}-12-31` };
  const today = analyticsDay(now);
  if (input.from !== undefined || input.to !== undefined) {
    const to = realDay(input.to ?? today);
    const from = realDay(input.from ?? to);
    if (from > to || from < dayBefore(to, 365)) throw new AppError(AnalyticsErrors['analytics.bad_range'], { from, to });
    return { from, to };
  }
  return { from: dayBefore(today, (input.days ?? 30) - 1), to: today };
}

/** 访问统计 of one site or of every site the reader may see (site admins: their own sites; the platform: all). */
export async function readTraffic({ db, actor, input, now }: { db: Db; actor: Actor; input: ReadTrafficInput; now: number }): Promise<TrafficView> {
  if (!hasPermission(actor, 'analytics.read')) throw new AppError(HttpErrors['auth.forbidden']);
  const { from, to } = rangeOf(input, now);
  const visible = await listSitesInScope(db, actor, 'analytics.read');
  const names = new Map(visible.map((s) => [s.id, { code: s.code, name: s.name, domain: s.primaryDomain }]));
  let siteIds: readonly number[] | 'all';
  let scope: TrafficView['scope'];
  if (input.siteCode !== undefined) {
    const site = await getSiteByCode(db, input.siteCode);
    if (!site) throw new AppError(AnalyticsErrors['analytics.site_not_found'], { code: input.siteCode });
    await requireSiteInScope(db, actor, 'analytics.read', site.id);
    siteIds = [site.id];
    scope = 'site';
  } else {
    siteIds = hasPlatformPermission(actor, 'analytics.read') ? 'all' : visible.map((s) => s.id);
    scope = siteIds === 'all' ? 'all' : 'sites';
  }
  const f = await trafficFigures(db, { from, to, siteIds });
  const named = (id: number) => names.get(id) ?? { code: '', name: '', domain: '' };
  return {
    ...f, scope,
    topSites: f.topSites.map((s) => ({ siteCode: named(s.siteId).code, siteName: named(s.siteId).name, views: s.views, visitors: s.visitors })),
    topPages: f.topPages.map((p) => {
      const s = named(p.siteId);
      const path = p.path.endsWith('/index.html') ? p.path.slice(0, -'index.html'.length) : p.path;
      return { siteCode: s.code, siteName: s.name, path, url: s.domain ? `https://${s.domain}${path}` : path, views: p.views };
    }),
  };
}
