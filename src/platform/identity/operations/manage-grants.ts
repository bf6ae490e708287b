import type { Db } from '../../../db/index.js';
import { inTransaction } from '../../../db/index.js';
import { AppError, fieldError } from '../../http/error-registry.js';
import { hasPermissionOnOrg, type Actor } from '../actor.js';
import type { IdentityDeps } from '../deps.js';
import type { ScopeType } from '../identity.tables.js';
import { isRole, ROLE_LABELS, ROLE_SCOPES, THREE_ADMINS, type Role } from '../roles.js';
import { requireOrgInScope } from '../scope.js';
import { scopeResolver } from '../scope-resolvers.js';
import { getUserById } from '../users.repo.js';
import { listGrants, type GrantView } from '../grants.repo.js';
import { IdentityErrors } from '../errors.js';

export interface GrantRoleInput {
  readonly userId: number;
  readonly role: string;
  readonly scopeType: ScopeType;
  readonly scopeId?: number | undefined;
}

/**
 * Only a security admin grants roles (checked at the route), within their own scope, never to
 * themselves, and never so that one person holds two of the three admin roles (三员分立).
 */
export async function grantRole({ db, actor, input, deps }: { db: Db; actor: Actor; input: GrantRoleInput; deps: IdentityDeps }): Promise<GrantView> {
  if (!isRole(input.role)) throw new AppError(IdentityErrors['identity.grant.unknown_role'], { role: input.role }, [fieldError('role', 'identity.grant.unknown_role', `未知角色“${input.role}”`, `Unknown role "${input.role}"`)]);
  const role: Role = input.role;
  if (!ROLE_SCOPES[role].includes(input.scopeType)) throw new AppError(IdentityErrors['identity.grant.bad_scope'], { role: ROLE_LABELS[role].zh, scopeType: input.scopeType });
  const user = await getUserById(db, input.userId);
  if (!user) throw new AppError(IdentityErrors['identity.user.not_found']);
  if (user.id === actor.userId) throw new AppError(IdentityErrors['identity.grant.self']);
  await requireOrgInScope(db, actor, 'identity.grants.manage', user.org_id);
  const scopeId = await checkScope(db, actor, input.scopeType, input.scopeId);
  return inTransaction(db, async (trx) => {
    // Serialise grants per user so two concurrent grants cannot both pass the 三员 check.
    await deps.ops.lockForUpdate(trx, `identity.grants.${user.id}`);
    const existing = await listGrants(trx, { userId: user.id });
    if (THREE_ADMINS.includes(role)) {
      const clash = existing.find((g) => THREE_ADMINS.includes(g.role) && g.role !== role);
      if (clash) throw new AppError(IdentityErrors['identity.grant.separation_of_duties'], { held: ROLE_LABELS[clash.role].zh, role: ROLE_LABELS[role].zh });
    }
    if (existing.some((g) => g.role === role && g.scopeType === input.scopeType && g.scopeId === scopeId)) throw new AppError(IdentityErrors['identity.grant.duplicate']);
    const { id } = await trx.insertInto('role_grants').values({
      user_id: user.id, role, scope_type: input.scopeType, scope_id: scopeId, granted_by: actor.userId, granted_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await deps.audit.append(trx, actor, { action: 'identity.grant.create', result: 'success', targetType: 'role_grant', targetId: id, detail: { userId: user.id, username: user.username, role, scopeType: input.scopeType, scopeId } });
    const created = (await listGrants(trx, { userId: user.id })).find((g) => g.id === id);
    if (!created) throw new AppError(IdentityErrors['identity.grant.not_found']);
    return created;
  });
}

async function checkScope(db: Db, actor: Actor, scopeType: ScopeType, scopeId: number | undefined): Promise<number | null> {
  if (scopeType === 'platform') {
    if (!hasPermissionOnOrg(actor, 'identity.grants.manage', '/') || !actor.grants.some((g) => g.scopeType === 'platform' && g.role === 'security_admin')) {
      throw new AppError(IdentityErrors['identity.org.out_of_scope']);
    }
    return null;
  }
  if (scopeId === undefined) throw new AppError(IdentityErrors['identity.grant.scope_not_found']);
  if (scopeType === 'org') {
    await requireOrgInScope(db, actor, 'identity.grants.manage', scopeId);
    return scopeId;
  }
  const found = await scopeResolver(scopeType)?.(db, scopeId);
  if (!found) throw new AppError(IdentityErrors['identity.grant.scope_not_found']);
  if (!hasPermissionOnOrg(actor, 'identity.grants.manage', found.orgPath)) throw new AppError(IdentityErrors['identity.org.out_of_scope']);
  return scopeId;
}

export async function revokeGrant({ db, actor, grantId, deps }: { db: Db; actor: Actor; grantId: number; deps: IdentityDeps }): Promise<void> {
  const row = await db.selectFrom('role_grants').selectAll().where('id', '=', grantId).executeTakeFirst();
  if (!row) throw new AppError(IdentityErrors['identity.grant.not_found']);
  if (row.user_id === actor.userId) throw new AppError(IdentityErrors['identity.grant.self']);
  const user = await getUserById(db, row.user_id);
  if (!user) throw new AppError(IdentityErrors['identity.user.not_found']);
  await requireOrgInScope(db, actor, 'identity.grants.manage', user.org_id);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('role_grants').where('id', '=', grantId).execute();
    await deps.audit.append(trx, actor, { action: 'identity.grant.revoke', result: 'success', targetType: 'role_grant', targetId: grantId, detail: { userId: row.user_id, role: row.role, scopeType: row.scope_type, scopeId: row.scope_id } });
  });
}
