import type { Actor } from '../identity/actor.js';
import { rolesFor } from '../identity/permissions.js';

/**
 * Which part of the log an auditor may read: undefined = all of it (a platform-wide grant),
 * else the organization subtrees their audit grants cover. An auditor of one city reads
 * that city's events, not the province's.
 */
export function auditScopeOf(actor: Actor): readonly string[] | undefined {
  if (actor.kind === 'system') return undefined;
  const roles = rolesFor('audit.read');
  const grants = actor.grants.filter((g) => roles.includes(g.role));
  if (grants.some((g) => g.scopeType === 'platform')) return undefined;
  return grants.flatMap((g) => (g.scopeType === 'org' && g.scopePath ? [g.scopePath] : []));
}
