import type { Selectable } from 'kysely';
import type { Db } from '../../db/index.js';
import type { AuditEventsTable } from './audit.tables.js';
import { isCheckpointSignatureValid, type AuditCheckpoint } from './checkpoints.js';
import { timingSafeEqualHex } from '../crypto/index.js';
import { eventHash, GENESIS_HASH } from './event-hash.js';
import type { AuditVerifyFailureReason, AuditVerifyReport, VerifyOptions } from './verify-report.js';

export interface VerifyChainOptions extends VerifyOptions {
  /** Public keys whose checkpoint signatures count; null accepts the key stored in each row. */
  readonly trustedPublicKeys: readonly string[] | null;
  /** Key of the HMAC-SM3 chain (deriveAuditChainKey); without it no hash can be checked. */
  readonly chainKey: Buffer;
  /**
   * The service's checkpoint interval: a chain at least this long must end with a valid
   * checkpoint no more than this many events before its last event. Null checks no such
   * thing (prune, which checks a slice of the past rather than the chain's end).
   */
  readonly checkpointEvery: number | null;
  readonly batchSize?: number;
  /** Check only events up to this seq (prune checks what it is about to delete). */
  readonly upToSeq?: number;
}

type EventRow = Selectable<AuditEventsTable>;
interface Cursor { seq: number; hash: string; id: number | null; at: number }

/**
 * Walks the chain in seq order, in batches, from its anchor (the genesis, or the signed
 * checkpoint a prune left behind), and checks every event and every checkpoint, then that the
 * end of the chain is recently signed. Returns at the first fault, which is what an auditor
 * needs to start from.
 * It reads outside a transaction so it never holds up writers (on SQLite a long transaction
 * would block every append); a prune committing mid-run can therefore show up as a gap at
 * the head of the log, and a second run settles it.
 */
export async function verifyAuditChain(db: Db, opts: VerifyChainOptions): Promise<AuditVerifyReport> {
  const trusted = opts.trustedPublicKeys ? new Set(opts.trustedPublicKeys.map((k) => k.toLowerCase())) : null;
  const batchSize = opts.batchSize ?? 2000;
  // Checkpoints before the tail: every checkpoint read then covers an event that already existed.
  const cps = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').orderBy('id').execute();
  const bounds = await db.selectFrom('audit_events')
    .select((eb) => [eb.fn.max('seq').as('max'), eb.fn.min('seq').as('min')]).executeTakeFirstOrThrow();
  const tailSeq = bounds.max === null ? 0 : Number(bounds.max);
  const lastSeq = opts.upToSeq === undefined ? tailSeq : Math.min(opts.upToSeq, tailSeq);
  const firstSeq = bounds.min === null || Number(bounds.min) > lastSeq ? Infinity : Number(bounds.min);
  const countRow = await db.selectFrom('audit_events').where('seq', '<=', lastSeq)
    .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const total = Number(countRow.n);

  const anchor = pickAnchor(cps, firstSeq);
  let i = 0;
  // Checkpoints of the pruned past: their events are gone, only their signatures can be checked.
  for (; i < cps.length && (cps[i] as AuditCheckpoint).seq <= anchor.seq; i++) {
    const cp = cps[i] as AuditCheckpoint;
    if (!isCheckpointSignatureValid(cp, trusted)) return badCheckpoint(cp, null);
    if (cp.seq === anchor.seq && cp.hash !== anchor.hash) {
      return fail('checkpoint_mismatch', cp.seq, null, `第 ${cp.seq} 号检查点（id ${cp.id}）与清理锚点的哈希不一致`);
    }
  }

  let prev: Cursor = { seq: anchor.seq, hash: anchor.hash, id: null, at: -Infinity };
  let done = 0;
  opts.onProgress?.(0, total);
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll()
      .where('seq', '>', prev.seq).where('seq', '<=', lastSeq)
      .orderBy('seq').limit(batchSize).execute();
    for (const e of rows) {
      const fault = checkEvent(e, prev, opts.chainKey);
      if (fault) return fault;
      prev = { seq: e.seq, hash: e.hash, id: e.id, at: e.at };
      for (; i < cps.length && (cps[i] as AuditCheckpoint).seq <= e.seq; i++) {
        const cp = cps[i] as AuditCheckpoint;
        if (!isCheckpointSignatureValid(cp, trusted)) return badCheckpoint(cp, e.id);
        if (cp.seq !== e.seq || cp.hash !== e.hash) {
          return fail('checkpoint_mismatch', cp.seq, e.id, `第 ${cp.seq} 号检查点（id ${cp.id}）记录的哈希与该序号的事件（id ${e.id}）不一致：该事件或其之前的记录被改写`);
        }
      }
    }
    done += rows.length;
    if (rows.length > 0) opts.onProgress?.(Math.min(done, total), total);
    if (rows.length < batchSize) break;
  }

  // A signed checkpoint beyond the last event proves events were deleted from the end.
  for (; i < cps.length; i++) {
    const cp = cps[i] as AuditCheckpoint;
    if (opts.upToSeq !== undefined && cp.seq > opts.upToSeq) break;
    if (!isCheckpointSignatureValid(cp, trusted)) return badCheckpoint(cp, null);
    return fail('gap', prev.seq + 1, null,
      `第 ${cp.seq} 号检查点（id ${cp.id}）已签名确认存在第 ${cp.seq} 条事件，但日志只到第 ${prev.seq} 条：末尾的记录被删除`);
  }
  // Every checkpoint read so far is valid and at or before the last event (sorted by seq).
  const lastCheckpointSeq = i > 0 ? (cps[i - 1] as AuditCheckpoint).seq : null;
  const missing = missingCheckpoint(prev.seq, lastCheckpointSeq, opts.checkpointEvery);
  if (missing) return missing;
  return { ok: true, events: done, checkpoints: i };
}

/**
 * The service signs every checkpointEvery-th event, so a live chain always has a valid
 * checkpoint within checkpointEvery events of its end. Without this rule, deleting every
 * checkpoint row would leave nothing for verification to compare the events against.
 */
function missingCheckpoint(lastSeq: number, lastCheckpointSeq: number | null, every: number | null): AuditVerifyReport | null {
  if (every === null || lastSeq < every) return null;
  if (lastCheckpointSeq !== null && lastCheckpointSeq >= lastSeq - every) return null;
  const from = Math.max(lastSeq - every, 1); // seq 0 is the genesis: no checkpoint can sit there
  const firstUnsigned = (lastCheckpointSeq ?? 0) + 1;
  const after = lastCheckpointSeq === null ? '整个日志没有任何有效的签名检查点' : `最后一个有效检查点在第 ${lastCheckpointSeq} 条`;
  return fail('missing_checkpoint', firstUnsigned, null,
    `第 ${from}–${lastSeq} 条之间应至少有一个签名检查点（每 ${every} 条事件一个），但${after}：检查点被删除，第 ${firstUnsigned}–${lastSeq} 条事件没有签名保护`);
}

/** The latest prune anchor below the first event; the genesis when the head was never pruned. */
function pickAnchor(cps: readonly AuditCheckpoint[], firstSeq: number): { seq: number; hash: string } {
  let anchor = { seq: 0, hash: GENESIS_HASH };
  for (const cp of cps) {
    if (cp.kind === 'prune' && cp.seq < firstSeq && cp.seq > anchor.seq) anchor = { seq: cp.seq, hash: cp.hash };
  }
  return anchor;
}

/** One event against the one before it: present, in order, linked, unaltered. */
function checkEvent(e: EventRow, prev: Cursor, chainKey: Buffer): AuditVerifyReport | null {
  const expected = prev.seq + 1;
  if (e.seq !== expected) {
    return fail('gap', expected, null, `缺少第 ${expected}${e.seq - 1 > expected ? `–${e.seq - 1}` : ''} 条事件：之后的下一条是第 ${e.seq} 条（id ${e.id}）`);
  }
  // Ids come from the same locked insert as seqs, and times never go back along the chain.
  if ((prev.id !== null && e.id <= prev.id) || e.at < prev.at) {
    return fail('order', e.seq, e.id, `第 ${e.seq} 条事件（id ${e.id}）的编号或时间早于前一条：记录顺序被改动`);
  }
  if (e.prev_hash !== prev.hash) {
    return fail('broken_link', e.seq, e.id, `第 ${e.seq} 条事件（id ${e.id}）没有链接到第 ${prev.seq} 条：记录被插入、替换或调换了顺序`);
  }
  if (!timingSafeEqualHex(eventHash(chainKey, e), e.hash)) {
    return fail('hash_mismatch', e.seq, e.id, `第 ${e.seq} 条事件（id ${e.id}）的内容与其哈希不符：记录被修改`);
  }
  return null;
}

function badCheckpoint(cp: AuditCheckpoint, eventId: number | null): AuditVerifyReport {
  return fail('bad_checkpoint', cp.seq, eventId, `第 ${cp.seq} 号检查点（id ${cp.id}）的 SM2 签名无效或不是本平台密钥所签：检查点被伪造或篡改`);
}

function fail(reason: AuditVerifyFailureReason, firstBadSeq: number, firstBadId: number | null, message: string): AuditVerifyReport {
  return { ok: false, firstBadSeq, firstBadId, reason, message };
}
