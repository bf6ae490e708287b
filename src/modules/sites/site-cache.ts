import type { Db } from '../../db/index.js';
import type { SiteView } from './sites.repo.js';

/**
 * A short-lived memory of sites found by code, for the public forms (a letter, an error report,
 * a survey answer each name their site in the URL): two queries fewer per post. A change made
 * in this process is seen at once (every write in sites.repo.ts calls sitesChanged); one made by
 * another process within SITE_CACHE_TTL_MS, the same delay the public server's host map has.
 * Only sites that exist are kept, so codes made up by a visitor cannot fill it.
 */
export const SITE_CACHE_TTL_MS = 5000;

let generation = 0;
const caches = new WeakMap<Db, Map<string, { site: SiteView; at: number; generation: number }>>();

/** Called by every write to the sites tables in this process. */
export function sitesChanged(): void {
  generation++;
}

export async function cachedSiteByCode(db: Db, code: string, load: (db: Db, code: string) => Promise<SiteView | undefined>): Promise<SiteView | undefined> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const now = Date.now();
  const hit = cache.get(code);
  if (hit && hit.generation === generation && now - hit.at < SITE_CACHE_TTL_MS) return hit.site;
  const seenGeneration = generation;
  const site = await load(db, code);
  if (site) cache.set(code, { site, at: now, generation: seenGeneration });
  else cache.delete(code);
  return site;
}
