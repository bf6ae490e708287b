import { sql, type Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/** 互动交流: mailboxes per site, letters with encrypted personal data, their attachments, spent captchas. */
export const migration: Migration = {
  name: '20261127_0010_interaction_letters',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    await withId(db.schema.createTable('mailboxes'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('kind', 'varchar(16)', notNull)
      .addColumn('name', 'varchar(100)', notNull)
      .addColumn('description', 'varchar(500)', (c) => c.notNull().defaultTo(''))
      .addColumn('deadline_days', 'integer', (c) => c.notNull().defaultTo(5))
      .addColumn('is_enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', bigint, notNull)
      .addColumn('updated_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('mailboxes_site_idx').on('mailboxes').columns(['site_id', 'sort_order', 'id']).execute();
    // One site mailbox per site; created on first use, so concurrent first uses must collide here.
    await sql`create unique index mailboxes_one_site_mailbox on mailboxes (site_id) where kind = 'site'`.execute(db);

    await withId(db.schema.createTable('letters'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('mailbox_id', bigint, (c) => c.notNull().references('mailboxes.id'))
      .addColumn('query_code', 'varchar(20)', (c) => c.notNull().unique())
      .addColumn('query_password_hash', 'varchar(200)', notNull)
      .addColumn('letter_type', 'varchar(16)', notNull)
      .addColumn('is_public', 'integer', notNull)
      .addColumn('subject', 'varchar(200)', notNull)
      .addColumn('body', 'text', notNull)
      .addColumn('name_enc', 'text', notNull)
      .addColumn('phone_enc', 'text', notNull)
      .addColumn('email_enc', 'text')
      .addColumn('id_number_enc', 'text')
      .addColumn('address_enc', 'text')
      .addColumn('status', 'varchar(16)', notNull)
      .addColumn('idempotency_key', 'varchar(64)', notNull)
      .addColumn('received_at', bigint, notNull)
      .addColumn('due_at', bigint, notNull)
      .addColumn('lookup_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('lookup_locked_until', bigint)
      .execute();
    await db.schema.createIndex('letters_idempotency_uq').unique().on('letters').columns(['site_id', 'idempotency_key']).execute();
    // The handler's list: letters of a site, newest first.
    await db.schema.createIndex('letters_site_idx').on('letters').columns(['site_id', 'id']).execute();
    await db.schema.createIndex('letters_mailbox_idx').on('letters').columns(['mailbox_id', 'id']).execute();

    await withId(db.schema.createTable('letter_attachments'), engine)
      .addColumn('letter_id', bigint, (c) => c.notNull().references('letters.id'))
      .addColumn('file_name', 'varchar(255)', notNull)
      .addColumn('mime', 'varchar(100)', notNull)
      .addColumn('size', 'integer', notNull)
      .addColumn('content_enc', 'text', notNull)
      .addColumn('created_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('letter_attachments_letter_idx').on('letter_attachments').columns(['letter_id']).execute();

    await db.schema.createTable('captcha_uses')
      .addColumn('challenge_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('expires_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('captcha_uses_expiry_idx').on('captcha_uses').columns(['expires_at']).execute();
  },
};
