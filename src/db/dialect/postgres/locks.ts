import { sql, type Kysely } from 'kysely';

/** Transaction-scoped advisory lock: serialises writers of one logical resource (e.g. the audit chain). */
export async function lockForUpdate<DB>(trx: Kysely<DB>, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}
