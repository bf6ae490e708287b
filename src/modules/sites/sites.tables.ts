import type { Generated } from 'kysely';

/** 政府门户网站 of the province, a city or a county; or 部门网站 of a provincial or city department. */
export type SiteKind = 'province_portal' | 'city_portal' | 'county_portal' | 'department';
/** building: not yet public; open: live; offline: temporarily down (临时下线); closed: permanently closed. */
export type SiteStatus = 'building' | 'open' | 'offline' | 'closed';

export interface SitesTable {
  id: Generated<number>;
  /** 网站标识码: `^(\d{10}|bm\d{8})$`, unique. */
  code: string;
  kind: SiteKind;
  /** One site per organization (NORMS: one unit, at most one site). */
  owner_org_id: number;
  name: string;
  primary_domain: string;
  icp_number: string | null;
  /** 公安备案号, e.g. 苏公网安备 32010202010001号. */
  police_number: string | null;
  host_unit: string;
  /** JSON {phone, email, address}. */
  contact: string;
  logo_url: string | null;
  status: SiteStatus;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface SiteDomainsTable {
  /** Lower-case host name, unique across the platform (used to pick a site by Host). */
  domain: string;
  site_id: number;
  is_primary: number;
}

export interface SitesTables {
  sites: SitesTable;
  site_domains: SiteDomainsTable;
}
