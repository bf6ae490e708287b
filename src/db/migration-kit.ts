/**
 * The only helpers migrations may import: column shapes that differ by engine.
 * Migrations are frozen once released and never import application code.
 */
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import type { Engine } from './engine.js';

export interface MigrationContext {
  readonly engine: Engine;
}

export interface Migration {
  readonly name: string;
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}

/** Integer surrogate key: SQLite rowid alias, PostgreSQL identity. */
export function withId<T extends string, C extends string>(table: CreateTableBuilder<T, C>, engine: Engine): CreateTableBuilder<T, C | 'id'> {
  return engine === 'postgres'
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Epoch milliseconds (or any 64-bit integer). */
export const bigint = 'bigint' as const;
export const notNull = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull();
