import type { Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration } from '../migration-kit.js';

/** Publishing: what is live where (list pages and feeds render from it), column positions, theme settings. */
export const migration: Migration = {
  name: '20261126_0007_publishing',
  async up(db: Kysely<unknown>, ctx) {
    await db.schema.createTable('published_items')
      .addColumn('site_id', bigint, notNull)
      .addColumn('column_id', bigint, notNull)
      .addColumn('document_id', bigint, notNull)
      .addColumn('seq', 'integer', notNull)
      .addColumn('title', 'varchar(1000)', notNull)
      .addColumn('path', 'varchar(300)', notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('published_at', bigint, notNull)
      .addColumn('via', 'varchar(16)', notNull)
      .addPrimaryKeyConstraint('published_items_pk', ['column_id', 'document_id'])
      .execute();
    await db.schema.createIndex('published_items_seq_idx').on('published_items').columns(['column_id', 'seq']).execute();
    await db.schema.createIndex('published_items_site_idx').on('published_items').columns(['site_id', 'published_at']).execute();
    await db.schema.createIndex('published_items_doc_idx').on('published_items').column('document_id').execute();

    await db.schema.createTable('column_sequences')
      .addColumn('column_id', bigint, (c) => c.primaryKey())
      .addColumn('last_seq', 'integer', notNull)
      .execute();

    await db.schema.createTable('theme_settings')
      .addColumn('site_id', bigint, (c) => c.primaryKey())
      .addColumn('palette', 'varchar(16)', notNull)
      .addColumn('nav_columns', 'text', notNull)
      .addColumn('home_blocks', 'text', notNull)
      .addColumn('mourning', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_by', bigint)
      .addColumn('updated_at', bigint, notNull)
      .execute();

    await db.schema.createTable('published_columns')
      .addColumn('site_id', bigint, notNull)
      .addColumn('column_id', bigint, notNull)
      .addColumn('href', 'varchar(600)', notNull)
      .addPrimaryKeyConstraint('published_columns_pk', ['site_id', 'column_id'])
      .execute();

    await db.schema.createTable('theme_overrides')
      .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
      .addColumn('source', 'text', notNull)
      .addColumn('updated_by', bigint)
      .addColumn('updated_at', bigint, notNull)
      .execute();
    await withId(db.schema.createTable('theme_revisions'), ctx.engine)
      .addColumn('name', 'varchar(100)', notNull)
      /** null: reverted to the shipped template. */
      .addColumn('source', 'text')
      .addColumn('note', 'varchar(500)', notNull)
      .addColumn('saved_by', bigint)
      .addColumn('saved_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('theme_revisions_name_idx').on('theme_revisions').columns(['name', 'id']).execute();

    await db.schema.createTable('home_embeds')
      .addColumn('site_id', bigint, notNull)
      .addColumn('column_id', bigint, notNull)
      .addPrimaryKeyConstraint('home_embeds_pk', ['site_id', 'column_id'])
      .execute();
    await db.schema.createIndex('home_embeds_column_idx').on('home_embeds').column('column_id').execute();
  },
};
