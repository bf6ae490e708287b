import type { Db } from '../../../db/index.js';
import { inTransaction } from '../../../db/index.js';
import type { Actor } from '../../identity/actor.js';
import type { AuditService } from '../audit-service.js';
import { auditScopeOf } from '../audit-scope.js';
import type { AuditSearchInput, AuditSearchResult } from '../search-events.js';

export interface AuditReadDeps {
  readonly db: Db;
  readonly actor: Actor;
  readonly audit: AuditService;
}

/** Reading the audit log is itself audited: whoever watches the watchers can see who looked. */
export async function searchAuditLog({ db, actor, audit, input }: AuditReadDeps & { readonly input: AuditSearchInput }): Promise<AuditSearchResult> {
  const filter = { ...input, orgPathPrefixes: auditScopeOf(actor) };
  await inTransaction(db, (trx) => audit.append(trx, actor, {
    action: 'audit.search', result: 'success', targetType: 'audit_events', detail: { filter: input },
  }));
  return audit.search(db, filter);
}
