import type { Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/** 互动交流, 在线访谈: interviews per site, their pictures, questions from the public, the transcript in sequence. */
export const migration: Migration = {
  name: '20261127_0016_interviews',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    await withId(db.schema.createTable('interviews'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('title', 'varchar(200)', notNull)
      .addColumn('topic', 'varchar(200)', (c) => c.notNull().defaultTo(''))
      .addColumn('description', 'text', notNull)
      .addColumn('guests', 'text', notNull)
      .addColumn('scheduled_start', bigint, notNull)
      .addColumn('scheduled_end', bigint, notNull)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('started_at', bigint)
      .addColumn('ended_at', bigint)
      .addColumn('created_by', bigint)
      .addColumn('created_at', bigint, notNull)
      .addColumn('updated_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('interviews_site_idx').on('interviews').columns(['site_id', 'scheduled_start']).execute();

    await withId(db.schema.createTable('interview_images'), engine)
      .addColumn('interview_id', bigint, (c) => c.notNull().references('interviews.id'))
      .addColumn('file_name', 'varchar(255)', notNull)
      .addColumn('mime', 'varchar(100)', notNull)
      .addColumn('size', 'integer', notNull)
      .addColumn('content', 'text', notNull)
      .addColumn('created_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('interview_images_interview_idx').on('interview_images').columns(['interview_id']).execute();

    await withId(db.schema.createTable('interview_questions'), engine)
      .addColumn('interview_id', bigint, (c) => c.notNull().references('interviews.id'))
      .addColumn('nickname', 'varchar(50)', (c) => c.notNull().defaultTo(''))
      .addColumn('body', 'varchar(2000)', notNull)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('during_live', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('submitted_at', bigint, notNull)
      .addColumn('decided_at', bigint)
      .addColumn('decided_by', bigint)
      .execute();
    await db.schema.createIndex('interview_questions_idx').on('interview_questions').columns(['interview_id', 'status', 'id']).execute();

    await withId(db.schema.createTable('interview_entries'), engine)
      .addColumn('interview_id', bigint, (c) => c.notNull().references('interviews.id'))
      .addColumn('seq', 'integer', notNull)
      .addColumn('kind', 'varchar(16)', notNull)
      .addColumn('speaker', 'varchar(100)', notNull)
      .addColumn('body', 'text', notNull)
      .addColumn('question_id', bigint, (c) => c.references('interview_questions.id'))
      .addColumn('image_id', bigint, (c) => c.references('interview_images.id'))
      .addColumn('created_by', bigint)
      .addColumn('created_at', bigint, notNull)
      .execute();
    // Readers resume "after seq N"; the unique index also refuses a duplicated sequence number.
    await db.schema.createIndex('interview_entries_seq_idx').on('interview_entries').columns(['interview_id', 'seq']).unique().execute();
  },
};
