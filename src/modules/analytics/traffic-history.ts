import type { Db, DialectOps } from '../../db/index.js';

export interface SiteDayFigures {
  readonly siteId: number;
  readonly day: string;
  readonly views: number;
  readonly visitors: number;
}

export interface PageDayFigures {
  readonly siteId: number;
  readonly day: string;
  readonly path: string;
  readonly views: number;
}

/**
 * Past traffic written in bulk (`jiyue generate`, or figures carried over from a previous
 * system): closed days, so no sketch. In the caller's transaction.
 */
export async function writeTrafficHistory(db: Db, ops: DialectOps, rows: { sites: readonly SiteDayFigures[]; pages: readonly PageDayFigures[]; at: number }): Promise<void> {
  if (rows.sites.length > 0) {
    await ops.insertMany(db, {
      table: 'analytics_site_days', columns: [['site_id', 'bigint'], ['day', 'text'], ['views', 'bigint'], ['visitors', 'bigint'], ['updated_at', 'bigint']],
      rows: rows.sites.map((r) => [r.siteId, r.day, r.views, r.visitors, rows.at]),
    });
  }
  if (rows.pages.length > 0) {
    await ops.insertMany(db, {
      table: 'analytics_page_days', columns: [['site_id', 'bigint'], ['day', 'text'], ['path', 'text'], ['views', 'bigint']],
      rows: rows.pages.map((r) => [r.siteId, r.day, r.path, r.views]),
    });
  }
}
