import type { Kysely } from 'kysely';
import type { Migration, MigrationContext } from '../migration-kit.js';

/**
 * The keys of the entries whose home site is not open, for the public searches to leave out. On
 * SQLite the full-text match is filtered by key (`rowid not in (select sk … where site_id in …)`),
 * which without this index reads the whole table, bodies included, for every search. PostgreSQL
 * checks site_id on the rows it reads anyway and needs no index.
 */
export const migration: Migration = {
  name: '20261128_0022_search_entries_by_site',
  async up(db: Kysely<unknown>, ctx: MigrationContext) {
    if (ctx.engine !== 'sqlite') return;
    await db.schema.createIndex('search_entries_site_sk_idx').on('search_entries').columns(['site_id', 'sk']).execute();
  },
};
