import type { Selectable } from 'kysely';
import type { Db } from '../../db/index.js';
import { sm2Sign, sm2Verify } from '../crypto/index.js';
import type { AuditCheckpointsTable } from './audit.tables.js';

export type AuditCheckpoint = Selectable<AuditCheckpointsTable>;
export type CheckpointKind = AuditCheckpointsTable['kind'];

export interface AuditSigner {
  readonly privateKey: string;
  readonly publicKey: string;
}

/** The exact text that is signed; verifiers outside the platform rebuild it the same way. */
export function checkpointMessage(seq: number, hash: string, at: number): string {
  return `${seq}|${hash}|${at}`;
}

/** Signs the chain state {seq, hash} and stores it in the caller's transaction. */
export async function writeCheckpoint(
  trx: Db,
  signer: AuditSigner,
  point: { readonly seq: number; readonly hash: string; readonly at: number; readonly kind: CheckpointKind },
): Promise<void> {
  const signature = sm2Sign(checkpointMessage(point.seq, point.hash, point.at), signer.privateKey, signer.publicKey);
  await trx.insertInto('audit_checkpoints').values({
    seq: point.seq, hash: point.hash, at: point.at, signature, public_key: signer.publicKey, kind: point.kind,
  }).execute();
}

/**
 * A checkpoint counts only if it is signed by a key we trust: the public key stored beside
 * the signature proves nothing by itself, since whoever forges a row can store their own key.
 * With `trusted` null (no key known, e.g. a bare CLI run) the stored key is accepted.
 */
export function isCheckpointSignatureValid(cp: AuditCheckpoint, trusted: ReadonlySet<string> | null): boolean {
  if (cp.kind !== 'periodic' && cp.kind !== 'prune') return false;
  if (trusted !== null && !trusted.has(cp.public_key.toLowerCase())) return false;
  return sm2Verify(checkpointMessage(cp.seq, cp.hash, cp.at), cp.signature, cp.public_key);
}
