import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationContext } from '../migration-kit.js';

/**
 * Search keys newest-first across result groups, and a title-only full-text index.
 *
 * - The search key moves the result group from the top bits to the two low bits
 *   (sk = (minute · 2^22 + tiebreak) · 4 + group, src/modules/search/search-key.ts): "the newest
 *   N matches of every group" becomes one walk of the index, and the group counts one pass.
 *   Entries also gain a group filter token. Keys and tokens of existing entries are in the old
 *   layout, and FTS5 (contentless) cannot rewrite its rows: the index is emptied and, when it
 *   held entries, a `search.reindex` job is queued (outbox, in this migration's transaction) so
 *   the worker rebuilds it from the published documents. Searches return fewer results until it
 *   has run.
 * - SQLite: `search_title_fts` (title, tags), so "titles holding these words" walks title
 *   doclists only (PostgreSQL has `tsv_title` since 0005).
 * - PostgreSQL: long values (body, tsvectors) leave the row from 256 bytes on, so the heap a
 *   count walks stays dense (a few dozen rows per page instead of one).
 */
export const migration: Migration = {
  name: '20261126_0009_search_recency_keys',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    const held = await sql<{ n: number }>`select count(*) as n from search_entries`.execute(db);
    const hadEntries = Number(held.rows[0]?.n ?? 0) > 0;
    if (engine === 'postgres') {
      await sql`alter table search_entries set (toast_tuple_target = 256)`.execute(db);
      await sql`truncate search_entries, search_terms`.execute(db);
    } else {
      await sql`create virtual table search_title_fts using fts5(title, tags, content='', contentless_delete=1, tokenize='ascii')`.execute(db);
      await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
      await sql`delete from search_entries`.execute(db);
      await sql`delete from search_terms`.execute(db);
    }
    if (hadEntries) {
      const now = Date.now();
      await sql`insert into jobs (kind, payload, status, run_at, attempts, max_attempts, progress, progress_message, created_at)
        values ('search.reindex', '{}', 'queued', ${now}, 0, 1, 0, '', ${now})`.execute(db);
    }
  },
};
