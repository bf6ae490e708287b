import type { Db } from '../../../db/index.js';
import { hasPermissionOnSite, type Actor } from '../../../platform/identity/actor.js';
import { listSites } from '../../sites/index.js';
import { regionsOf } from './compute.js';
import { readStatistics, type StatisticsView } from './snapshot.js';

export interface ConsoleStatistics {
  readonly computedAt: number | null;
  readonly sites: { siteId: number; code: string; name: string; statistics: StatisticsView }[];
  readonly regions: { orgId: number; name: string; portalSiteId: number; siteIds: number[]; statistics: StatisticsView }[];
}

/**
 * The statistics screen's data: every site the actor may read statistics of, and every region
 * whose portal they may (a region's sums are published on its portal anyway).
 */
export async function consoleStatistics(db: Db, actor: Actor, now: number): Promise<ConsoleStatistics> {
  const all = await listSites(db);
  const inScope = (s: { id: number; orgPath: string }) => hasPermissionOnSite(actor, 'interaction.statistics.read', { siteId: s.id, orgPath: s.orgPath });
  const sites = all.filter(inScope);
  const regions = regionsOf(all).filter((r) => inScope(r.portal));
  const siteFigures = await readStatistics(db, 'site', sites.map((s) => s.id), now);
  const regionFigures = await readStatistics(db, 'region', regions.map((r) => r.orgId), now);
  const computedAt = [...siteFigures.values()][0]?.computedAt ?? null;
  return {
    computedAt,
    sites: sites.map((s) => ({ siteId: s.id, code: s.code, name: s.name, statistics: siteFigures.get(s.id)! })),
    regions: regions.map((r) => ({ orgId: r.orgId, name: r.portal.ownerOrgName, portalSiteId: r.portal.id, siteIds: r.sites.map((s) => s.id), statistics: regionFigures.get(r.orgId)! })),
  };
}
