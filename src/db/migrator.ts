import { sql, type Kysely } from 'kysely';
import type { Engine } from './engine.js';
import type { Migration } from './migration-kit.js';
import { dialectOps } from './dialect/index.js';

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

export class MigrationError extends Error {
  constructor(readonly migrationName: string, cause: unknown) {
    super(`Migration ${migrationName} failed; the database was left as it was: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationError';
    this.cause = cause;
  }
}

/**
 * Applies pending migrations. All pending migrations run in ONE transaction (both engines
 * have transactional DDL), so a failure anywhere leaves the database exactly as it was.
 * Idempotent: a second run applies nothing.
 */
export async function migrate(db: Kysely<unknown>, engine: Engine, all: readonly Migration[]): Promise<MigrationReport> {
  await db.schema.createTable('schema_migrations').ifNotExists()
    .addColumn('name', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .execute();
  const applied: string[] = [];
  let alreadyApplied = 0;
  let current = '';
  try {
    await db.transaction().execute(async (trx) => {
      // Two processes starting together must not both migrate.
      await dialectOps(engine).lockForUpdate(trx, 'jiyue.migrate');
      const done = new Set((await sql<{ name: string }>`select name from schema_migrations`.execute(trx)).rows.map((r) => r.name));
      alreadyApplied = done.size;
      for (const m of all) {
        if (done.has(m.name)) continue;
        current = m.name;
        await m.up(trx, { engine });
        await sql`insert into schema_migrations (name, applied_at) values (${m.name}, ${Date.now()})`.execute(trx);
        applied.push(m.name);
      }
    });
  } catch (err) {
    throw new MigrationError(current || '(bookkeeping)', err);
  }
  return { applied, alreadyApplied };
}
