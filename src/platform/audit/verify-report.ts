export type AuditVerifyFailureReason =
  | 'hash_mismatch'
  | 'broken_link'
  | 'gap'
  | 'order'
  | 'bad_checkpoint'
  | 'checkpoint_mismatch'
  | 'missing_checkpoint';

export type AuditVerifyReport =
  | { readonly ok: true; readonly events: number; readonly checkpoints: number }
  | {
    readonly ok: false;
    /**
     * The first seq where the log is wrong (for a gap: the first missing seq; for a missing
     * checkpoint: the first event that no valid checkpoint covers).
     */
    readonly firstBadSeq: number;
    /** The event row at fault, when there is one (none for a missing event or a bad checkpoint). */
    readonly firstBadId: number | null;
    readonly reason: AuditVerifyFailureReason;
    /** Plain Chinese for the auditor. */
    readonly message: string;
  };

export interface VerifyOptions {
  /** Called after each batch with events checked so far and events to check. */
  onProgress?(done: number, total: number): void;
}

export const REASON_LABELS: Readonly<Record<AuditVerifyFailureReason, { zh: string; en: string }>> = {
  hash_mismatch: { zh: '记录内容被修改（哈希不符）', en: 'an event was edited (hash does not match its content)' },
  broken_link: { zh: '哈希链断开（记录被插入或替换）', en: 'the chain is broken (an event was inserted or replaced)' },
  gap: { zh: '序号缺失（记录被删除）', en: 'a sequence number is missing (events were deleted)' },
  order: { zh: '记录顺序被改动', en: 'events were reordered' },
  bad_checkpoint: { zh: '检查点签名无效（检查点被伪造或篡改）', en: 'a checkpoint signature is invalid (forged or altered checkpoint)' },
  checkpoint_mismatch: { zh: '检查点与记录不符', en: 'a checkpoint does not match the events' },
  missing_checkpoint: { zh: '缺少签名检查点（检查点被删除）', en: 'a signed checkpoint is missing (checkpoints were deleted)' },
};
