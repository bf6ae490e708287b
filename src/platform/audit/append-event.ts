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
  const [last] = await appendEvents(deps, db, [{ actor, entry }]);
  if (!last) throw new Error('appendEvents returned no event');
  return last;
}

/** Rows per INSERT: 14 columns each stays far below either engine's limit on bound parameters. */
const ROWS_PER_INSERT = 200;

/**
 * Appends several events, in order, as appendEvent would one after another, but under one
 * acquisition of the chain lock and one read of the tail: a batch of N changes committed
 * together (the letters intake) holds the lock for one short stretch instead of N.
 */
export async function appendEvents(deps: AppendDeps, db: Db, items: readonly { readonly actor: Actor; readonly entry: AuditEntry }[]): Promise<{ seq: number; hash: string }[]> {
  if (items.length === 0) return [];
  // Validate every entry before taking the lock: a bad one refuses the batch without waiting.
  const columns = items.map(({ actor, entry }) => eventColumns(actor, entry));
  return inTransaction(db, async (trx) => {
    // Without the lock two PostgreSQL transactions could read the same tail and fork the chain.
    await deps.ops.lockForUpdate(trx, AUDIT_LOCK_KEY);
    let tail = await readChainTail(trx);
    const rows = columns.map((c) => {
      // Times never go backwards along the chain (a stepped clock would otherwise look like reordering).
      const fields = { ...c, seq: tail.seq + 1, at: Math.max(deps.clock.now(), tail.at), prev_hash: tail.hash };
      const row = { ...fields, hash: eventHash(deps.chainKey, fields) };
      tail = row;
      return row;
    });
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx.insertInto('audit_events').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
    }
    for (const r of rows) {
      if (r.seq % deps.checkpointEvery === 0) await writeCheckpoint(trx, deps.signer, { seq: r.seq, hash: r.hash, at: r.at, kind: 'periodic' });
    }
    return rows.map((r) => ({ seq: r.seq, hash: r.hash }));
  });
}
