import type { Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/**
 * 互动交流, error reports (网民纠错): the reports with their two deadlines (triage by the
 * platform operator, then the site owner's fix), their history, and the supervisor's notices.
 */
export const migration: Migration = {
  name: '20261127_0014_error_reports',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    await withId(db.schema.createTable('error_reports'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('query_code', 'varchar(20)', (c) => c.notNull().unique())
      .addColumn('error_type', 'varchar(16)', notNull)
      .addColumn('page_url', 'varchar(1000)', notNull)
      .addColumn('description', 'text', notNull)
      .addColumn('name_enc', 'text')
      .addColumn('phone_enc', 'text')
      .addColumn('email_enc', 'text')
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('idempotency_key', 'varchar(64)', notNull)
      .addColumn('received_at', bigint, notNull)
      .addColumn('triage_due_at', bigint, notNull)
      .addColumn('triaged_at', bigint)
      .addColumn('forwarded_at', bigint)
      .addColumn('owner_due_at', bigint)
      .addColumn('step_due_at', bigint)
      .addColumn('dismiss_kind', 'varchar(16)')
      .addColumn('reason', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
      .addColumn('answer', 'text')
      .addColumn('answered_at', bigint)
      .addColumn('answered_by', bigint)
      .addColumn('escalated_due_at', bigint)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('error_reports_idempotency_uq').unique().on('error_reports').columns(['site_id', 'idempotency_key']).execute();
    await db.schema.createIndex('error_reports_site_idx').on('error_reports').columns(['site_id', 'id']).execute();
    // The escalation job and the work lists scan open reports by status and deadline.
    await db.schema.createIndex('error_reports_status_idx').on('error_reports').columns(['status', 'step_due_at']).execute();

    await withId(db.schema.createTable('error_report_history'), engine)
      .addColumn('report_id', bigint, (c) => c.notNull().references('error_reports.id'))
      .addColumn('action', 'varchar(32)', notNull)
      .addColumn('from_status', 'varchar(16)', notNull)
      .addColumn('to_status', 'varchar(16)', notNull)
      .addColumn('actor_kind', 'varchar(16)', notNull)
      .addColumn('actor_user_id', bigint)
      .addColumn('actor_name', 'varchar(100)', notNull)
      .addColumn('reason', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
      .addColumn('at', bigint, notNull)
      .execute();
    await db.schema.createIndex('error_report_history_report_idx').on('error_report_history').columns(['report_id', 'id']).execute();

    await withId(db.schema.createTable('error_report_notices'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('report_id', bigint, (c) => c.notNull().references('error_reports.id'))
      .addColumn('message', 'varchar(500)', notNull)
      .addColumn('created_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('error_report_notices_site_idx').on('error_report_notices').columns(['site_id', 'id']).execute();
  },
};
