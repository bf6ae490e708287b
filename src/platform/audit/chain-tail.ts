import type { Db } from '../../db/index.js';
import { GENESIS_HASH } from './event-hash.js';

/** The point the next event links to. */
export interface ChainTail {
  readonly seq: number;
  readonly hash: string;
  readonly at: number;
}

/** Serialises writers of the chain (PostgreSQL advisory lock; a no-op where transactions already serialise). */
export const AUDIT_LOCK_KEY = 'jiyue.audit';

/**
 * The last event; if the table is empty, the newest checkpoint (a chain that was pruned to
 * nothing continues from its anchor); else the genesis. Call it only while holding the lock.
 */
export async function readChainTail(trx: Db): Promise<ChainTail> {
  const last = await trx.selectFrom('audit_events').select(['seq', 'hash', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (last) return last;
  const cp = await trx.selectFrom('audit_checkpoints').select(['seq', 'hash', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return cp ?? { seq: 0, hash: GENESIS_HASH, at: 0 };
}
