import type { DatabaseHandle } from '../db/index.js';
import { REASON_LABELS, verifyAuditChain } from '../platform/audit/index.js';

export interface AuditVerifyCommandOptions {
  /**
   * The platform's SM2 public key(s) (from the key material). Without them a checkpoint is
   * checked against the key stored beside it, which cannot catch a checkpoint forged with
   * another key; the command says so.
   */
  readonly trustedPublicKeys?: readonly string[];
  /** Key of the HMAC-SM3 chain, `deriveAuditChainKey(keys.sessionSecret)`: no hash can be checked without it. */
  readonly chainKey: Buffer;
  /** JIYUE_AUDIT_CHECKPOINT_EVERY: the end of a chain this long must be covered by a checkpoint. */
  readonly checkpointEvery: number;
}

/**
 * `jiyue audit verify`: walks the whole chain and every checkpoint, prints progress in steps
 * of 10% and the result. Exit code 0 when intact, 1 naming the first bad seq/id otherwise.
 */
export async function auditVerifyCommand(
  dbh: DatabaseHandle,
  out: (line: string) => void,
  opts: AuditVerifyCommandOptions,
): Promise<number> {
  const trusted = opts.trustedPublicKeys && opts.trustedPublicKeys.length > 0 ? opts.trustedPublicKeys : null;
  out('正在校验审计日志哈希链与签名检查点… / Verifying the audit hash chain and its signed checkpoints…');
  if (trusted === null) {
    out('注意：未提供平台 SM2 公钥，检查点只与其自带公钥核对 / Note: no platform SM2 public key given; checkpoints are checked against the key stored with them');
  }
  let lastStep = -1;
  const report = await verifyAuditChain(dbh.db, {
    trustedPublicKeys: trusted,
    chainKey: opts.chainKey,
    checkpointEvery: opts.checkpointEvery,
    onProgress(done, total) {
      const step = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (step === lastStep) return;
      lastStep = step;
      out(`已校验 / verified ${done}/${total} (${step * 10}%)`);
    },
  });
  if (report.ok) {
    out(`审计日志完整：${report.events} 条事件，${report.checkpoints} 个检查点均校验通过。`);
    out(`OK: audit log intact (${report.events} events, ${report.checkpoints} checkpoints verified).`);
    return 0;
  }
  const label = REASON_LABELS[report.reason];
  const id = report.firstBadId === null ? '' : `（id ${report.firstBadId}）`;
  const idEn = report.firstBadId === null ? '' : ` (id ${report.firstBadId})`;
  out(`审计日志校验失败：第一个问题在第 ${report.firstBadSeq} 条${id}，${label.zh}。${report.message}`);
  out(`FAILED: first bad event seq ${report.firstBadSeq}${idEn}: ${label.en} [${report.reason}].`);
  return 1;
}
