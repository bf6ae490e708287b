import type { Kysely } from 'kysely';
import type { Migration } from '../migration-kit.js';

/**
 * A letter attachment's file name, sealed with the field cipher like the file itself: a name
 * is often personal ("张三身份证.jpg", a phone number). New attachments keep only a neutral
 * name (附件1.pdf) in `file_name`; rows written before this migration keep their plain name
 * there and have no sealed one.
 */
export const migration: Migration = {
  name: '20261128_0020_letter_attachment_names',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('letter_attachments').addColumn('file_name_enc', 'text').execute();
  },
};
