import type { Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { hasPermissionOnSite, type Actor } from '../../../platform/identity/actor.js';
import { getSite, type SiteView } from '../../sites/index.js';
import { listSiteColumns, type ColumnView } from '../columns.repo.js';
import { canOnColumn } from '../column-scope.js';
import { orderAsTree } from '../column-tree.js';
import { ColumnErrors } from '../errors.js';

export interface ColumnTreeEntry {
  readonly column: ColumnView;
  readonly depth: number;
  /** False for an ancestor shown only so a column-scoped user sees where their columns sit. */
  readonly inScope: boolean;
}

export interface ColumnTree {
  readonly site: SiteView;
  /** The actor may create, edit, move, merge and delete columns of this site. */
  readonly canManage: boolean;
  readonly items: readonly ColumnTreeEntry[];
}

/**
 * A site's active columns in tree order. Row-level scope: a site-wide reader sees all; someone
 * granted on columns only sees those subtrees (plus their ancestors, marked out of scope).
 */
export async function listColumnTree({ db, actor, siteId }: { db: Db; actor: Actor; siteId: number }): Promise<ColumnTree> {
  const site = await getSite(db, siteId);
  if (!site) throw new AppError(ColumnErrors['columns.site_not_found']);
  const columns = await listSiteColumns(db, site.id);
  const siteWide = hasPermissionOnSite(actor, 'columns.read', { siteId: site.id, orgPath: site.orgPath });
  const inScope = new Set(siteWide ? columns.map((c) => c.id) : columns.filter((c) => canOnColumn(actor, 'columns.read', site, c)).map((c) => c.id));
  if (inScope.size === 0 && !siteWide) throw new AppError(ColumnErrors['columns.out_of_scope']);
  const shown = new Set(inScope);
  for (const c of columns) {
    if (inScope.has(c.id)) for (const id of c.path.split('/').filter(Boolean).map(Number)) shown.add(id);
  }
  const items = orderAsTree(columns.filter((c) => shown.has(c.id))).map(({ column, depth }) => ({ column, depth, inScope: inScope.has(column.id) }));
  return { site, canManage: hasPermissionOnSite(actor, 'columns.manage', { siteId: site.id, orgPath: site.orgPath }), items };
}
