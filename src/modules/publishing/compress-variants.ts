import { getSite } from '../sites/index.js';
import type { PublishingDeps } from './publishing-deps.js';
import { withSiteLocks } from './site-lock.js';

/** Pages per step: the site's publishing lock is held for one step at a time, so publishes go between steps. */
const STEP = 500;

/**
 * Makes the gzip and brotli variants of every page a full rebuild stored without them
 * (`deferVariants`), a step at a time under the site's publishing lock, then tells the public
 * servers to read the manifest again. Until then those pages are served as stored, and nginx
 * compresses them itself (`gzip on` in `jiyue pages nginx`).
 */
export async function compressVariants(deps: PublishingDeps, siteId: number, progress: (done: number, total: number) => Promise<void> | void = () => undefined): Promise<{ pages: number }> {
  const site = await getSite(deps.db, siteId);
  if (!site) throw new Error(`site ${siteId} not found`);
  let pages = 0;
  let total = 0;
  for (;;) {
    const step = await withSiteLocks(deps, [siteId], () => deps.store.addVariants(site.code, STEP));
    if (total === 0) total = step.done + step.remaining;
    pages += step.done;
    await progress(Math.min(pages, total), total);
    // Nothing done (every page left is stale on disk, the tamper guard's to restore): stop.
    if (step.remaining === 0 || step.done === 0) break;
  }
  if (pages > 0) await deps.events.publish({ channel: 'pages.changed', data: { siteCode: site.code } });
  return { pages };
}
