import type { AuditEventsTable } from './audit.tables.js';
import { canonicalJson } from './canonical-json.js';
import { hmacSm3 } from '../crypto/index.js';

/** prev_hash of the very first event of a chain that was never pruned. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every stored column of an event except its surrogate id and its own hash. */
export type HashedEventFields = Omit<AuditEventsTable, 'id' | 'hash'>;

/**
 * The canonical serialization of every hashed column (seq and at included), so editing any
 * column, or moving a row to another seq, changes the hash. Keys are sorted: the field order
 * is fixed by the algorithm, not by how the row happened to be read.
 */
export function canonicalEventBody(e: HashedEventFields): string {
  return canonicalJson({
    seq: e.seq,
    at: e.at,
    actor_id: e.actor_id,
    actor_name: e.actor_name,
    org_id: e.org_id,
    action: e.action,
    target_type: e.target_type,
    target_id: e.target_id,
    result: e.result,
    ip: e.ip,
    user_agent: e.user_agent,
    detail: e.detail,
  });
}

/**
 * HMAC-SM3 under the chain key over prev_hash and the canonical body, in hex. A plain SM3
 * chain could be recomputed after an edit by anyone who can write the database; with a key,
 * only a holder of the platform's key material can produce hashes that verify.
 */
export function eventHash(chainKey: Buffer, e: HashedEventFields): string {
  return hmacSm3(chainKey, `${e.prev_hash}\n${canonicalEventBody(e)}`).toString('hex');
}
