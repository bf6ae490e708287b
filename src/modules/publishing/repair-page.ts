import { getPublicDocument } from '../content/index.js';
import { getSiteByCode } from '../sites/index.js';
import type { PageWrite } from './page-store/index.js';
import type { PublishingDeps } from './publishing-deps.js';
import { itemsOfDocument } from './published-items.repo.js';
import { SiteContexts, themeAssetPages } from './page-batch.js';
import { articlePagesFor, gonePagesFor } from './publish-document.js';
import { columnPages, homePages, sitemapPages, staticSitePages } from './site-pages.js';
import { withSiteLocks } from './site-lock.js';

const DOCUMENT_FILE = /^\/(?:art\/\d{4}\/\d{2}\/(\d+)\.html|json\/articles\/(\d+)\.json|files\/(\d+)\/\d+\.[a-z0-9]+)$/;
const SITEMAP_MONTH = /^\/sitemaps\/(\d{4}-\d{2})\.xml$/;
const COLUMN_JSON = /^\/json\/columns\/(\d+)\.json$/;

/** The pages that can regenerate `file` on this site (rendered from published data). */
async function candidates(deps: PublishingDeps, contexts: SiteContexts, siteId: number, file: string): Promise<PageWrite[]> {
  const ctx = (await contexts.get(siteId))!;
  const doc = DOCUMENT_FILE.exec(file);
  if (doc) {
    const id = Number(doc[1] ?? doc[2] ?? doc[3]);
    const pub = await getPublicDocument(deps.db, id);
    if (!pub) return [];
    const item = (await itemsOfDocument(deps.db, id)).find((i) => i.siteId === siteId);
    if (pub.edition && item) return articlePagesFor(deps, contexts, pub, { siteId, columnId: item.columnId, via: item.via });
    return gonePagesFor(deps, ctx, pub);
  }
  if (['/index.html', '/rss.xml', '/atom.xml', '/json/site.json'].includes(file)) return homePages(deps, ctx, contexts.blockItems(ctx));
  const month = SITEMAP_MONTH.exec(file);
  if (file === '/sitemap.xml' || file === '/sitemaps/columns.xml' || month) return sitemapPages(deps, ctx, month ? [month[1]!] : []);
  if (['/404.html', '/sitemap.html', '/robots.txt'].includes(file)) return staticSitePages(deps, ctx);
  if (file.startsWith('/assets/')) return themeAssetPages();
  const json = COLUMN_JSON.exec(file);
  for (const c of ctx.columns.values()) {
    if (json ? Number(json[1]) === c.id : file.startsWith(c.href) && /^(index\.html|list-\d+\.html|rss\.xml|atom\.xml)$/.test(file.slice(c.href.length))) {
      const n = /^list-(\d+)\.html$/.exec(file.slice(c.href.length));
      return columnPages(deps, ctx, c.id, n ? [Number(n[1])] : []);
    }
  }
  return [];
}

const fileOf = (path: string) => (path.endsWith('/') ? `${path}index.html` : path);

/**
 * The repairer delivery calls for a tampered or missing file: re-renders the pages that
 * produce it from published data, writes them through the store (files and manifest), and
 * returns the genuine bytes. Null when the path is not one publishing produces.
 */
export async function repairFile(deps: PublishingDeps, siteCode: string, file: string): Promise<Buffer | null> {
  await deps.theme.refresh(deps.db);
  const site = await getSiteByCode(deps.db, siteCode);
  if (!site) return null;
  return withSiteLocks(deps, [site.id], async () => {
    const contexts = new SiteContexts(deps);
    const pages = await candidates(deps, contexts, site.id, file);
    const hit = pages.find((p) => fileOf(p.path) === file);
    if (!hit) return null;
    await deps.store.apply(siteCode, { write: pages, force: true });
    return hit.body;
  });
}
