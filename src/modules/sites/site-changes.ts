import type { SiteView } from './sites.repo.js';

type Comparable = Pick<SiteView, 'code' | 'kind' | 'ownerOrgId' | 'name' | 'primaryDomain' | 'aliases' | 'icpNumber' | 'policeNumber' | 'hostUnit' | 'contact' | 'logoUrl' | 'status'>;
const FIELDS = ['code', 'kind', 'ownerOrgId', 'name', 'primaryDomain', 'aliases', 'icpNumber', 'policeNumber', 'hostUnit', 'contact', 'logoUrl', 'status'] as const;

/** `{ field: { from, to } }` for every field that differs: what the audit event records. */
export function siteChanges(before: Comparable, after: Comparable): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of FIELDS) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) out[f] = { from: before[f], to: after[f] };
  }
  return out;
}

/** Drops keys whose value is undefined, so a partial patch never overwrites with undefined. */
export function definedOnly<T extends object>(v: T | undefined): Partial<T> {
  if (!v) return {};
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as Partial<T>;
}
