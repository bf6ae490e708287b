import type { Db } from '../../db/index.js';
import type { JobQueue } from '../../platform/contracts.js';

/**
 * A change to what a site's pages show (name, logo, contact, domain, filing numbers, host unit)
 * must reach every page: the header, the footer NORMS.md requires, the canonical links. The
 * sites module writes this job in the change's transaction (outbox); the publishing module,
 * which owns the pages, runs it as a rebuild of the site.
 */
export const SITE_CHANGED_KIND = 'sites.changed';

export interface SiteChangedPayload {
  readonly siteId: number;
}

/** Registry fields the rendered pages show (the code too: 网站标识码, SiteIDCode, and the page store's folder). */
const RENDERED = new Set(['code', 'name', 'logoUrl', 'contact', 'primaryDomain', 'icpNumber', 'policeNumber', 'hostUnit']);

export function changesPages(changedFields: Iterable<string>): boolean {
  for (const f of changedFields) if (RENDERED.has(f)) return true;
  return false;
}

/** One queued job per site at a time: several edits in a row are rebuilt once. */
export async function enqueueSiteChanged(trx: Db, jobs: JobQueue, siteId: number, createdBy: number | null): Promise<number> {
  return jobs.enqueue(trx, { kind: SITE_CHANGED_KIND, payload: { siteId } satisfies SiteChangedPayload, maxAttempts: 2, createdBy, unlessQueued: true });
}
