import type { Kysely } from 'kysely';
import { bigint, notNull, type Migration } from '../migration-kit.js';

/**
 * 访问统计: page views and unique visitors per site and Asia/Shanghai day, and views per page
 * per day. No row names a person: a visitor is only a bit in a day's HyperLogLog sketch, keyed
 * per site and per day, and the sketch is dropped once the day is closed.
 */
export const migration: Migration = {
  name: '20261127_0019_analytics',
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('analytics_site_days')
      .addColumn('site_id', bigint, notNull)
      .addColumn('day', 'varchar(10)', notNull)
      .addColumn('views', bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('visitors', bigint, (c) => c.notNull().defaultTo(0))
      // Base64 registers while the day is open; null once closed (or for generated history).
      .addColumn('sketch', 'text')
      .addColumn('updated_at', bigint, notNull)
      .addPrimaryKeyConstraint('analytics_site_days_pk', ['site_id', 'day'])
      .execute();
    await db.schema.createIndex('analytics_site_days_day_idx').on('analytics_site_days').columns(['day']).execute();
    await db.schema.createTable('analytics_page_days')
      .addColumn('site_id', bigint, notNull)
      .addColumn('day', 'varchar(10)', notNull)
      .addColumn('path', 'varchar(400)', notNull)
      .addColumn('views', bigint, (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('analytics_page_days_pk', ['site_id', 'day', 'path'])
      .execute();
    await db.schema.createIndex('analytics_page_days_day_idx').on('analytics_page_days').columns(['day']).execute();
  },
};
