import { PostgresAdapter } from 'kysely';
import type { Engine } from '../../../db/index.js';

/**
 * The engine behind a Kysely instance (or transaction), from its adapter: the module's
 * functions take only `db`, as the other modules' do.
 */
export function engineOf(db: { getExecutor(): { readonly adapter: unknown } }): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
