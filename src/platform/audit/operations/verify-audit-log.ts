import { inTransaction } from '../../../db/index.js';
import type { AuditVerifyReport } from '../verify-report.js';
import type { AuditReadDeps } from './search-audit-log.js';

/** Runs the full verification and records that it was run, and what it found. */
export async function verifyAuditLog({ db, actor, audit }: AuditReadDeps): Promise<AuditVerifyReport> {
  const report = await audit.verify(db);
  const detail = report.ok
    ? { ok: true, events: report.events, checkpoints: report.checkpoints }
    : { ok: false, firstBadSeq: report.firstBadSeq, firstBadId: report.firstBadId, reason: report.reason };
  await inTransaction(db, (trx) => audit.append(trx, actor, {
    action: 'audit.verify', result: 'success', targetType: 'audit_events', detail,
  }));
  return report;
}
