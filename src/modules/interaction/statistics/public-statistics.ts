import type { Db } from '../../../db/index.js';
import { listSites, type SiteView } from '../../sites/index.js';
import { regionsOf } from './compute.js';
import { readStatistics, type StatisticsView } from './snapshot.js';

export interface SiteStatistics {
  readonly code: string;
  readonly name: string;
  readonly statistics: StatisticsView;
}

export interface PublicStatistics {
  readonly site: SiteStatistics;
  /** On a government portal whose region holds other sites: the region's sums and each site's figures. */
  readonly region: { readonly orgId: number; readonly name: string; readonly statistics: StatisticsView; readonly sites: SiteStatistics[] } | null;
}

/** What a site publishes (公开统计): its own figures, and on a portal those of its region. Read from the daily snapshot. */
export async function publicStatistics(db: Db, site: SiteView, now: number): Promise<PublicStatistics> {
  const own = (await readStatistics(db, 'site', [site.id], now)).get(site.id)!;
  const region = site.kind === 'department' ? undefined : regionsOf(await listSites(db)).find((r) => r.portal.id === site.id);
  if (!region || region.sites.length < 2) return { site: { code: site.code, name: site.name, statistics: own }, region: null };
  const perSite = await readStatistics(db, 'site', region.sites.map((s) => s.id), now);
  const total = (await readStatistics(db, 'region', [region.orgId], now)).get(region.orgId)!;
  return {
    site: { code: site.code, name: site.name, statistics: own },
    region: {
      orgId: region.orgId, name: site.ownerOrgName, statistics: total,
      sites: region.sites.map((s) => ({ code: s.code, name: s.name, statistics: perSite.get(s.id)! })),
    },
  };
}
