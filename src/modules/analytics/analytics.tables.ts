/** 访问统计, per site and Asia/Shanghai day (`YYYY-MM-DD`). */
export interface AnalyticsSiteDaysTable {
  site_id: number;
  day: string;
  views: number;
  /** Unique visitors of the day, estimated from the sketch (±1.6 %); exact to a few hundred. */
  visitors: number;
  /** The day's HyperLogLog registers (base64) while the day is open; null once closed. */
  sketch: string | null;
  updated_at: number;
}

/** Views of one page (its stored file path, `/zwgk/index.html`) on one day. */
export interface AnalyticsPageDaysTable {
  site_id: number;
  day: string;
  path: string;
  views: number;
}

export interface AnalyticsTables {
  analytics_site_days: AnalyticsSiteDaysTable;
  analytics_page_days: AnalyticsPageDaysTable;
}
