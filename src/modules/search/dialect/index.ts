import { engineOf } from './engine-of.js';
import { postgresSearch } from './postgres-search.js';
import { sqliteSearch } from './sqlite-search.js';
import type { SearchDialect } from './search-dialect.js';

export { ENTRY_COLUMNS } from './search-dialect.js';
export type { SearchDb, SearchDialect, PreparedRow, MatchSpec, KeyRange, ScoredKey } from './search-dialect.js';

export function searchDialect(db: Parameters<typeof engineOf>[0]): SearchDialect {
  return engineOf(db) === 'postgres' ? postgresSearch : sqliteSearch;
}
