import type { Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/**
 * 互动交流, public statistics: the daily snapshot of the letter figures per site and per region
 * (the organization of a government portal) and period (a month or a year), so the public
 * statistics page reads one small row set instead of scanning the letters.
 */
export const migration: Migration = {
  name: '20261127_0018_letter_statistics',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    let table = withId(db.schema.createTable('letter_statistics'), engine)
      .addColumn('scope_kind', 'varchar(8)', notNull)
      .addColumn('scope_id', bigint, notNull)
      .addColumn('period', 'varchar(8)', notNull);
    for (const column of ['received', 'accepted', 'closed', 'on_time', 'handling_days', 'rated', 'satisfied']) {
      table = table.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
    }
    await table.addColumn('computed_at', bigint, notNull).execute();
    await db.schema.createIndex('letter_statistics_scope_idx').on('letter_statistics').columns(['scope_kind', 'scope_id', 'period']).unique().execute();
  },
};
