import type { DialectOps, Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { Clock } from '../clock.js';
import type { AuditEntry, AuditLog } from '../contracts.js';
import type { Actor } from '../identity/actor.js';
import { appendEvent, appendEvents } from './append-event.js';
import { AUDIT_LOCK_KEY } from './chain-tail.js';
import { writeCheckpoint, type AuditSigner } from './checkpoints.js';
import { exportAuditCsv } from './export-csv.js';
import { MIN_RETENTION_DAYS, pruneEvents, type PruneResult } from './prune-events.js';
import { searchEvents, type AuditFilter, type AuditSearchInput, type AuditSearchResult } from './search-events.js';
import { verifyAuditChain } from './verify-chain.js';
import type { AuditVerifyReport, VerifyOptions } from './verify-report.js';

export interface AuditServiceDeps {
  readonly ops: DialectOps;
  readonly clock: Clock;
  readonly signer: AuditSigner;
  /** Write a signed checkpoint after every this many events. */
  readonly checkpointEvery: number;
  /**
   * Key of the HMAC-SM3 hash chain: `deriveAuditChainKey(keys.sessionSecret)`. It must stay the
   * same for the life of the installation, or every existing event fails verification.
   */
  readonly chainKey: Buffer;
  /** Events younger than this can never be pruned (≥ 180). */
  readonly retentionDays: number;
  /** Earlier signing keys whose checkpoints still count (after a key change). The current key always counts. */
  readonly trustedPublicKeys?: readonly string[];
}

const MIN_CHAIN_KEY_BYTES = 32;

export interface AuditCheckpointInfo {
  readonly seq: number;
  readonly hash: string;
  readonly at: number;
}

export interface AuditService extends AuditLog {
  append(trx: Db, actor: Actor, entry: AuditEntry): Promise<void>;
  /** Signs the current end of the chain (hourly job); null when there is nothing new to sign. */
  checkpoint(db: Db): Promise<AuditCheckpointInfo | null>;
  verify(db: Db, opts?: VerifyOptions): Promise<AuditVerifyReport>;
  prune(db: Db, actor: Actor, opts: { readonly olderThanDays: number }): Promise<PruneResult>;
  search(db: Db, filter: AuditSearchInput): Promise<AuditSearchResult>;
  /** CSV lines (CRLF-terminated, the first with a BOM and the Chinese header). */
  exportCsv(db: Db, filter: AuditFilter): AsyncIterable<string>;
}

export function createAuditService(deps: AuditServiceDeps): AuditService {
  if (!Number.isInteger(deps.checkpointEvery) || deps.checkpointEvery < 1) {
    throw new RangeError('audit checkpointEvery must be a positive integer');
  }
  // A short or empty key would make the chain as forgeable as plain SM3.
  if (!Buffer.isBuffer(deps.chainKey) || deps.chainKey.length < MIN_CHAIN_KEY_BYTES) {
    throw new RangeError(`audit chainKey must be at least ${MIN_CHAIN_KEY_BYTES} bytes`);
  }
  if (!(deps.retentionDays >= MIN_RETENTION_DAYS)) {
    throw new RangeError(`audit retentionDays must be at least ${MIN_RETENTION_DAYS} (网络安全法 §21)`);
  }
  const trustedPublicKeys = [deps.signer.publicKey, ...(deps.trustedPublicKeys ?? [])];
  const pruneDeps = { ...deps, trustedPublicKeys };

  return {
    async append(trx, actor, entry) {
      await appendEvent(deps, trx, actor, entry);
    },

    async appendMany(trx, items) {
      await appendEvents(deps, trx, items);
    },

    async checkpoint(db) {
      return inTransaction(db, async (trx) => {
        await deps.ops.lockForUpdate(trx, AUDIT_LOCK_KEY);
        const last = await trx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
        if (!last) return null;
        const covered = await trx.selectFrom('audit_checkpoints').select('id')
          .where('seq', '=', last.seq).where('hash', '=', last.hash).executeTakeFirst();
        if (covered) return null;
        const point = { seq: last.seq, hash: last.hash, at: deps.clock.now() };
        await writeCheckpoint(trx, deps.signer, { ...point, kind: 'periodic' });
        return point;
      });
    },

    verify(db, opts = {}) {
      return verifyAuditChain(db, { ...opts, trustedPublicKeys, chainKey: deps.chainKey, checkpointEvery: deps.checkpointEvery });
    },

    prune(db, actor, opts) {
      return pruneEvents(pruneDeps, db, actor, opts);
    },

    search(db, filter) {
      return searchEvents(db, filter);
    },

    exportCsv(db, filter) {
      return exportAuditCsv(db, filter);
    },
  };
}
