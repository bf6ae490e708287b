import type { AuditEventsTable } from './audit.tables.js';
import { canonicalJson } from './canonical-json.js';
import { sm3Hex } from '../crypto/index.js';

/** prev_hash of the very first event of a chain that was never pruned. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every stored column of an event except its surrogate id and its own hash. */
export type HashedEventFields = Omit<AuditEventsTable, 'id' | 'hash'>;

/**
 * SM3 over prev_hash and the canonical serialization of every column (seq and at included),
 * so editing any column, or moving a row to another seq, changes the hash.
 * The object is serialized with sorted keys: the field order is fixed by the algorithm,
 * not by how the row happened to be read.
 */
export function eventHash(e: HashedEventFields): string {
  const body = canonicalJson({
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
  return sm3Hex(`${e.prev_hash}\n${body}`);
}
