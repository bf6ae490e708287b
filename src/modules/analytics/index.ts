/**
 * Public face of analytics (访问统计). Other modules import ONLY from here.
 *
 * - viewCounterFor(platform).record(siteId, path, visitor): one page view, counted in memory
 *   and written every few seconds (delivery calls it for the view beacon of a stored page).
 * - Unique visitors without tracking: a per-site, per-day keyed hash into a HyperLogLog
 *   sketch; nothing per visitor is stored, and a day's sketch is dropped when the day closes.
 * - analyticsRoutes: GET /api/v1/analytics/traffic for the console (site admins see their
 *   sites, the platform's roles every site); registerAnalyticsJobs: the daily close and prune.
 * - writeTrafficHistory: past figures in bulk (`jiyue generate`).
 */
export type { AnalyticsTables } from './analytics.tables.js';
export { ViewCounter, FLUSH_INTERVAL_MS, MAX_COUNTED_PATH } from './view-counter.js';
export { viewCounterFor } from './view-counters.js';
export { Hll, HLL_REGISTERS } from './hll.js';
export { analyticsDay } from './analytics-day.js';
export { trafficFigures, type TrafficFigures, type DayTraffic } from './traffic-stats.js';
export { readTraffic, type TrafficView } from './operations/read-traffic.js';
export { writeTrafficHistory, type SiteDayFigures, type PageDayFigures } from './traffic-history.js';
export { registerAnalyticsJobs, closeAnalyticsDays, CLOSE_DAYS_KIND, PAGE_DAYS_KEEP } from './analytics-jobs.js';
export { analyticsRoutes } from './analytics.routes.js';
export { AnalyticsErrors } from './errors.js';
