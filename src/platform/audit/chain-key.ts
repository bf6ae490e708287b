import { hmacSm3 } from '../crypto/index.js';

/** Domain label of the chain key; a new version of the hash scheme gets a new label. */
const CHAIN_KEY_LABEL = 'jiyue/audit-chain/v1';

/**
 * The key of the audit hash chain, derived from the installation's session secret (in
 * `secret.key` or from JIYUE_SECRET_KEY). Keying the chain means that write access to the
 * database alone is not enough to recompute hashes after an edit; the one derivation lives
 * here so the server and `jiyue audit verify` can never disagree on it.
 */
export function deriveAuditChainKey(sessionSecret: Buffer): Buffer {
  return hmacSm3(sessionSecret, CHAIN_KEY_LABEL);
}
