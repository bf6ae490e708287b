import type { Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/** Tamper alerts of the page store (网页防篡改), shown in the console until acknowledged. */
export const migration: Migration = {
  name: '20261126_0006_page_alerts',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    await withId(db.schema.createTable('page_alerts'), engine)
      .addColumn('site_code', 'varchar(10)', notNull)
      .addColumn('file', 'varchar(1100)', notNull)
      .addColumn('kind', 'varchar(16)', notNull)
      .addColumn('detected_by', 'varchar(16)', notNull)
      .addColumn('action', 'varchar(16)', notNull)
      .addColumn('detail', 'varchar(2000)', notNull)
      .addColumn('created_at', bigint, notNull)
      .addColumn('acknowledged_by', bigint)
      .addColumn('acknowledged_at', bigint)
      .addColumn('ack_note', 'varchar(500)')
      .execute();
    // The console lists open alerts newest first, all or per site.
    await db.schema.createIndex('page_alerts_open_idx').on('page_alerts').columns(['acknowledged_at', 'id']).execute();
    await db.schema.createIndex('page_alerts_site_idx').on('page_alerts').columns(['site_code', 'id']).execute();
  },
};
