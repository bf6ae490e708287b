import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { Actor } from '../identity/actor.js';
import { AppError } from '../http/error-registry.js';
import { appendEvent, type AppendDeps } from './append-event.js';
import { AUDIT_LOCK_KEY } from './chain-tail.js';
import { writeCheckpoint } from './checkpoints.js';
import { AuditErrors } from './errors.js';
import { verifyAuditChain } from './verify-chain.js';

/** 网络安全法 §21: network logs are kept for at least six months. */
export const MIN_RETENTION_DAYS = 180;
const DAY_MS = 86_400_000;

export interface PruneDeps extends AppendDeps {
  readonly retentionDays: number;
  readonly trustedPublicKeys: readonly string[];
}

export interface PruneResult {
  readonly deleted: number;
  /** The seq of the last deleted event (the new anchor), or null when nothing was old enough. */
  readonly anchorSeq: number | null;
  readonly cutoff: number;
}

/**
 * Deletes events older than the cut-off in one transaction and leaves a signed 'prune'
 * checkpoint holding the seq and hash of the last deleted event, so the rest of the chain
 * still verifies from that anchor. The prune itself is audited in the same transaction.
 */
export async function pruneEvents(deps: PruneDeps, db: Db, actor: Actor, input: { readonly olderThanDays: number }): Promise<PruneResult> {
  // Validate: nothing younger than the retention period can ever be deleted.
  if (!Number.isFinite(input.olderThanDays) || input.olderThanDays < deps.retentionDays) {
    throw new AppError(AuditErrors['audit.retention_too_short'], { days: deps.retentionDays });
  }
  // Authorize: the retention job (a system actor) prunes; no person deletes audit records.
  if (actor.kind !== 'system') throw new AppError(AuditErrors['audit.prune_forbidden']);

  return inTransaction(db, async (trx) => {
    await deps.ops.lockForUpdate(trx, AUDIT_LOCK_KEY);
    const cutoff = deps.clock.now() - input.olderThanDays * DAY_MS;
    const anchorSeq = await lastPrunableSeq(trx, cutoff);
    let deleted = 0;
    if (anchorSeq !== null) {
      // Deleting tampered events would destroy the evidence: check what is about to go first.
      // No checkpoint is demanded here: this checks a slice of the past, not the chain's end, and
      // a slice written under a larger checkpointEvery must stay prunable.
      const report = await verifyAuditChain(trx, {
        trustedPublicKeys: deps.trustedPublicKeys, chainKey: deps.chainKey, checkpointEvery: null, upToSeq: anchorSeq + 1,
      });
      if (!report.ok) throw new AppError(AuditErrors['audit.chain_broken'], { seq: report.firstBadSeq, reason: report.reason });
      const anchor = await trx.selectFrom('audit_events').select(['seq', 'hash']).where('seq', '=', anchorSeq).executeTakeFirstOrThrow();
      const res = await trx.deleteFrom('audit_events').where('seq', '<=', anchorSeq).executeTakeFirst();
      deleted = Number(res.numDeletedRows);
      await writeCheckpoint(trx, deps.signer, { seq: anchor.seq, hash: anchor.hash, at: deps.clock.now(), kind: 'prune' });
    }
    await appendEvent(deps, trx, actor, {
      action: 'audit.prune', result: 'success', targetType: 'audit_events',
      detail: { olderThanDays: input.olderThanDays, cutoff, deleted, anchorSeq },
    });
    return { deleted, anchorSeq, cutoff };
  });
}

/**
 * The highest seq such that it and every event before it are older than the cut-off. Pruning
 * by seq keeps the remaining chain contiguous; stopping at the first young event means a
 * clock that once ran backwards can never make a young event deletable.
 */
async function lastPrunableSeq(trx: Db, cutoff: number): Promise<number | null> {
  const firstYoung = await trx.selectFrom('audit_events').select((eb) => eb.fn.min('seq').as('seq'))
    .where('at', '>=', cutoff).executeTakeFirstOrThrow();
  let q = trx.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('seq'));
  if (firstYoung.seq !== null) q = q.where('seq', '<', Number(firstYoung.seq));
  const row = await q.executeTakeFirstOrThrow();
  return row.seq === null ? null : Number(row.seq);
}
