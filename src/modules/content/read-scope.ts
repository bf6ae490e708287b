import type { Db } from '../../db/index.js';
import { hasPermissionOnSite, hasPlatformPermission, type Actor } from '../../platform/identity/actor.js';
import { rolesFor } from '../../platform/identity/permissions.js';
import { listSites } from '../sites/index.js';
import { getColumn, listSiteColumns } from '../columns/index.js';

/** Row-level scope of document lists: every document, or those of whole sites plus granted column subtrees. */
export type ReadScope = 'all' | { readonly siteIds: readonly number[]; readonly columnIds: readonly number[] };

export async function documentReadScope(db: Db, actor: Actor): Promise<ReadScope> {
  if (hasPlatformPermission(actor, 'documents.read')) return 'all';
  const roles = rolesFor('documents.read');
  const siteIds = (await listSites(db))
    .filter((s) => hasPermissionOnSite(actor, 'documents.read', { siteId: s.id, orgPath: s.orgPath }))
    .map((s) => s.id);
  const full = new Set(siteIds);
  const columnIds = new Set<number>();
  for (const g of actor.grants) {
    if (g.scopeType !== 'column' || g.scopeId === null || !roles.includes(g.role)) continue;
    const granted = await getColumn(db, g.scopeId);
    if (!granted || full.has(granted.siteId)) continue;
    for (const c of await listSiteColumns(db, granted.siteId, { includeDeleted: true })) {
      if (c.path.includes(`/${g.scopeId}/`)) columnIds.add(c.id);
    }
  }
  return { siteIds, columnIds: [...columnIds] };
}
