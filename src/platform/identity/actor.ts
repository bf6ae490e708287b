import type { Role } from './roles.js';
import type { ScopeType } from './identity.tables.js';
import { rolesFor, type Permission } from './permissions.js';

export interface Grant {
  readonly role: Role;
  readonly scopeType: ScopeType;
  readonly scopeId: number | null;
  /** For org scope: the org's materialised path, so subtree checks need no query. */
  readonly scopePath: string | null;
}

/** Who is acting. Every operation receives one explicitly; there is no implicit system user. */
export interface Actor {
  readonly kind: 'user' | 'system' | 'anonymous';
  readonly userId: number | null;
  readonly username: string;
  readonly displayName: string;
  readonly orgId: number | null;
  readonly grants: readonly Grant[];
  readonly sessionId: number | null;
  readonly ip: string;
  readonly userAgent: string;
}

export function systemActor(label = 'system'): Actor {
  return { kind: 'system', userId: null, username: label, displayName: label, orgId: null, grants: [], sessionId: null, ip: '-', userAgent: '-' };
}

export function anonymousActor(ip: string, userAgent: string): Actor {
  return { kind: 'anonymous', userId: null, username: 'anonymous', displayName: '匿名', orgId: null, grants: [], sessionId: null, ip, userAgent };
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}

/** Holds the permission on any scope (the route-level check). */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  const roles = rolesFor(permission);
  return actor.grants.some((g) => roles.includes(g.role));
}

/** Holds the permission through a platform grant: every site and organization, present and future (row scope 'all'). */
export function hasPlatformPermission(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  const roles = rolesFor(permission);
  return actor.grants.some((g) => g.scopeType === 'platform' && roles.includes(g.role));
}

/** Holds the permission on the organization whose path is given (platform grants cover everything). */
export function hasPermissionOnOrg(actor: Actor, permission: Permission, orgPath: string): boolean {
  if (actor.kind === 'system') return true;
  const roles = rolesFor(permission);
  return actor.grants.some((g) => roles.includes(g.role)
    && (g.scopeType === 'platform' || (g.scopeType === 'org' && g.scopePath !== null && orgPath.startsWith(g.scopePath))));
}

/** Where a site sits: its id and the materialised path of its owner organization. */
export interface SiteScope {
  readonly siteId: number;
  readonly orgPath: string;
}

/** Where a column sits: its site, and the column's materialised path within the site (`/12/40/`). */
export interface ColumnScope extends SiteScope {
  readonly columnPath: string;
}

/** Holds the permission on the site: platform grant, an org grant above the owner, or a grant on this site. */
export function hasPermissionOnSite(actor: Actor, permission: Permission, site: SiteScope): boolean {
  if (hasPermissionOnOrg(actor, permission, site.orgPath)) return true;
  const roles = rolesFor(permission);
  return actor.grants.some((g) => roles.includes(g.role) && g.scopeType === 'site' && g.scopeId === site.siteId);
}

/** As hasPermissionOnSite, plus grants on the column or any of its ancestors. */
export function hasPermissionOnColumn(actor: Actor, permission: Permission, column: ColumnScope): boolean {
  if (hasPermissionOnSite(actor, permission, column)) return true;
  const roles = rolesFor(permission);
  const ids = new Set(column.columnPath.split('/').filter(Boolean).map(Number));
  return actor.grants.some((g) => roles.includes(g.role) && g.scopeType === 'column' && g.scopeId !== null && ids.has(g.scopeId));
}
