import type { Db } from '../../db/index.js';
import { AppError } from '../http/error-registry.js';
import { hasPermissionOnOrg, type Actor } from './actor.js';
import type { Permission } from './permissions.js';
import { getOrg, listOrgs, type OrgView } from './orgs.repo.js';
import { IdentityErrors } from './errors.js';

/** Loads the org and checks the actor holds the permission on it (platform grant or an ancestor's subtree). */
export async function requireOrgInScope(db: Db, actor: Actor, permission: Permission, orgId: number): Promise<OrgView> {
  const org = await getOrg(db, orgId);
  if (!org) throw new AppError(IdentityErrors['identity.org.not_found']);
  if (!hasPermissionOnOrg(actor, permission, org.path)) throw new AppError(IdentityErrors['identity.org.out_of_scope']);
  return org;
}

/** Ids of the organizations the actor may act on with this permission (row-level scope for lists). */
export async function orgIdsInScope(db: Db, actor: Actor, permission: Permission): Promise<number[] | 'all'> {
  if (actor.kind === 'system' || actor.grants.some((g) => g.scopeType === 'platform')) {
    if (hasPermissionOnOrg(actor, permission, '/')) return 'all';
  }
  return (await listOrgs(db)).filter((o) => hasPermissionOnOrg(actor, permission, o.path)).map((o) => o.id);
}
