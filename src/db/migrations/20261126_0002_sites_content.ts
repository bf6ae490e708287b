import type { Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/** Sites, columns, documents with editions, review actions, attachments, the resource library. Frozen. */
export const migration: Migration = {
  name: '20261126_0002_sites_content',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    await withId(db.schema.createTable('sites'), engine)
      .addColumn('code', 'varchar(10)', (c) => c.notNull().unique())
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('owner_org_id', bigint, (c) => c.notNull().unique().references('organizations.id'))
      .addColumn('name', 'varchar(200)', notNull)
      .addColumn('primary_domain', 'varchar(253)', notNull)
      .addColumn('icp_number', 'varchar(64)')
      .addColumn('police_number', 'varchar(64)')
      .addColumn('host_unit', 'varchar(200)', notNull)
      .addColumn('contact', 'text', notNull)
      .addColumn('logo_url', 'varchar(500)')
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('created_by', bigint)
      .addColumn('created_at', bigint, notNull)
      .addColumn('updated_at', bigint, notNull)
      .execute();
    await db.schema.createTable('site_domains')
      .addColumn('domain', 'varchar(253)', (c) => c.primaryKey())
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id').onDelete('cascade'))
      .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('site_domains_site_idx').on('site_domains').column('site_id').execute();

    await withId(db.schema.createTable('columns'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('parent_id', bigint, (c) => c.references('columns.id'))
      .addColumn('path', 'varchar(512)', notNull)
      .addColumn('name', 'varchar(100)', notNull)
      .addColumn('slug', 'varchar(64)', notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('keywords', 'varchar(500)', (c) => c.notNull().defaultTo(''))
      .addColumn('update_days', 'integer')
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('workflow', 'text', notNull)
      .addColumn('link_url', 'varchar(1000)')
      .addColumn('comments_enabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('merged_into_id', bigint)
      .addColumn('created_at', bigint, notNull)
      .addColumn('updated_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('columns_site_idx').on('columns').columns(['site_id', 'path']).execute();
    await db.schema.createIndex('columns_parent_idx').on('columns').column('parent_id').execute();

    await withId(db.schema.createTable('documents'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('column_id', bigint, (c) => c.notNull().references('columns.id'))
      .addColumn('org_id', bigint, (c) => c.notNull().references('organizations.id'))
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('index_number', 'varchar(64)', (c) => c.unique())
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('current_edition_id', bigint)
      .addColumn('published_edition_id', bigint)
      .addColumn('is_major', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('interprets_id', bigint, (c) => c.references('documents.id'))
      .addColumn('created_by', bigint, notNull)
      .addColumn('created_at', bigint, notNull)
      .addColumn('updated_at', bigint, notNull)
      .addColumn('first_published_at', bigint)
      .addColumn('last_published_at', bigint)
      .addColumn('withdrawn_at', bigint)
      .addColumn('withdraw_reason', 'text')
      .addColumn('withdraw_public', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    // Keyset pagination of the admin list: (site, column, status) then newest first.
    await db.schema.createIndex('documents_list_idx').on('documents').columns(['site_id', 'column_id', 'status', 'updated_at', 'id']).execute();
    await db.schema.createIndex('documents_site_updated_idx').on('documents').columns(['site_id', 'updated_at', 'id']).execute();
    await db.schema.createIndex('documents_interprets_idx').on('documents').column('interprets_id').execute();

    await withId(db.schema.createTable('document_editions'), engine)
      .addColumn('document_id', bigint, (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('number', 'integer', notNull)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('lock_version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('title', 'varchar(500)', notNull)
      .addColumn('subtitle', 'varchar(500)', (c) => c.notNull().defaultTo(''))
      .addColumn('body_html', 'text', notNull)
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('keywords', 'varchar(500)', (c) => c.notNull().defaultTo(''))
      .addColumn('document_number', 'varchar(100)')
      .addColumn('topic_category', 'varchar(100)')
      .addColumn('topic_category_version', 'varchar(100)')
      .addColumn('genre', 'varchar(32)')
      .addColumn('validity', 'varchar(16)', notNull)
      .addColumn('validity_date', 'varchar(10)')
      .addColumn('issuing_org_name', 'varchar(200)', notNull)
      .addColumn('date_written', 'varchar(10)')
      .addColumn('source', 'varchar(200)', (c) => c.notNull().defaultTo(''))
      .addColumn('author_id', bigint, notNull)
      .addColumn('last_editor_id', bigint, notNull)
      .addColumn('review_step', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('checks', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('correction_note', 'text')
      .addColumn('scheduled_publish_at', bigint)
      .addColumn('scheduled_unpublish_at', bigint)
      .addColumn('created_at', bigint, notNull)
      .addColumn('updated_at', bigint, notNull)
      .addColumn('submitted_at', bigint)
      .addColumn('approved_at', bigint)
      .addColumn('published_at', bigint)
      .execute();
    await db.schema.createIndex('document_editions_doc_idx').on('document_editions').columns(['document_id', 'number']).unique().execute();
    await db.schema.createIndex('document_editions_status_idx').on('document_editions').columns(['status', 'scheduled_publish_at']).execute();

    await withId(db.schema.createTable('review_actions'), engine)
      .addColumn('edition_id', bigint, (c) => c.notNull().references('document_editions.id').onDelete('cascade'))
      .addColumn('step', 'integer', notNull)
      .addColumn('step_name', 'varchar(50)', notNull)
      .addColumn('action', 'varchar(16)', notNull)
      .addColumn('actor_id', bigint)
      .addColumn('reason', 'text')
      .addColumn('at', bigint, notNull)
      .execute();
    await db.schema.createIndex('review_actions_edition_idx').on('review_actions').column('edition_id').execute();

    await withId(db.schema.createTable('attachments'), engine)
      .addColumn('document_id', bigint, (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('edition_id', bigint, (c) => c.notNull())
      .addColumn('original_name', 'varchar(255)', notNull)
      .addColumn('stored_name', 'varchar(100)', notNull)
      .addColumn('mime', 'varchar(100)', notNull)
      .addColumn('ext', 'varchar(16)', notNull)
      .addColumn('size', bigint, notNull)
      .addColumn('sm3', 'varchar(64)', notNull)
      .addColumn('extracted_text', 'text')
      .addColumn('created_by', bigint, notNull)
      .addColumn('created_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('attachments_doc_idx').on('attachments').columns(['document_id', 'edition_id']).execute();
    // Editions share an unchanged attachment's file (a new edition copies the rows, not the bytes).
    await db.schema.createIndex('attachments_stored_idx').on('attachments').column('stored_name').execute();

    await db.schema.createTable('index_number_counters')
      .addColumn('org_id', bigint, notNull)
      .addColumn('year', 'integer', notNull)
      .addColumn('last_value', 'integer', notNull)
      .addPrimaryKeyConstraint('index_number_counters_pk', ['org_id', 'year'])
      .execute();

    await withId(db.schema.createTable('placements'), engine)
      .addColumn('document_id', bigint, (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('column_id', bigint, (c) => c.notNull().references('columns.id'))
      .addColumn('mode', 'varchar(16)', notNull)
      .addColumn('origin_document_id', bigint, notNull)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('created_by', bigint, notNull)
      .addColumn('created_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('placements_column_idx').on('placements').columns(['column_id', 'status']).execute();
    await db.schema.createIndex('placements_doc_idx').on('placements').column('document_id').execute();

    await withId(db.schema.createTable('banned_expressions'), engine)
      .addColumn('phrase', 'varchar(100)', (c) => c.notNull().unique())
      .addColumn('suggestion', 'varchar(200)', (c) => c.notNull().defaultTo(''))
      .addColumn('category', 'varchar(32)', notNull)
      .addColumn('severity', 'varchar(16)', notNull)
      .addColumn('created_at', bigint, notNull)
      .execute();
    await db.schema.createTable('check_rules')
      .addColumn('rule', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('severity', 'varchar(16)', notNull)
      .addColumn('updated_at', bigint, notNull)
      .execute();
  },
};
