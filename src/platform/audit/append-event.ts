import type { DialectOps, Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { Clock } from '../clock.js';
import type { AuditEntry } from '../contracts.js';
import type { Actor } from '../identity/actor.js';
import { AUDIT_LOCK_KEY, readChainTail } from './chain-tail.js';
import { writeCheckpoint, type AuditSigner } from './checkpoints.js';
import { eventColumns } from './event-fields.js';
import { eventHash } from './event-hash.js';

export interface AppendDeps {
  readonly ops: DialectOps;
  readonly clock: Clock;
  readonly signer: AuditSigner;
  readonly checkpointEvery: number;
  /** Key of the HMAC-SM3 chain (deriveAuditChainKey). */
  readonly chainKey: Buffer;
}

/**
 * Appends one event to the chain inside the caller's transaction (or a new one), so the
 * event commits or rolls back together with the change it records. Any failure throws and
 * so fails the caller's transaction: a change that cannot be audited does not happen.
 */
export async function appendEvent(deps: AppendDeps, db: Db, actor: Actor, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  const columns = eventColumns(actor, entry);
  return inTransaction(db, async (trx) => {
    // Without the lock two PostgreSQL transactions could read the same tail and fork the chain.
    await deps.ops.lockForUpdate(trx, AUDIT_LOCK_KEY);
    const tail = await readChainTail(trx);
    // Times never go backwards along the chain (a stepped clock would otherwise look like reordering).
    const fields = { ...columns, seq: tail.seq + 1, at: Math.max(deps.clock.now(), tail.at), prev_hash: tail.hash };
    const hash = eventHash(deps.chainKey, fields);
    await trx.insertInto('audit_events').values({ ...fields, hash }).execute();
    if (fields.seq % deps.checkpointEvery === 0) {
      await writeCheckpoint(trx, deps.signer, { seq: fields.seq, hash, at: fields.at, kind: 'periodic' });
    }
    return { seq: fields.seq, hash };
  });
}
