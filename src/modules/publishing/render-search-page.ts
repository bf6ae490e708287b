import type { PublishingDeps } from './publishing-deps.js';
import { loadSiteContext } from './site-context.js';
import { renderTemplate } from './theme/theme-engine.js';
import { getSiteByCode } from '../sites/index.js';

/**
 * The site search page in the site's theme, from a view model the search module builds
 * (`search` as themes/default/search.liquid expects it). Null when the site is unknown.
 */
export async function renderSearchPage(deps: PublishingDeps, siteCode: string, search: object): Promise<string | null> {
  await deps.theme.refresh(deps.db);
  const site = await getSiteByCode(deps.db, siteCode);
  const ctx = site ? await loadSiteContext(deps.db, site.id) : undefined;
  if (!ctx) return null;
  return renderTemplate(deps.engine, 'search', {
    site: ctx.model, nav: ctx.nav, column: null, article: null,
    breadcrumb: [{ name: '首页', href: '/' }, { name: '站内搜索', href: '/search.html' }],
    // The canonical address also tells the footer's 我要纠错 link which page it is on.
    page: { title: '站内搜索', canonical: `https://${ctx.site.primaryDomain}/search.html` }, search,
  });
}
