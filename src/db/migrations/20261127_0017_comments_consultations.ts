import type { Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/**
 * 互动交流: readers' comments on documents (评论) and public consultations on drafts (征求意见),
 * both moderated through one queue. A consultation's opinions are rows of `comments` that point at
 * the consultation (and a clause, or none for an overall opinion).
 */
export const migration: Migration = {
  name: '20261127_0017_comments_consultations',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    await withId(db.schema.createTable('consultations'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      // The draft published as a document (its attachments are shown); optional.
      .addColumn('document_id', bigint)
      .addColumn('title', 'varchar(200)', notNull)
      .addColumn('intro', 'text', notNull)
      .addColumn('opens_at', bigint, notNull)
      .addColumn('closes_at', bigint, notNull)
      // Why the period is shorter than the usual 30 days (shown publicly); '' when it is not.
      .addColumn('short_reason', 'varchar(500)', (c) => c.notNull().defaultTo(''))
      .addColumn('summary_text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('summary_published_at', bigint)
      .addColumn('created_by', bigint, notNull)
      .addColumn('created_at', bigint, notNull)
      .addColumn('updated_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('consultations_site_idx').on('consultations').columns(['site_id', 'opens_at']).execute();

    await withId(db.schema.createTable('consultation_clauses'), engine)
      .addColumn('consultation_id', bigint, (c) => c.notNull().references('consultations.id'))
      .addColumn('clause_no', 'integer', notNull)
      .addColumn('heading', 'varchar(100)', notNull)
      .addColumn('text', 'text', notNull)
      // 采纳情况及理由, written after closing: adopted | partly | not_adopted | '' (not yet).
      .addColumn('adoption', 'varchar(16)', (c) => c.notNull().defaultTo(''))
      .addColumn('feedback', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('consultation_clauses_uq').on('consultation_clauses').columns(['consultation_id', 'clause_no']).unique().execute();

    await withId(db.schema.createTable('comments'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('document_id', bigint)
      .addColumn('consultation_id', bigint, (c) => c.references('consultations.id'))
      // For opinions: the clause number; null = on the whole draft (or a document comment).
      .addColumn('clause_no', 'integer')
      .addColumn('body', 'text', notNull)
      .addColumn('nickname', 'varchar(50)', (c) => c.notNull().defaultTo(''))
      // Optional contact data of an opinion (SM4 field token).
      .addColumn('contact_enc', 'text')
      .addColumn('status', 'varchar(16)', notNull)
      // Banned-expression findings at submission (JSON array), shown to the moderator.
      .addColumn('findings', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('report_reason', 'varchar(500)', (c) => c.notNull().defaultTo(''))
      .addColumn('submitted_at', bigint, notNull)
      .addColumn('moderated_at', bigint)
      .addColumn('moderated_by', bigint)
      .addColumn('moderation_note', 'varchar(500)', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('comments_document_idx').on('comments').columns(['document_id', 'status', 'id']).execute();
    await db.schema.createIndex('comments_consultation_idx').on('comments').columns(['consultation_id', 'status', 'clause_no']).execute();
    await db.schema.createIndex('comments_queue_idx').on('comments').columns(['site_id', 'status', 'id']).execute();
  },
};
