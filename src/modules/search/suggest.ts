import type { Db } from '../../db/index.js';
import { searchDb } from './index-entries.js';
import { normalizeQuery } from './normalize.js';
import { ALL_SITES } from './suggestion-terms.js';
import type { SuggestQuery } from './search.types.js';

export const MAX_SUGGESTIONS = 10;
export const MAX_PREFIX_LENGTH = 20;

/**
 * Completions of what is being typed: words of published titles and keywords (public
 * information only, never other people's queries) that start with the last word typed, most
 * used first, for one site or the whole platform. The words typed before it are kept.
 */
export async function suggest(db: Db, q: SuggestQuery): Promise<string[]> {
  const typed = normalizeQuery(q.prefix);
  if (typed === '' || [...typed].length > MAX_PREFIX_LENGTH) return [];
  const cut = typed.lastIndexOf(' ');
  const head = cut >= 0 ? typed.slice(0, cut + 1) : '';
  const prefix = typed.slice(cut + 1);
  if (prefix === '') return [];
  const rows = await searchDb(db).selectFrom('search_terms').select('term')
    .where('site_id', '=', q.siteId ?? ALL_SITES)
    // A prefix range in code-point order (SQLite BINARY, PostgreSQL collate "C"): an index range scan.
    .where('term', '>=', prefix).where('term', '<', `${prefix}\u{10FFFF}`)
    .where('doc_count', '>', 0)
    .orderBy('doc_count', 'desc').orderBy('term').limit(MAX_SUGGESTIONS).execute();
  return rows.map((r) => head + r.term);
}
