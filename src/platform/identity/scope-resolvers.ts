import type { Db } from '../../db/index.js';

/**
 * Site and column scopes belong to modules that come later (sites, content). Each registers
 * a resolver that finds the scope object and the organization path that owns it, so grants
 * and scope checks work without identity knowing those tables.
 */
export type ScopeResolver = (db: Db, id: number) => Promise<{ name: string; orgPath: string } | undefined>;

const resolvers = new Map<'site' | 'column', ScopeResolver>();

export function registerScopeResolver(type: 'site' | 'column', resolver: ScopeResolver): void {
  resolvers.set(type, resolver);
}

export function scopeResolver(type: 'site' | 'column'): ScopeResolver | undefined {
  return resolvers.get(type);
}
