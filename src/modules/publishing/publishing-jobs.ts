import type { Db } from '../../db/index.js';
import type { JobQueue } from '../../platform/contracts.js';
import type { Platform } from '../../platform/platform.js';
import { getSite, getSiteByCode, SITE_CHANGED_KIND, type SiteChangedPayload } from '../sites/index.js';
import { setColumnChangeHook } from '../columns/index.js';
import { setPlacementChangeHook } from '../content/index.js';
import { publishDocument } from './publish-document.js';
import { publishingDeps, type PublishingDeps } from './publishing-deps.js';
import { rebuildSite } from './rebuild-site.js';
import { compressVariants } from './compress-variants.js';
import { allSiteIds } from './site-context.js';
import { repairFile } from './repair-page.js';
import { registerPageRepairer, registerVariantProducer } from '../delivery/index.js';
import { produceHantVariant } from './hant-variant.js';

export const PUBLISH_DOCUMENT_KIND = 'publishing.document';
export const REBUILD_KIND = 'publishing.rebuild';

export interface PublishDocumentPayload { readonly documentId: number }
export interface RebuildPayload { readonly siteCode?: string }

/**
 * Outbox: called inside the transaction that publishes, withdraws or moves a document, so the
 * pages follow exactly when the change commits (and never when it rolls back).
 */
export async function enqueueDocumentPublish(trx: Db, jobs: JobQueue, documentId: number, createdBy: number | null = null): Promise<number> {
  return jobs.enqueue(trx, { kind: PUBLISH_DOCUMENT_KIND, payload: { documentId } satisfies PublishDocumentPayload, maxAttempts: 5, createdBy });
}

/**
 * With `unlessQueued`, a rebuild of the same scope already queued answers instead: it will
 * render the same pages. (One under way is not enough: it may have passed the change, and one
 * left running by a crashed process ends failed, not queued again.)
 */
export async function enqueueRebuild(trx: Db, jobs: JobQueue, payload: RebuildPayload, createdBy: number | null, opts: { unlessQueued?: boolean } = {}): Promise<number> {
  return jobs.enqueue(trx, { kind: REBUILD_KIND, payload, maxAttempts: 1, createdBy, unlessQueued: opts.unlessQueued ?? false });
}

/** Rebuilds one site (by identifier code) or all, reporting progress across sites. */
export async function rebuildAll(deps: PublishingDeps, payload: RebuildPayload, progress: (percent: number, message: string) => Promise<void> | void): Promise<{ sites: number; pages: number }> {
  let siteIds: number[];
  if (payload.siteCode) {
    const site = await getSiteByCode(deps.db, payload.siteCode);
    if (!site) throw new Error(`没有标识码为 ${payload.siteCode} 的网站 / no site ${payload.siteCode}`);
    siteIds = [site.id];
  } else {
    siteIds = await allSiteIds(deps.db);
  }
  let pages = 0;
  // Per site: its pages (four fifths of the bar), then their precompressed variants.
  const at = (i: number, share: number) => Math.floor(((i + share) / siteIds.length) * 100);
  for (const [i, siteId] of siteIds.entries()) {
    const r = await rebuildSite(deps, siteId, (done, total, note) => progress(at(i, 0.8 * (total > 0 ? done / total : 1)), note));
    pages += r.pages;
    await compressVariants(deps, siteId, (done, total) => progress(at(i, 0.8 + 0.2 * (total > 0 ? done / total : 1)), `压缩变体 / compressed variants ${done}/${total}`));
  }
  await progress(100, `${siteIds.length} 个网站，${pages} 个页面 / ${siteIds.length} sites, ${pages} pages`);
  return { sites: siteIds.length, pages };
}

export function registerPublishingJobs(platform: Platform): void {
  const deps = publishingDeps(platform);
  platform.jobs.define<PublishDocumentPayload>(PUBLISH_DOCUMENT_KIND, (ctx) => publishDocument(deps, ctx.payload.documentId), { maxAttempts: 5 });
  // A changed column tree (moves, merges, deletions, renames) rebuilds the site once: a
  // rebuild already queued for it covers the change too.
  setColumnChangeHook(async (trx, siteId) => {
    const site = await getSite(trx, siteId);
    if (site) await enqueueRebuild(trx, platform.jobs, { siteCode: site.code }, null, { unlessQueued: true });
  });
  setPlacementChangeHook((trx, documentId) => enqueueDocumentPublish(trx, platform.jobs, documentId).then(() => undefined));
  // The tamper guard re-renders a page whose bytes no longer match the signed manifest.
  registerPageRepairer((siteCode, file) => repairFile(deps, siteCode, file));
  // 繁體 variants are made on first request and stored like pages.
  registerVariantProducer((siteCode, file) => produceHantVariant(deps, siteCode, file));
  platform.jobs.define<RebuildPayload>(REBUILD_KIND, (ctx) => rebuildAll(deps, ctx.payload ?? {}, (p, m) => ctx.progress(Math.min(p, 99), m)), { maxAttempts: 1 });
  // The site's name, logo, contact or filing numbers changed: every page shows them.
  platform.jobs.define<SiteChangedPayload>(SITE_CHANGED_KIND, async (ctx) => {
    const site = await getSite(deps.db, ctx.payload.siteId);
    if (!site) return { sites: 0, pages: 0 };
    return rebuildAll(deps, { siteCode: site.code }, (p, m) => ctx.progress(Math.min(p, 99), m));
  }, { maxAttempts: 2 });
}
