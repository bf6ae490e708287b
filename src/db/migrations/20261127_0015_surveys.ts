import type { Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/**
 * 互动交流, 在线调查: surveys per site, their questions, and the responses with their answers.
 * A response keeps only the hash of its device token (one response per device, no identity).
 */
export const migration: Migration = {
  name: '20261127_0015_surveys',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    await withId(db.schema.createTable('surveys'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('title', 'varchar(200)', notNull)
      .addColumn('description', 'text', notNull)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('opens_at', bigint)
      .addColumn('closes_at', bigint)
      .addColumn('results_public', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('response_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', bigint)
      .addColumn('created_at', bigint, notNull)
      .addColumn('updated_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('surveys_site_idx').on('surveys').columns(['site_id', 'id']).execute();

    await withId(db.schema.createTable('survey_questions'), engine)
      .addColumn('survey_id', bigint, (c) => c.notNull().references('surveys.id'))
      .addColumn('position', 'integer', notNull)
      .addColumn('kind', 'varchar(16)', notNull)
      .addColumn('title', 'varchar(500)', notNull)
      .addColumn('required', 'integer', notNull)
      // Options, rows, columns, limits: JSON, checked by the survey schema before it is stored.
      .addColumn('config', 'text', notNull)
      .execute();
    await db.schema.createIndex('survey_questions_survey_idx').on('survey_questions').columns(['survey_id', 'position']).execute();

    await withId(db.schema.createTable('survey_responses'), engine)
      .addColumn('survey_id', bigint, (c) => c.notNull().references('surveys.id'))
      .addColumn('device_hash', 'varchar(64)', notNull)
      .addColumn('submitted_at', bigint, notNull)
      .execute();
    // The rule "one response per device" lives here, so two concurrent submits cannot both pass.
    await db.schema.createIndex('survey_responses_device_uq').unique().on('survey_responses').columns(['survey_id', 'device_hash']).execute();

    await withId(db.schema.createTable('survey_answers'), engine)
      .addColumn('response_id', bigint, (c) => c.notNull().references('survey_responses.id'))
      .addColumn('survey_id', bigint, (c) => c.notNull().references('surveys.id'))
      .addColumn('question_id', bigint, (c) => c.notNull().references('survey_questions.id'))
      .addColumn('value', 'text', notNull)
      .execute();
    await db.schema.createIndex('survey_answers_survey_idx').on('survey_answers').columns(['survey_id', 'question_id', 'response_id']).execute();
  },
};
