import type { Kysely } from 'kysely';
import { bigint, type Migration } from '../migration-kit.js';

/**
 * Placements (one resource library across sites) gain the receiving site's decision: who
 * accepted or declined a reference, when, and why. Looking up "is this document already in that
 * column" goes by origin, so copies and references are found alike.
 */
export const migration: Migration = {
  name: '20261126_0003_placement_decisions',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('placements').addColumn('decided_by', bigint).execute();
    await db.schema.alterTable('placements').addColumn('decided_at', bigint).execute();
    await db.schema.alterTable('placements').addColumn('note', 'varchar(500)').execute();
    await db.schema.createIndex('placements_origin_idx').on('placements').columns(['origin_document_id', 'column_id']).execute();
    await db.schema.createIndex('placements_site_idx').on('placements').columns(['site_id', 'status', 'id']).execute();
  },
};
