import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { hasPermissionOnSite, type Actor } from '../../platform/identity/actor.js';
import type { Permission } from '../../platform/identity/permissions.js';
import { getSite, listSites, type SiteView } from './sites.repo.js';
import { SitesErrors } from './errors.js';

/** Loads the site and checks the actor holds the permission on it: 404 when missing, 403 outside scope. */
export async function requireSiteInScope(db: Db, actor: Actor, permission: Permission, siteId: number): Promise<SiteView> {
  const site = await getSite(db, siteId);
  if (!site) throw new AppError(SitesErrors['sites.not_found']);
  if (!hasPermissionOnSite(actor, permission, { siteId: site.id, orgPath: site.orgPath })) throw new AppError(SitesErrors['sites.out_of_scope'], { site: site.name });
  return site;
}

/** Row-level scope: the sites on which the actor holds the permission. */
export async function listSitesInScope(db: Db, actor: Actor, permission: Permission): Promise<SiteView[]> {
  return (await listSites(db)).filter((s) => hasPermissionOnSite(actor, permission, { siteId: s.id, orgPath: s.orgPath }));
}
