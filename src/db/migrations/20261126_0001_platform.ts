import type { Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/** Foundation tables: identity, audit, jobs, calendar. Frozen. */
export const migration: Migration = {
  name: '20261126_0001_platform',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    await withId(db.schema.createTable('organizations'), engine)
      .addColumn('parent_id', bigint, (c) => c.references('organizations.id'))
      .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(200)', notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('level', 'varchar(32)', notNull)
      .addColumn('division_code', 'varchar(12)', notNull)
      .addColumn('credit_code', 'varchar(18)')
      .addColumn('path', 'varchar(512)', notNull)
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', bigint, notNull)
      .addColumn('updated_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('organizations_parent_idx').on('organizations').column('parent_id').execute();
    await db.schema.createIndex('organizations_path_idx').on('organizations').column('path').execute();

    await withId(db.schema.createTable('users'), engine)
      .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('display_name', 'varchar(100)', notNull)
      .addColumn('org_id', bigint, (c) => c.notNull().references('organizations.id'))
      .addColumn('password_hash', 'varchar(200)', notNull)
      .addColumn('password_changed_at', bigint, notNull)
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', bigint)
      .addColumn('totp_secret_enc', 'text')
      .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('totp_last_step', bigint)
      .addColumn('email_enc', 'text')
      .addColumn('phone_enc', 'text')
      .addColumn('created_at', bigint, notNull)
      .addColumn('updated_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('users_org_idx').on('users').column('org_id').execute();

    await withId(db.schema.createTable('password_history'), engine)
      .addColumn('user_id', bigint, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('password_hash', 'varchar(200)', notNull)
      .addColumn('created_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('password_history_user_idx').on('password_history').column('user_id').execute();

    await withId(db.schema.createTable('recovery_codes'), engine)
      .addColumn('user_id', bigint, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'varchar(128)', notNull)
      .addColumn('used_at', bigint)
      .execute();
    await db.schema.createIndex('recovery_codes_user_idx').on('recovery_codes').column('user_id').execute();

    await withId(db.schema.createTable('role_grants'), engine)
      .addColumn('user_id', bigint, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'varchar(48)', notNull)
      .addColumn('scope_type', 'varchar(16)', notNull)
      .addColumn('scope_id', bigint)
      .addColumn('granted_by', bigint)
      .addColumn('granted_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('role_grants_user_idx').on('role_grants').column('user_id').execute();
    await db.schema.createIndex('role_grants_unique_idx').on('role_grants').columns(['user_id', 'role', 'scope_type', 'scope_id']).unique().execute();

    await withId(db.schema.createTable('sessions'), engine)
      .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('csrf_hash', 'varchar(64)', notNull)
      .addColumn('user_id', bigint, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('mfa_passed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', bigint, notNull)
      .addColumn('last_seen_at', bigint, notNull)
      .addColumn('expires_at', bigint, notNull)
      .addColumn('ip', 'varchar(64)', notNull)
      .addColumn('user_agent', 'varchar(512)', notNull)
      .addColumn('revoked_at', bigint)
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

    await withId(db.schema.createTable('audit_events'), engine)
      .addColumn('seq', bigint, (c) => c.notNull().unique())
      .addColumn('at', bigint, notNull)
      .addColumn('actor_id', bigint)
      .addColumn('actor_name', 'varchar(100)', notNull)
      .addColumn('org_id', bigint)
      .addColumn('action', 'varchar(100)', notNull)
      .addColumn('target_type', 'varchar(64)')
      .addColumn('target_id', 'varchar(128)')
      .addColumn('result', 'varchar(16)', notNull)
      .addColumn('ip', 'varchar(64)', notNull)
      .addColumn('user_agent', 'varchar(512)', notNull)
      .addColumn('detail', 'text', notNull)
      .addColumn('prev_hash', 'varchar(64)', notNull)
      .addColumn('hash', 'varchar(64)', notNull)
      .execute();
    await db.schema.createIndex('audit_events_at_idx').on('audit_events').column('at').execute();
    await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['actor_id', 'at']).execute();
    await db.schema.createIndex('audit_events_action_idx').on('audit_events').columns(['action', 'at']).execute();

    await withId(db.schema.createTable('audit_checkpoints'), engine)
      .addColumn('seq', bigint, notNull)
      .addColumn('hash', 'varchar(64)', notNull)
      .addColumn('at', bigint, notNull)
      .addColumn('signature', 'text', notNull)
      .addColumn('public_key', 'text', notNull)
      .addColumn('kind', 'varchar(16)', notNull)
      .execute();
    await db.schema.createIndex('audit_checkpoints_seq_idx').on('audit_checkpoints').column('seq').execute();

    await withId(db.schema.createTable('jobs'), engine)
      .addColumn('kind', 'varchar(100)', notNull)
      .addColumn('payload', 'text', notNull)
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('run_at', bigint, notNull)
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', notNull)
      .addColumn('last_error', 'text')
      .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('progress_message', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('result', 'text')
      .addColumn('locked_by', 'varchar(100)')
      .addColumn('locked_until', bigint)
      .addColumn('schedule_name', 'varchar(100)')
      .addColumn('created_by', bigint)
      .addColumn('created_at', bigint, notNull)
      .addColumn('started_at', bigint)
      .addColumn('finished_at', bigint)
      .execute();
    await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();
    await db.schema.createIndex('jobs_created_idx').on('jobs').column('created_at').execute();

    await db.schema.createTable('job_schedules')
      .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
      .addColumn('cron', 'varchar(100)', notNull)
      .addColumn('kind', 'varchar(100)', notNull)
      .addColumn('payload', 'text', notNull)
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('next_run_at', bigint, notNull)
      .addColumn('last_run_at', bigint)
      .execute();

    await db.schema.createTable('calendar_days')
      .addColumn('date', 'varchar(10)', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(16)', notNull)
      .addColumn('name', 'varchar(100)', notNull)
      .execute();
    await db.schema.createTable('calendar_years')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('source', 'varchar(200)', notNull)
      .addColumn('imported_at', bigint, notNull)
      .addColumn('imported_by', bigint)
      .execute();
  },
};
