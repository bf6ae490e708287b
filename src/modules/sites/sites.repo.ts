import type { Db } from '../../db/index.js';
import { shortLivedCache } from '../../platform/memo/short-lived-cache.js';
import type { SiteKind, SiteStatus } from './sites.tables.js';

/** Contact block of a site (网站联系方式), stored as JSON text. */
export interface SiteContact {
  readonly phone: string;
  readonly email: string;
  readonly address: string;
}

/** A site as other modules and the API see it. `orgPath` is the owner org's materialised path (for scope checks). */
export interface SiteView {
  readonly id: number;
  readonly code: string;
  readonly kind: SiteKind;
  readonly ownerOrgId: number;
  readonly ownerOrgName: string;
  readonly orgPath: string;
  readonly name: string;
  readonly primaryDomain: string;
  /** Further domains entered by an administrator (not the primary, not the local one), sorted. */
  readonly aliases: readonly string[];
  /** Platform-managed local address `<code>.localhost` (ARCHITECTURE §5), always present. */
  readonly localDomain: string;
  readonly icpNumber: string | null;
  readonly policeNumber: string | null;
  readonly hostUnit: string;
  readonly contact: SiteContact;
  readonly logoUrl: string | null;
  readonly status: SiteStatus;
  readonly createdBy: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

type SiteRow = {
  id: number; code: string; kind: SiteKind; owner_org_id: number; name: string; primary_domain: string;
  icp_number: string | null; police_number: string | null; host_unit: string; contact: string;
  logo_url: string | null; status: SiteStatus; created_by: number | null; created_at: number; updated_at: number;
  org_name: string; org_path: string;
};

export function parseContact(text: string): SiteContact {
  try {
    const v = JSON.parse(text) as Partial<Record<keyof SiteContact, unknown>>;
    const s = (x: unknown): string => (typeof x === 'string' ? x : '');
    return { phone: s(v.phone), email: s(v.email), address: s(v.address) };
  } catch {
    return { phone: '', email: '', address: '' };
  }
}

/** Every site also answers at `<code>.localhost`, so a newcomer can browse it without DNS. */
export function localDomainOf(code: string): string {
  return `${code.toLowerCase()}.localhost`;
}

function toView(r: SiteRow, domains: readonly string[]): SiteView {
  const local = localDomainOf(r.code);
  return {
    id: Number(r.id), code: r.code, kind: r.kind, ownerOrgId: Number(r.owner_org_id), ownerOrgName: r.org_name, orgPath: r.org_path,
    name: r.name, primaryDomain: r.primary_domain, aliases: domains.filter((d) => d !== r.primary_domain && d !== local).sort(), localDomain: local,
    icpNumber: r.icp_number, policeNumber: r.police_number, hostUnit: r.host_unit, contact: parseContact(r.contact),
    logoUrl: r.logo_url, status: r.status, createdBy: r.created_by === null ? null : Number(r.created_by),
    createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
  };
}

function baseQuery(db: Db) {
  return db.selectFrom('sites as s')
    .innerJoin('organizations as o', 'o.id', 's.owner_org_id')
    .select([
      's.id', 's.code', 's.kind', 's.owner_org_id', 's.name', 's.primary_domain', 's.icp_number', 's.police_number',
      's.host_unit', 's.contact', 's.logo_url', 's.status', 's.created_by', 's.created_at', 's.updated_at',
      'o.name as org_name', 'o.path as org_path',
    ]);
}

async function domainsBySite(db: Db, siteIds: readonly number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (siteIds.length === 0) return map;
  const rows = await db.selectFrom('site_domains').select(['site_id', 'domain']).where('site_id', 'in', [...siteIds]).execute();
  for (const r of rows) {
    const id = Number(r.site_id);
    const list = map.get(id) ?? [];
    list.push(r.domain);
    map.set(id, list);
  }
  return map;
}

/** The view of one site row found by any column: its domains are the only other read. */
async function viewOf(db: Db, r: Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirst']>>): Promise<SiteView | undefined> {
  if (!r) return undefined;
  const domains = await domainsBySite(db, [Number(r.id)]);
  return toView(r, domains.get(Number(r.id)) ?? []);
}

export async function getSite(db: Db, id: number): Promise<SiteView | undefined> {
  return viewOf(db, await baseQuery(db).where('s.id', '=', id).executeTakeFirst());
}

/** The site owned by an organization (NORMS: at most one). */
export async function getSiteByOwner(db: Db, orgId: number): Promise<SiteView | undefined> {
  return viewOf(db, await baseQuery(db).where('s.owner_org_id', '=', orgId).executeTakeFirst());
}

export async function getSiteByCode(db: Db, code: string): Promise<SiteView | undefined> {
  return viewOf(db, await baseQuery(db).where('s.code', '=', code).executeTakeFirst());
}

/** The site answering for a host name (primary domain or alias), case-insensitive. */
/**
 * Sites by code for the public forms (a letter, an error report, a survey answer each name their
 * site in the URL). Every write below calls `sitesByCode.changed()`; another process's change
 * shows within 5 s, the same delay the public server's host map (delivery/site-hosts.ts) has.
 */
const sitesByCode = shortLivedCache<SiteView>(5000);
const sitesChanged = (): void => sitesByCode.changed();

/** getSiteByCode through a few seconds' memory (see sitesByCode). */
export async function getSiteByCodeCached(db: Db, code: string): Promise<SiteView | undefined> {
  return sitesByCode.get(db, code, getSiteByCode);
}

export async function getSiteByDomain(db: Db, host: string): Promise<SiteView | undefined> {
  const r = await db.selectFrom('site_domains').select('site_id').where('domain', '=', host.trim().toLowerCase()).executeTakeFirst();
  return r ? getSite(db, Number(r.site_id)) : undefined;
}

/** All sites ordered by code (province portal first, then cities by division code). */
export async function listSites(db: Db): Promise<SiteView[]> {
  const rows = await baseQuery(db).orderBy('s.code').orderBy('s.id').execute();
  const domains = await domainsBySite(db, rows.map((r) => Number(r.id)));
  return rows.map((r) => toView(r, domains.get(Number(r.id)) ?? []));
}

/** Which site (if any) holds each of these domains. */
export async function findDomainOwners(db: Db, domains: readonly string[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  if (domains.length === 0) return map;
  const rows = await db.selectFrom('site_domains').select(['domain', 'site_id']).where('domain', 'in', [...domains]).execute();
  for (const r of rows) map.set(r.domain, Number(r.site_id));
  return map;
}

export interface SiteRowValues {
  readonly code: string;
  readonly kind: SiteKind;
  readonly ownerOrgId: number;
  readonly name: string;
  readonly primaryDomain: string;
  readonly icpNumber: string | null;
  readonly policeNumber: string | null;
  readonly hostUnit: string;
  readonly contact: SiteContact;
  readonly logoUrl: string | null;
  readonly status: SiteStatus;
}

function rowValues(v: SiteRowValues) {
  return {
    code: v.code, kind: v.kind, owner_org_id: v.ownerOrgId, name: v.name, primary_domain: v.primaryDomain,
    icp_number: v.icpNumber, police_number: v.policeNumber, host_unit: v.hostUnit, contact: JSON.stringify(v.contact),
    logo_url: v.logoUrl, status: v.status,
  };
}

export async function insertSiteRow(db: Db, v: SiteRowValues, createdBy: number | null, now: number): Promise<number> {
  sitesChanged();
  const { id } = await db.insertInto('sites').values({ ...rowValues(v), created_by: createdBy, created_at: now, updated_at: now })
    .returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateSiteRow(db: Db, id: number, v: SiteRowValues, now: number): Promise<void> {
  sitesChanged();
  await db.updateTable('sites').set({ ...rowValues(v), updated_at: now }).where('id', '=', id).execute();
}

/** Replaces a site's domains: the primary, the aliases and the platform-managed local domain. */
export async function replaceSiteDomains(db: Db, siteId: number, v: { code: string; primaryDomain: string; aliases: readonly string[] }): Promise<void> {
  sitesChanged();
  await db.deleteFrom('site_domains').where('site_id', '=', siteId).execute();
  const rows = [
    { domain: v.primaryDomain, site_id: siteId, is_primary: 1 },
    ...v.aliases.map((domain) => ({ domain, site_id: siteId, is_primary: 0 })),
    { domain: localDomainOf(v.code), site_id: siteId, is_primary: 0 },
  ];
  await db.insertInto('site_domains').values(rows).execute();
}
