import type { DocumentKind } from '../content/index.js';

/** What the index holds of one published document (the publishing module builds it). */
export interface SearchEntry {
  readonly documentId: number;
  readonly siteId: number;
  readonly columnId: number;
  /** Sites/columns that also show it by reference (placements). */
  readonly extraSiteIds: readonly number[];
  readonly extraColumnIds: readonly number[];
  readonly kind: DocumentKind;
  readonly title: string;
  /** Plain text of the sanitized body. */
  readonly bodyText: string;
  readonly summary: string;
  readonly keywords: string;
  readonly indexNumber: string | null;
  readonly documentNumber: string | null;
  readonly topicCategory: string | null;
  readonly genre: string | null;
  readonly issuingOrgName: string;
  /** Epoch ms. */
  readonly publishedAt: number;
  /** Site-relative path of the public page, e.g. /art/2026/11/123.html. */
  readonly url: string;
}

/** How results are grouped for the public page (tabs 新闻 / 政策 / 解读 / 服务). */
export type SearchGroup = 'news' | 'policy' | 'interpretation' | 'service';
export const SEARCH_GROUPS: readonly SearchGroup[] = ['news', 'policy', 'interpretation', 'service'];

/**
 * Document kind → result group: news = article, notice, personnel; policy = policy;
 * interpretation = interpretation, response (回应关切), rumour_rebuttal (辟谣); service = page.
 */
export const KIND_GROUP: Readonly<Record<DocumentKind, SearchGroup>> = {
  article: 'news', notice: 'news', personnel: 'news',
  policy: 'policy',
  interpretation: 'interpretation', response: 'interpretation', rumour_rebuttal: 'interpretation',
  page: 'service',
};

export type SearchSort = 'relevance' | 'date';

export interface SearchQuery {
  /** What the user typed (at most MAX_QUERY_LENGTH characters). */
  readonly q: string;
  readonly siteId?: number;
  readonly columnId?: number;
  /** 主题分类: a first-level category (`一级`) or a full one (`一级\二级`). */
  readonly topicCategory?: string;
  readonly genre?: string;
  /** Documents whose home site is one of these are left out (the public searches pass the sites that are not open). */
  readonly hiddenSites?: readonly number[];
  readonly group?: SearchGroup;
  /** Publication day range, YYYY-MM-DD in Asia/Shanghai, both ends included. */
  readonly from?: string;
  readonly to?: string;
  readonly sort?: SearchSort;
  readonly page?: number;
  readonly pageSize?: number;
  /** Write the query to the anonymous query log (public searches do; tools need not). */
  readonly log?: boolean;
  /** When the search happens (epoch ms, for the log; default Date.now()). */
  readonly now?: number;
}

export interface SearchHit {
  readonly documentId: number;
  /** HTML: the title, escaped, with matches in <mark>. */
  readonly title: string;
  /** HTML: an extract of the body around the matches, escaped, with matches in <mark>. */
  readonly snippet: string;
  readonly url: string;
  readonly siteId: number;
  readonly columnId: number;
  readonly kind: DocumentKind;
  readonly group: SearchGroup;
  readonly publishedAt: number;
  readonly indexNumber: string | null;
  readonly documentNumber: string | null;
  readonly issuingOrgName: string;
}

export interface SearchResult {
  /** 'exact': the query was an index number or 文号 that names documents; 'fulltext' otherwise. */
  readonly mode: 'exact' | 'fulltext';
  /** Matches of the current group filter (all groups when none). */
  readonly total: number;
  /** False when there were more than COUNT_CAP matches (all groups together): `total` and the group counts are then lower bounds ("1000+"). */
  readonly totalExact: boolean;
  readonly page: number;
  readonly pageSize: number;
  readonly items: SearchHit[];
  /** Matches per group, ignoring the group filter (for the tabs); capped like `total`. */
  readonly groups: Readonly<Record<SearchGroup, number>>;
  /** The words searched for, as segmented (for "搜索：政务 服务"). */
  readonly terms: string[];
}

export interface SuggestQuery {
  readonly prefix: string;
  readonly siteId?: number;
}
