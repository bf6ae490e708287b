import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { getSiteByCode, listSites, type SiteView } from '../sites/index.js';
import { SearchErrors } from './errors.js';

const TTL_MS = 30_000;

/**
 * Website identifier code → site id for the public routes, remembered for half a minute (a
 * code names the same site for ever; a new site is searchable within the TTL, and so is a
 * change of its status). Unknown → 404, and so is a site that is not open: its pages are not
 * public, nor is its search.
 */
export function siteCodeResolver(db: Db, opts: { openOnly: boolean } = { openOnly: true }): (code: string | undefined) => Promise<number | undefined> {
  const known = new Map<string, { id: number; open: boolean; until: number }>();
  return async (code) => {
    if (code === undefined) return undefined;
    let hit = known.get(code);
    const now = performance.now();
    if (!hit || hit.until <= now) {
      const site = await getSiteByCode(db, code);
      if (known.size > 10_000) known.clear();
      hit = { id: site?.id ?? 0, open: site?.status === 'open', until: now + TTL_MS };
      known.set(code, hit);
    }
    if (hit.id === 0 || (opts.openOnly && !hit.open)) throw new AppError(SearchErrors['search.site_not_found'], { code });
    return hit.id;
  };
}

export interface SiteLink {
  readonly code: string;
  readonly name: string;
  /** Where the site's pages are: `https://<primary domain>`. */
  readonly origin: string;
}

/**
 * The whole registry (a thousand rows), read again at most every TTL_MS, one read at a time:
 * what the search routes need of every site, without a read per request (reading the sites per
 * request cost the search page more than the search).
 */
function registrySnapshot(db: Db): (fresh: (age: number) => boolean) => Promise<readonly SiteView[]> {
  let sites: readonly SiteView[] = [];
  let loadedAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | null = null;
  return async (fresh) => {
    if (!fresh(performance.now() - loadedAt)) {
      reading ??= listSites(db).then((read) => {
        sites = read;
        loadedAt = performance.now();
      }).finally(() => { reading = null; });
      await reading;
    }
    return sites;
  };
}

/**
 * Site id → its code, name and origin, for results that leave the site they were asked from
 * (the platform-wide search) and for the names the search page shows.
 */
export function siteLinkResolver(db: Db): (siteId: number) => Promise<SiteLink | undefined> {
  const snapshot = registrySnapshot(db);
  let from: readonly SiteView[] | null = null;
  let table = new Map<number, SiteLink>();
  return async (siteId) => {
    // A site unknown to the table may be new: read again, but not more than once a second.
    const sites = await snapshot((age) => age <= TTL_MS && (table.has(siteId) || age <= 1_000));
    if (sites !== from) {
      table = new Map(sites.map((s) => [s.id, { code: s.code, name: s.name, origin: `https://${s.primaryDomain}` }]));
      from = sites;
    }
    return table.get(siteId);
  };
}

/**
 * The ids of the sites that are not open (being set up, offline, closed): the public searches
 * leave out the documents they are home to.
 */
export function hiddenSitesResolver(db: Db): () => Promise<readonly number[]> {
  const snapshot = registrySnapshot(db);
  let from: readonly SiteView[] | null = null;
  let ids: readonly number[] = [];
  return async () => {
    const sites = await snapshot((age) => age <= TTL_MS);
    if (sites !== from) {
      ids = sites.filter((s) => s.status !== 'open').map((s) => s.id);
      from = sites;
    }
    return ids;
  };
}
