import type { Generated } from 'kysely';

/**
 * One row per document in the index: what a result shows (original text, for highlighting),
 * the exact-look-up keys, and the search key `sk` (see search-key.ts) the full-text index uses
 * as its row id. On PostgreSQL the row also holds the `tsv` and `tsv_title` columns (tsvectors,
 * GIN-indexed); on SQLite the FTS5 tables `search_fts` and `search_title_fts` hold the tokens
 * with rowid = sk.
 */
export interface SearchEntriesTable {
  document_id: number;
  sk: number;
  site_id: number;
  column_id: number;
  /** `,1,7,`: the home site and the sites that show it by reference (exact look-ups filter on it). */
  site_ids: string;
  column_ids: string;
  kind: string;
  grp: string;
  title: string;
  /** Plain text of the body (at most MAX_INDEXED_BODY characters), for snippets. */
  body: string;
  summary: string;
  keywords: string;
  index_number: string | null;
  document_number: string | null;
  topic_category: string | null;
  genre: string | null;
  issuing_org_name: string;
  published_at: number;
  url: string;
  /** Its suggestion words, space-separated (subtracted exactly when it is replaced or removed). */
  terms: string;
  indexed_at: number;
}

/** Suggestion vocabulary: words of published titles and keywords, with how many documents use them (site 0 = the whole platform). */
export interface SearchTermsTable {
  site_id: number;
  term: string;
  doc_count: number;
}

/** The anonymous query log: no IP, no user, no session, no user agent; personal-looking digits masked. */
export interface SearchQueriesTable {
  id: Generated<number>;
  query: string;
  site_id: number | null;
  results: number;
  /** Epoch ms. */
  created_at: number;
  /** YYYY-MM-DD, Asia/Shanghai. */
  day: string;
}

export interface SearchTables {
  search_entries: SearchEntriesTable;
  search_terms: SearchTermsTable;
  search_queries: SearchQueriesTable;
}
