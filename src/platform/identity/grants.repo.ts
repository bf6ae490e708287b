import type { Db } from '../../db/index.js';
import type { Grant } from './actor.js';
import { isRole, type Role } from './roles.js';
import type { ScopeType } from './identity.tables.js';
import { scopeResolver } from './scope-resolvers.js';

export interface GrantView {
  readonly id: number;
  readonly userId: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly scopeType: ScopeType;
  readonly scopeId: number | null;
  readonly scopeName: string | null;
  readonly scopePath: string | null;
  readonly grantedAt: number;
}

/** A role_grants row joined with its user and, for an org scope, the organization. */
export interface GrantRow {
  readonly id: number;
  readonly user_id: number;
  readonly username: string;
  readonly display_name: string;
  readonly role: string;
  readonly scope_type: ScopeType;
  readonly scope_id: number | null;
  readonly scope_name: string | null;
  readonly scope_path: string | null;
  readonly granted_at: number;
}

/** Views of grant rows (roles this build does not know are left out); site and column scopes are not named yet. */
export function grantViewsOf(rows: readonly GrantRow[]): GrantView[] {
  return rows.filter((r) => isRole(r.role)).map((r) => ({
    id: r.id, userId: r.user_id, username: r.username, displayName: r.display_name, role: r.role as Role,
    scopeType: r.scope_type, scopeId: r.scope_id, scopeName: r.scope_type === 'platform' ? null : r.scope_name, scopePath: r.scope_path, grantedAt: r.granted_at,
  }));
}

/** Names site and column scopes: they belong to other modules, whose registered resolvers name them. */
export function nameScopes(db: Db, views: readonly GrantView[]): Promise<GrantView[]> {
  return Promise.all(views.map(async (g) => {
    if ((g.scopeType !== 'site' && g.scopeType !== 'column') || g.scopeId === null) return g;
    const found = await scopeResolver(g.scopeType)?.(db, g.scopeId);
    return found ? { ...g, scopeName: found.name } : g;
  }));
}

export async function listGrants(db: Db, filter: { userId?: number; userIds?: readonly number[] } = {}): Promise<GrantView[]> {
  let q = db.selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .leftJoin('organizations as o', (j) => j.onRef('o.id', '=', 'g.scope_id').on('g.scope_type', '=', 'org'))
    .select(['g.id', 'g.user_id', 'u.username', 'u.display_name', 'g.role', 'g.scope_type', 'g.scope_id', 'o.name as scope_name', 'o.path as scope_path', 'g.granted_at'])
    .orderBy('g.id');
  if (filter.userId !== undefined) q = q.where('g.user_id', '=', filter.userId);
  if (filter.userIds !== undefined) {
    if (filter.userIds.length === 0) return [];
    q = q.where('g.user_id', 'in', filter.userIds);
  }
  return nameScopes(db, grantViewsOf(await q.execute()));
}

export async function grantsOfUser(db: Db, userId: number): Promise<Grant[]> {
  return (await listGrants(db, { userId })).map((g) => ({ role: g.role, scopeType: g.scopeType, scopeId: g.scopeId, scopePath: g.scopePath }));
}
