import type { Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/**
 * 互动交流, reply templates (答复模板) per site: the handler inserts one into a reply draft, with
 * placeholders such as {{来信人}} and {{受理日期}} filled from the letter.
 */
export const migration: Migration = {
  name: '20261127_0013_letter_reply_templates',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    await withId(db.schema.createTable('letter_reply_templates'), engine)
      .addColumn('site_id', bigint, (c) => c.notNull().references('sites.id'))
      .addColumn('name', 'varchar(100)', notNull)
      .addColumn('body', 'text', notNull)
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(10))
      .addColumn('created_at', bigint, notNull)
      .addColumn('updated_at', bigint, notNull)
      .execute();
    await db.schema.createIndex('letter_reply_templates_site_idx').on('letter_reply_templates').columns(['site_id', 'sort_order']).execute();
  },
};
