import fs from 'node:fs';
import path from 'node:path';
import type { PageWrite } from './page-store/index.js';
import { getColumn } from '../columns/index.js';
import type { PublishingDeps } from './publishing-deps.js';
import { loadSiteContext, subtreeOf, type SiteContext } from './site-context.js';
import { latestInColumns, type PublishedItem } from './published-items.repo.js';
import { DEFAULT_THEME_DIR } from './theme/theme-engine.js';
import { siteUrl } from './site-pages.js';

/** Site contexts loaded once per job (a publish touches a handful of sites). */
export class SiteContexts {
  private readonly cache = new Map<number, Promise<SiteContext | undefined>>();
  constructor(private readonly deps: PublishingDeps) {}
  get(siteId: number): Promise<SiteContext | undefined> {
    let p = this.cache.get(siteId);
    if (!p) { p = loadSiteContext(this.deps.db, siteId); this.cache.set(siteId, p); }
    return p;
  }

  /** A home block: the column's newest items, linked absolutely when the column is on another site. */
  blockItems(home: SiteContext) {
    return async (columnId: number, count: number): Promise<{ name: string; href: string; items: PublishedItem[] } | null> => {
      const own = home.columns.get(columnId);
      if (own) return { name: own.name, href: own.href, items: await latestInColumns(this.deps.db, subtreeOf(home, columnId), count) };
      for (const ctx of await this.contextsOwning(columnId)) {
        const c = ctx.columns.get(columnId);
        if (!c) continue;
        const base = siteUrl(ctx);
        const items = (await latestInColumns(this.deps.db, subtreeOf(ctx, columnId), count)).map((i) => ({ ...i, path: `${base}${i.path}` }));
        return { name: c.name, href: `${base}${c.href}`, items };
      }
      return null;
    };
  }

  private async contextsOwning(columnId: number): Promise<SiteContext[]> {
    const column = await getColumn(this.deps.db, columnId);
    const ctx = column ? await this.get(column.siteId) : undefined;
    return ctx ? [ctx] : [];
  }
}

/** The theme's static files, copied into every site's store under /assets/. */
export function themeAssetPages(themeDir: string = DEFAULT_THEME_DIR): PageWrite[] {
  const dir = path.join(themeDir, 'assets');
  return fs.readdirSync(dir).sort().map((name) => ({ path: `/assets/${name}`, body: fs.readFileSync(path.join(dir, name)) }));
}
