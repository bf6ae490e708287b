import { formatShanghai } from '../../platform/i18n/format-time.js';
import { SEARCH_GROUPS, type SearchGroup, type SearchHit, type SearchResult, type SearchSort } from './search.types.js';

/** Tab names of the result groups on the public page. */
export const GROUP_NAMES: Readonly<Record<SearchGroup | 'all', string>> = { all: '全部', news: '新闻', policy: '政策', interpretation: '解读', service: '服务' };

/** What themes/default/search.liquid renders as `search`. */
export interface SearchPageModel {
  readonly q: string;
  readonly sort: SearchSort;
  /** A sentence for the visitor: nothing found, bad input (then `results` is empty). */
  readonly message: string;
  readonly groups: readonly { name: string; count: string; current: boolean; href: string }[];
  readonly results: readonly { href: string; titleHtml: string; snippetHtml: string; siteName: string; publishedAt: string }[];
  readonly pager: { readonly older: string | null; readonly newer: string | null };
}

export interface SearchPageInput {
  readonly q: string;
  readonly sort: SearchSort;
  readonly group?: SearchGroup;
  /** The answer of searchDocuments; null when the query was refused (`error` says why). */
  readonly result: SearchResult | null;
  /** The refusal's message (an AppError's Chinese text), shown instead of results. */
  readonly error?: string;
  readonly siteName: (siteId: number) => string;
  /** Where a hit links (default: its site-relative url; a portal searching every site gives absolute ones). */
  readonly hitHref?: (hit: SearchHit) => string;
}

function href(q: { q: string; sort: SearchSort; group?: SearchGroup | undefined; page?: number }): string {
  const p = new URLSearchParams({ q: q.q });
  if (q.sort !== 'relevance') p.set('sort', q.sort);
  if (q.group) p.set('group', q.group);
  if (q.page && q.page > 1) p.set('page', String(q.page));
  return `/search.html?${p.toString()}`;
}

/**
 * The public search page's view of a result: group tabs with counts and links, highlighted
 * hits (titleHtml / snippetHtml are escaped by the module, only <mark> is markup, so the
 * template outputs them with `| raw`), publication times in Beijing time, and pager links.
 */
export function searchPageModel(input: SearchPageInput): SearchPageModel {
  const { result, q, sort, group } = input;
  if (!result) return { q, sort, message: input.error ?? '搜索词无法识别，请修改后重试。', groups: [], results: [], pager: { older: null, newer: null } };
  const more = result.totalExact ? '' : '+';
  const all = SEARCH_GROUPS.reduce((s, g) => s + result.groups[g], 0);
  const groups = [
    { name: GROUP_NAMES.all, count: `${all}${more}`, current: !group, href: href({ q, sort }) },
    ...SEARCH_GROUPS.map((g) => ({ name: GROUP_NAMES[g], count: `${result.groups[g]}${more}`, current: group === g, href: href({ q, sort, group: g }) })),
  ];
  const lastPage = Math.ceil(result.total / result.pageSize);
  // Past the last page (an old link, a typed page number) the search did find something: say so
  // and lead back to the last page, instead of "nothing found" beside a count of hundreds.
  const pastEnd = result.items.length === 0 && result.total > 0 && result.page > lastPage;
  const message = result.items.length > 0 ? '' : result.terms.length === 0 ? '请输入要搜索的文字（标点和表情符号不参与搜索）。'
    : pastEnd ? `与“${q}”相关的信息共 ${result.total}${more} 条，只有 ${lastPage} 页，请返回前面的页面查看。`
      : `没有找到与“${q}”相关的信息，请换个说法或减少筛选条件。`;
  return {
    q, sort, message, groups,
    results: result.items.map((hit) => ({
      href: input.hitHref ? input.hitHref(hit) : hit.url, titleHtml: hit.title, snippetHtml: hit.snippet,
      siteName: input.siteName(hit.siteId), publishedAt: formatShanghai(hit.publishedAt),
    })),
    pager: {
      newer: result.page > 1 ? href({ q, sort, group, page: pastEnd ? lastPage : result.page - 1 }) : null,
      older: result.page < lastPage && result.items.length === result.pageSize ? href({ q, sort, group, page: result.page + 1 }) : null,
    },
  };
}
