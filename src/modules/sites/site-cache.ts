import { shortLivedCache } from '../../platform/memo/short-lived-cache.js';
import type { SiteView } from './sites.repo.js';

/**
 * Sites by code for the public forms (a letter, an error report, a survey answer each name
 * their site in the URL): two queries fewer per post. Every write in sites.repo.ts calls
 * `sitesChanged`; another process's change shows within SITE_CACHE_TTL_MS, the same delay the
 * public server's host map has.
 */
export const SITE_CACHE_TTL_MS = 5000;

const sitesByCode = shortLivedCache<SiteView>(SITE_CACHE_TTL_MS);

export const sitesChanged = (): void => sitesByCode.changed();
export const cachedSiteByCode = sitesByCode.get;
