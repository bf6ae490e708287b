import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { hasPermissionOnColumn, hasPermissionOnSite, type Actor } from '../../platform/identity/actor.js';
import type { Permission } from '../../platform/identity/permissions.js';
import { getSite, type SiteView } from '../sites/index.js';
import { getColumnRow, type ColumnRow } from './columns.repo.js';
import { ColumnErrors } from './errors.js';

/** Loads the site and checks the actor holds the permission on it (403 outside the scope). */
export async function requireSiteInScope(db: Db, actor: Actor, permission: Permission, siteId: number): Promise<SiteView> {
  const site = await getSite(db, siteId);
  if (!site) throw new AppError(ColumnErrors['columns.site_not_found']);
  if (!hasPermissionOnSite(actor, permission, { siteId: site.id, orgPath: site.orgPath })) throw new AppError(ColumnErrors['columns.out_of_scope']);
  return site;
}

/** An active column (deleted and merged ones answer 404 to writes). */
export async function requireActiveColumn(db: Db, id: number): Promise<ColumnRow> {
  const row = await getColumnRow(db, id);
  if (!row || row.status !== 'active') throw new AppError(ColumnErrors['columns.not_found']);
  return row;
}

/** Loads an active column and its site, and checks the site-level permission (column writes are site admin work). */
export async function requireColumnForManage(db: Db, actor: Actor, id: number): Promise<{ column: ColumnRow; site: SiteView }> {
  const column = await requireActiveColumn(db, id);
  const site = await requireSiteInScope(db, actor, 'columns.manage', Number(column.site_id));
  return { column, site };
}

/** Column-level check (grants on the column or an ancestor count too). */
export function canOnColumn(actor: Actor, permission: Permission, site: SiteView, column: Pick<ColumnRow, 'path'>): boolean {
  return hasPermissionOnColumn(actor, permission, { siteId: site.id, orgPath: site.orgPath, columnPath: column.path });
}
