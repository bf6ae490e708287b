import type { Platform } from '../../platform/platform.js';
import { AppError } from '../../platform/http/error-registry.js';
import { problemFor } from '../../platform/http/problem.js';
import { registerDynamicPage } from '../delivery/index.js';
import { publishingDeps, renderSearchPage } from '../publishing/index.js';
import { getSiteByCode } from '../sites/index.js';
import { searchDocuments } from './search-documents.js';
import { searchPageModel } from './search-page-model.js';
import { hiddenSitesResolver, siteLinkResolver } from './site-codes.js';
import { SEARCH_GROUPS, type SearchGroup, type SearchResult, type SearchSort } from './search.types.js';

/**
 * /search.html on every public site: the query from the address (works without JavaScript),
 * searched within the site, rendered in the site's theme. Bad input (too long, nothing
 * searchable) gives the page with a message, never an error page.
 */
export function registerPublicSearchPage(platform: Platform): void {
  const deps = publishingDeps(platform);
  const siteLink = siteLinkResolver(platform.db);
  const hiddenSites = hiddenSitesResolver(platform.db);
  registerDynamicPage('/search.html', async ({ siteCode, query }) => {
    const site = await getSiteByCode(platform.db, siteCode);
    const q = (query.get('q') ?? '').slice(0, 200);
    const sort: SearchSort = query.get('sort') === 'date' ? 'date' : 'relevance';
    const g = query.get('group');
    const group = (SEARCH_GROUPS as readonly string[]).includes(g ?? '') ? (g as SearchGroup) : undefined;
    const page = Math.min(Math.max(Number.parseInt(query.get('page') ?? '1', 10) || 1, 1), 50);
    let result: SearchResult | null = null;
    let error: string | undefined;
    if (q.trim()) {
      try {
        result = await searchDocuments(platform.db, { q, ...(site ? { siteId: site.id } : {}), ...(group ? { group } : {}), sort, page, pageSize: 20, log: true, now: platform.clock.now(), hiddenSites: await hiddenSites() });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        error = problemFor(e.code, 'zh-CN', e.params).detail;
      }
    }
    const names = new Map<number, string>();
    for (const hit of result?.items ?? []) if (!names.has(hit.siteId)) names.set(hit.siteId, (await siteLink(hit.siteId))?.name ?? '');
    const search = q.trim()
      ? searchPageModel({ q, sort, ...(group ? { group } : {}), result, ...(error ? { error } : {}), siteName: (id) => names.get(id) ?? '' })
      : { q: '', sort, message: '请输入要搜索的文字。', groups: [], results: [], pager: { older: null, newer: null } };
    const html = await renderSearchPage(deps, siteCode, search);
    return html === null ? { status: 404, html: '' } : { status: 200, html };
  });
}
