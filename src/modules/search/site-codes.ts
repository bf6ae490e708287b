import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { getSiteByCode, listSites } from '../sites/index.js';
import { SearchErrors } from './errors.js';

const TTL_MS = 30_000;

/**
 * Website identifier code → site id for the public routes, remembered for half a minute (a
 * code names the same site for ever; a new site is searchable within the TTL). Unknown → 404.
 */
export function siteCodeResolver(db: Db): (code: string | undefined) => Promise<number | undefined> {
  const known = new Map<string, { id: number; until: number }>();
  return async (code) => {
    if (code === undefined) return undefined;
    const hit = known.get(code);
    const now = performance.now();
    if (hit && hit.until > now) return hit.id;
    const site = await getSiteByCode(db, code);
    if (!site) throw new AppError(SearchErrors['search.site_not_found'], { code });
    if (known.size > 10_000) known.clear();
    known.set(code, { id: site.id, until: now + TTL_MS });
    return site.id;
  };
}

export interface SiteLink {
  readonly code: string;
  readonly name: string;
  /** Where the site's pages are: `https://<primary domain>`. */
  readonly origin: string;
}

/**
 * Site id → its code, name and origin, for results that leave the site they were asked from
 * (the platform-wide search) and for the names the search page shows: the whole registry, read
 * again at most every TTL_MS (a thousand rows; reading them per request cost the search page
 * more than the search).
 */
export function siteLinkResolver(db: Db): (siteId: number) => Promise<SiteLink | undefined> {
  let table = new Map<number, SiteLink>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  // One read at a time: the hits of one answer (and concurrent answers) wait for the same read.
  let reading: Promise<void> | null = null;
  const reload = (): Promise<void> => {
    reading ??= listSites(db).then((sites) => {
      table = new Map(sites.map((s) => [s.id, { code: s.code, name: s.name, origin: `https://${s.primaryDomain}` }]));
      loadedAt = performance.now();
    }).finally(() => { reading = null; });
    return reading;
  };
  return async (siteId) => {
    const age = performance.now() - loadedAt;
    // A site unknown to the table may be new: read again, but not more than once a second.
    if (age > TTL_MS || (!table.has(siteId) && age > 1_000)) await reload();
    return table.get(siteId);
  };
}
