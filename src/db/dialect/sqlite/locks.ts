import type { Kysely } from 'kysely';

/**
 * SQLite has one writer at a time and Kysely's SQLite driver serialises transactions on one
 * connection, so a transaction already holds the only lock there is.
 */
export async function lockForUpdate<DB>(_trx: Kysely<DB>, _key: string): Promise<void> {
  return;
}
