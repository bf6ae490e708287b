import type { Kysely } from 'kysely';
import type { Database } from '../../../db/index.js';
import type { QueryClause } from '../parse-query.js';
import type { SearchTables } from '../search.tables.js';

/** The database as the search module sees it: the platform's tables plus its own. */
export type SearchDb = Kysely<Database & SearchTables>;

/** One entry ready to write: its row, and its segmented text for the full-text index. */
export interface PreparedRow {
  readonly documentId: number;
  readonly sk: number;
  /** search_entries values, in ENTRY_COLUMNS order. */
  readonly row: readonly (string | number | null)[];
  /** Space-separated jieba tokens. */
  readonly title: string;
  readonly body: string;
  readonly meta: string;
  /** Reserved filter tokens (reserved-tokens.ts). */
  readonly tags: string;
}

/** search_entries columns a write fills (PostgreSQL adds `tsv`). */
export const ENTRY_COLUMNS = [
  'document_id', 'sk', 'site_id', 'column_id', 'site_ids', 'column_ids', 'kind', 'grp', 'title', 'body', 'summary', 'keywords', 'index_number',
  'document_number', 'topic_category', 'genre', 'issuing_org_name', 'published_at', 'url', 'terms', 'indexed_at',
] as const;

/** Overwrites an earlier entry of the same document in place. */
export function entriesUpsert(extra: readonly string[] = []): string {
  return `on conflict (document_id) do update set ${[...ENTRY_COLUMNS.filter((c) => c !== 'document_id'), ...extra].map((c) => `${c} = excluded.${c}`).join(', ')}`;
}

export const TERMS_UPSERT = 'on conflict (site_id, term) do update set doc_count = search_terms.doc_count + excluded.doc_count';

/** What to match: the user's clauses (in the title only, or anywhere) and filter tokens. */
export interface MatchSpec {
  readonly clauses: readonly QueryClause[];
  readonly scope: 'title' | 'all';
  readonly tags: readonly string[];
  /** Entries whose home site is one of these are left out (sites that are not open). */
  readonly hiddenSites?: readonly number[];
}

export interface KeyRange {
  readonly lo: number;
  readonly hi: number;
}

export interface ScoredKey {
  readonly sk: number;
  /** Higher is more relevant (FTS5's bm25 is negated). */
  readonly score: number;
}

/** What differs between the engines; everything else of the module is shared. */
export interface SearchDialect {
  /** Removes the full-text rows of these keys (the search_entries rows are deleted by the caller). */
  deleteText(db: SearchDb, sks: readonly number[]): Promise<void>;
  /** Inserts (or overwrites, by document_id) search_entries rows, and inserts their full-text rows. */
  insertRows(db: SearchDb, rows: readonly PreparedRow[]): Promise<void>;
  /** Adds the deltas to the suggestion counts (`on conflict` upsert). */
  addTermCounts(db: SearchDb, rows: readonly (readonly [siteId: number, term: string, delta: number])[]): Promise<void>;
  /** Empties the full-text structure (a full rebuild). */
  clearText(db: SearchDb): Promise<void>;
  /**
   * Matches within the key range, counted up to `cap` (a total of cap + 1 means "more"), with
   * how many of them fall in each group (`sk % 4`): of the first cap + 1 found when there are more.
   */
  groupCounts(db: SearchDb, match: MatchSpec, range: KeyRange, cap: number): Promise<{ total: number; perGroup: readonly number[] }>;
  /** Matches within the key range, counted up to `cap` (cap + 1 means "more"). */
  count(db: SearchDb, match: MatchSpec, range: KeyRange, cap: number): Promise<number>;
  /** Newest first. */
  newest(db: SearchDb, match: MatchSpec, range: KeyRange, limit: number): Promise<number[]>;
  /** The `limit` newest matches, each with its relevance score. */
  scoredNewest(db: SearchDb, match: MatchSpec, range: KeyRange, limit: number): Promise<ScoredKey[]>;
  /** Runs a search's queries with the engine's query settings (PostgreSQL: one read transaction with planner settings). */
  session<T>(db: SearchDb, fn: (db: SearchDb) => Promise<T>): Promise<T>;
  /** Compacts the index after a bulk load. */
  optimize(db: SearchDb): Promise<void>;
}
