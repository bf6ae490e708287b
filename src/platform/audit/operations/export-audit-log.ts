import { inTransaction } from '../../../db/index.js';
import type { AuditFilter } from '../search-events.js';
import { auditScopeOf } from '../audit-scope.js';
import type { AuditReadDeps } from './search-audit-log.js';

/** Audits the export first (no unaudited read), then returns the CSV lines to stream. */
export async function exportAuditLog({ db, actor, audit, input }: AuditReadDeps & { readonly input: AuditFilter }): Promise<AsyncIterable<string>> {
  const filter = { ...input, orgPathPrefixes: auditScopeOf(actor) };
  await inTransaction(db, (trx) => audit.append(trx, actor, {
    action: 'audit.export', result: 'success', targetType: 'audit_events', detail: { filter: input, format: 'csv' },
  }));
  return audit.exportCsv(db, filter);
}
