import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { searchDialect, type KeyRange, type MatchSpec, type ScoredKey, type SearchDb } from './dialect/index.js';
import { SearchErrors } from './errors.js';
import { highlightSnippet, highlightTitle } from './highlight.js';
import { searchDb } from './index-entries.js';
import { normalizeText } from './normalize.js';
import { MAX_QUERY_LENGTH, parseQuery, type ExactKey, type ParsedQuery } from './parse-query.js';
import { logQuery } from './query-log.js';
import { columnToken, genreToken, groupToken, siteToken, topicToken } from './reserved-tokens.js';
import { dayRange, groupIndex, groupOfKey, keyRange } from './search-key.js';
import { SEARCH_GROUPS, type SearchGroup, type SearchHit, type SearchQuery, type SearchResult } from './search.types.js';
import type { SearchEntriesTable } from './search.tables.js';

/**
 * Matches are counted exactly up to this many (all groups together); beyond it the total reads
 * "1000+" (`totalExact` false) and the group counts are lower bounds (those of the first
 * COUNT_CAP + 1 matches found). As many as can be paged through (MAX_RESULT_WINDOW): counting
 * further only costs index reads (a common word has tens of thousands of matches).
 */
export const COUNT_CAP = 1_000;
/** Results that can be paged through (page × pageSize). */
export const MAX_RESULT_WINDOW = 1_000;
/**
 * Relevance ranks the newest this-many matches by BM25 / ts_rank (after the title matches, which
 * go newest first); deeper pages widen it. Bounds the work of a very common word.
 */
export const RELEVANCE_WINDOW = 300;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;

type EntryRow = Pick<SearchEntriesTable, 'document_id' | 'sk' | 'site_id' | 'column_id' | 'site_ids' | 'column_ids' | 'kind' | 'grp' | 'title' | 'body' | 'summary'
  | 'index_number' | 'document_number' | 'topic_category' | 'genre' | 'issuing_org_name' | 'published_at' | 'url'>;
const ENTRY_COLUMNS = ['document_id', 'sk', 'site_id', 'column_id', 'site_ids', 'column_ids', 'kind', 'grp', 'title', 'body', 'summary', 'index_number',
  'document_number', 'topic_category', 'genre', 'issuing_org_name', 'published_at', 'url'] as const;

function validate(q: SearchQuery): { page: number; pageSize: number; fromMs: number | null; toMs: number | null } {
  if ([...q.q].length > MAX_QUERY_LENGTH) throw new AppError(SearchErrors['search.query_too_long'], { max: MAX_QUERY_LENGTH });
  for (const d of [q.from, q.to]) if (d !== undefined && dayRange(d, undefined).fromMs === null) throw new AppError(SearchErrors['search.bad_date'], { value: d });
  const { fromMs, toMs } = dayRange(q.from, q.to);
  if (fromMs !== null && toMs !== null && fromMs >= toMs) throw new AppError(SearchErrors['search.bad_range'], { from: q.from ?? '', to: q.to ?? '' });
  const page = Math.max(1, Math.floor(q.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(q.pageSize ?? DEFAULT_PAGE_SIZE)));
  if (page * pageSize > MAX_RESULT_WINDOW) throw new AppError(SearchErrors['search.page_too_deep'], { max: MAX_RESULT_WINDOW });
  return { page, pageSize, fromMs, toMs };
}

function filterTokens(q: SearchQuery): string[] {
  return [
    ...(q.siteId !== undefined ? [siteToken(q.siteId)] : []),
    ...(q.columnId !== undefined ? [columnToken(q.columnId)] : []),
    ...(q.topicCategory ? [topicToken(q.topicCategory)] : []),
    ...(q.genre ? [genreToken(q.genre)] : []),
  ];
}

const emptyGroups = (): Record<SearchGroup, number> => ({ news: 0, policy: 0, interpretation: 0, service: 0 });

/**
 * Searches the index. An index number or 文号 that names documents answers with them
 * ('exact'); otherwise a full-text match of every word (and phrase) in title, body or metadata,
 * within the filters. Relevance puts title matches first (newest first), then the rest by BM25
 * (SQLite) or ts_rank (PostgreSQL) with title weighted above body; 'date' is newest first.
 */
export async function searchDocuments(db: Db, q: SearchQuery): Promise<SearchResult> {
  const { page, pageSize, fromMs, toMs } = validate(q);
  const parsed = parseQuery(q.q);
  const sdb = searchDb(db);
  const result = await searchDialect(sdb).session(sdb, async (s) => (parsed.exact ? await exactSearch(s, parsed, parsed.exact, q, { page, pageSize, fromMs, toMs }) : null)
    ?? fullTextSearch(s, parsed, q, { page, pageSize, fromMs, toMs }));
  if (q.log) await logQuery(sdb, { query: q.q, siteId: q.siteId ?? null, results: result.total, now: q.now ?? Date.now() });
  return result;
}

interface Paging {
  readonly page: number;
  readonly pageSize: number;
  readonly fromMs: number | null;
  readonly toMs: number | null;
}

async function exactSearch(db: SearchDb, parsed: ParsedQuery, key: ExactKey, q: SearchQuery, p: Paging): Promise<SearchResult | null> {
  const rows = await db.selectFrom('search_entries').select(ENTRY_COLUMNS).where(key.field, '=', key.value).orderBy('published_at', 'desc').limit(200).execute();
  const inFilters = rows.filter((r) => (q.siteId === undefined || r.site_ids.includes(`,${q.siteId},`))
    && !(q.hiddenSites ?? []).includes(Number(r.site_id))
    && (q.columnId === undefined || r.column_ids.includes(`,${q.columnId},`))
    && (!q.topicCategory || r.topic_category === q.topicCategory || (r.topic_category ?? '').split('\\')[0] === q.topicCategory)
    && (!q.genre || r.genre === q.genre)
    && (p.fromMs === null || Number(r.published_at) >= p.fromMs) && (p.toMs === null || Number(r.published_at) < p.toMs));
  if (inFilters.length === 0) return null;
  const groups = emptyGroups();
  for (const r of inFilters) groups[r.grp as SearchGroup] += 1;
  const shown = inFilters.filter((r) => !q.group || r.grp === q.group);
  const needle = normalizeText(key.value);
  const items = shown.slice((p.page - 1) * p.pageSize, p.page * p.pageSize).map((r) => toHit(r, [needle], []));
  return { mode: 'exact', total: shown.length, totalExact: true, page: p.page, pageSize: p.pageSize, items, groups, terms: [key.value] };
}

async function fullTextSearch(db: SearchDb, parsed: ParsedQuery, q: SearchQuery, p: Paging): Promise<SearchResult> {
  const base = { mode: 'fulltext' as const, page: p.page, pageSize: p.pageSize, terms: [...parsed.terms] };
  const range = keyRange(p.fromMs, p.toMs);
  if (parsed.clauses.length === 0 || !range) return { ...base, total: 0, totalExact: true, items: [], groups: emptyGroups() };
  const dialect = searchDialect(db);
  const all: MatchSpec = { clauses: parsed.clauses, scope: 'all', tags: filterTokens(q), ...(q.hiddenSites && q.hiddenSites.length > 0 ? { hiddenSites: q.hiddenSites } : {}) };
  // The group tabs count every group; the results are of the chosen one (its token joins the match).
  const counted = await dialect.groupCounts(db, all, range, COUNT_CAP);
  const groups = emptyGroups();
  SEARCH_GROUPS.forEach((g, i) => { groups[g] = counted.perGroup[i] ?? 0; });
  let total = Math.min(counted.total, COUNT_CAP);
  // Beyond the cap every count shown is a lower bound (the tabs too), so `totalExact` stays false
  // even when the chosen group's own count is exact.
  const exact = counted.total <= COUNT_CAP;
  const shown: MatchSpec = q.group ? { ...all, tags: [...all.tags, groupToken(groupIndex(q.group))] } : all;
  if (q.group) {
    const n = exact ? groups[q.group] : await dialect.count(db, shown, range, COUNT_CAP);
    total = Math.min(n, COUNT_CAP);
    groups[q.group] = Math.max(groups[q.group], total);
  }
  const offset = (p.page - 1) * p.pageSize;
  if (offset >= total) return { ...base, total, totalExact: exact, items: [], groups };

  const keys = q.sort === 'date'
    ? (await dialect.newest(db, shown, range, offset + p.pageSize)).slice(offset, offset + p.pageSize)
    : (await rankByRelevance(db, shown, range, offset + p.pageSize)).slice(offset, offset + p.pageSize);
  const needles = [...parsed.phrases, ...parsed.terms];
  const rows = keys.length === 0 ? [] : await db.selectFrom('search_entries').select(ENTRY_COLUMNS).where('sk', 'in', keys).execute();
  const bySk = new Map(rows.map((r) => [Number(r.sk), r]));
  const items = keys.flatMap((k) => {
    const r = bySk.get(k);
    return r ? [toHit(r, needles, needles)] : [];
  });
  return { ...base, total, totalExact: exact, items, groups };
}

/**
 * Title matches first, newest first; then the others by BM25 (SQLite) / ts_rank (PostgreSQL),
 * title weighted above metadata above body, ties newest first (newest first too when the query
 * holds a phrase). The title tier is a walk of the index that stops after `need`; the scored
 * tier (which reads every matching row of each word once to weigh it) runs only when the title
 * matches do not fill the page — for a word common enough to make that expensive, they
 * usually do. Every choice here depends on the query, never on the page, so paging is consistent.
 */
async function rankByRelevance(db: SearchDb, all: MatchSpec, range: KeyRange, need: number): Promise<number[]> {
  const dialect = searchDialect(db);
  // Only as many title matches as the page needs: they are newest first, so a deeper page
  // extends the same list.
  const tier1 = await dialect.newest(db, { ...all, scope: 'title' }, range, need);
  if (tier1.length >= need) return tier1;
  const first = new Set(tier1);
  // Weighing reads every document holding each word (BM25's inverse document frequency), and
  // for a phrase checks word positions in all of them: a phrase is precise enough, its other
  // matches go newest first. The newest `need` matches are enough for the page: less the title
  // matches among them, at least `need - tier1.length` remain (or all there are). Reading the
  // newest RELEVANCE_WINDOW gave the same page with up to RELEVANCE_WINDOW / need times the
  // position checks (15× on a first page of 20).
  if (all.clauses.some((c) => c.phrase)) return [...tier1, ...(await dialect.newest(db, all, range, need)).filter((k) => !first.has(k))];
  const window = Math.max(RELEVANCE_WINDOW, need);
  const tier2 = await dialect.scoredNewest(db, all, range, window);
  const order = (a: ScoredKey, b: ScoredKey) => b.score - a.score || b.sk - a.sk;
  return [...tier1, ...tier2.filter((t) => !first.has(t.sk)).sort(order).map((t) => t.sk)];
}

function toHit(r: EntryRow, titleNeedles: readonly string[], bodyNeedles: readonly string[]): SearchHit {
  const body = r.body.trim() !== '' ? r.body : r.summary;
  return {
    documentId: Number(r.document_id), title: highlightTitle(r.title, titleNeedles), snippet: highlightSnippet(body, bodyNeedles),
    url: r.url, siteId: Number(r.site_id), columnId: Number(r.column_id), kind: r.kind as SearchHit['kind'], group: groupOfKey(Number(r.sk)),
    publishedAt: Number(r.published_at), indexNumber: r.index_number, documentNumber: r.document_number, issuingOrgName: r.issuing_org_name,
  };
}
