import type { Kysely } from 'kysely';
import type { Migration } from '../migration-kit.js';

/** A withdrawn document may send its visitors elsewhere (the replacing document) instead of a 410 notice. */
export const migration: Migration = {
  name: '20261126_0008_withdraw_redirect',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('documents').addColumn('withdraw_redirect', 'varchar(1000)').execute();
  },
};
