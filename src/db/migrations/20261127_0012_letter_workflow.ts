import type { Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/**
 * 互动交流, handling workflow: the letter's place in the workflow (handling unit, step deadline,
 * paused clock, extension, reply, rating), per-mailbox step deadlines, the letter history and
 * the supervisor's notices (督办 and the site-level 3-month alarm).
 */
export const migration: Migration = {
  name: '20261127_0012_letter_workflow',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    // SQLite adds one column per statement.
    const letterColumns: [string, 'bigint' | 'integer' | 'text' | 'varchar(16)' | 'varchar(32)' | 'varchar(500)', boolean][] = [
      ['version', 'integer', true], ['handling_org_id', bigint, false], ['step_due_at', bigint, false], ['merged_into_id', bigint, false],
      ['accepted_at', bigint, false], ['assigned_at', bigint, false],
      ['paused_at', bigint, false], ['paused_from_status', 'varchar(16)', false], ['paused_due_days', 'integer', false], ['paused_step_days', 'integer', false],
      ['extension_days', 'integer', false], ['extension_reason', 'varchar(500)', false], ['extension_requested_by', bigint, false],
      ['reply_text', 'text', false], ['reply_by', bigint, false], ['reply_drafted_at', bigint, false], ['replied_at', bigint, false],
      ['published_at', bigint, false], ['satisfaction', 'varchar(32)', false], ['rated_at', bigint, false], ['reopen_count', 'integer', true],
      ['escalated_due_at', bigint, false], ['alarm_at', bigint, false],
    ];
    for (const [name, type, required] of letterColumns) {
      await db.schema.alterTable('letters').addColumn(name, type, (c) => (required ? c.notNull().defaultTo(0) : c)).execute();
    }
    await db.schema.alterTable('mailboxes').addColumn('accept_days', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable('mailboxes').addColumn('review_days', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    // The escalation job and the dashboard scan open letters by status.
    await db.schema.createIndex('letters_status_idx').on('letters').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('letters_unit_idx').on('letters').columns(['handling_org_id', 'status']).execute();
    await db.schema.createIndex('letters_published_idx').on('letters').columns(['site_id', 'published_at']).execute();

    await withId(db.schema.createTable('letter_history'), engine)
      .addColumn('letter_id', bigint, (c) => c.notNull().references('letters.id'))
      .addColumn('action', 'varchar(32)', notNull)
      .addColumn('from_status', 'varchar(16)', notNull)
      .addColumn('to_status', 'varchar(16)', notNull)
      .addColumn('actor_kind', 'varchar(16)', notNull)
      .addColumn('actor_user_id', bigint)
      .addColumn('actor_name', 'varchar(100)', notNull)
      .addColumn('org_id', bigint)
      .addColumn('reason', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
      .addColumn('at', bigint, notNull)
      .execute();
    await db.schema.createIndex('letter_history_letter_idx').on('letter_history').columns(['letter_id', 'id']).execute();

    await withId(db.schema.createTable('letter_notices'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('letter_id', bigint, (c) => c.notNull().references('letters.id'))
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('message', 'varchar(500)', notNull)
      .addColumn('created_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('letter_notices_site_idx').on('letter_notices').columns(['site_id', 'id']).execute();
  },
};
