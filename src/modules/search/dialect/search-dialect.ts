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
  readonly row: Readonly<Record<string, string | number | null>>;
  /** Space-separated jieba tokens. */
  readonly title: string;
  readonly body: string;
  readonly meta: string;
  /** Reserved filter tokens (reserved-tokens.ts). */
  readonly tags: string;
}

/** What to match: the user's clauses (in the title only, or anywhere) and filter tokens. */
export interface MatchSpec {
  readonly clauses: readonly QueryClause[];
  readonly scope: 'title' | 'all';
  readonly tags: readonly string[];
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
  /** Inserts search_entries rows and their full-text rows. */
  insertRows(db: SearchDb, rows: readonly PreparedRow[]): Promise<void>;
  /** Empties the full-text structure (a full rebuild). */
  clearText(db: SearchDb): Promise<void>;
  /** Matches within the key range, counted up to `cap` (cap + 1 means "more"). */
  count(db: SearchDb, match: MatchSpec, range: KeyRange, cap: number): Promise<number>;
  /** Newest first. */
  newest(db: SearchDb, match: MatchSpec, range: KeyRange, limit: number): Promise<number[]>;
  /** The `limit` newest matches, each with its relevance score. */
  scoredNewest(db: SearchDb, match: MatchSpec, range: KeyRange, limit: number): Promise<ScoredKey[]>;
  /** Compacts the index after a bulk load. */
  optimize(db: SearchDb): Promise<void>;
}
