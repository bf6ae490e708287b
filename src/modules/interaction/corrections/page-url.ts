import type { SiteView } from '../../sites/index.js';

const MAX_URL = 1000;

/**
 * The reported page's address if it is a page of the site (any of its host names, http or
 * https, no credentials), normalised without fragment; a path alone is taken on the primary
 * domain. Null otherwise: a report must not carry another site's address (or a phishing link)
 * into the operator's list.
 */
export function pageUrlOfSite(site: Pick<SiteView, 'primaryDomain' | 'aliases' | 'localDomain'>, raw: string): string | null {
  const value = raw.trim();
  if (!value || value.length > MAX_URL) return null;
  let url: URL;
  try {
    url = value.startsWith('/') && !value.startsWith('//') ? new URL(value, `https://${site.primaryDomain}`) : new URL(value);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return null;
  const hosts = new Set([site.primaryDomain, ...site.aliases, site.localDomain].map((h) => h.toLowerCase()));
  if (!hosts.has(url.hostname.toLowerCase())) return null;
  url.hash = '';
  const out = url.toString();
  return out.length > MAX_URL ? null : out;
}
