import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { getSiteByCode } from '../sites/index.js';
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
