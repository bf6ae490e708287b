import type { Db } from '../../db/index.js';
import { getOrg, type OrgView } from '../../platform/identity/orgs.repo.js';
import type { OrgLevel } from '../../platform/identity/identity.tables.js';
import type { SiteKind } from './sites.tables.js';
import type { SiteIssues } from './site-issues.js';

const PORTAL_OF_LEVEL: Readonly<Partial<Record<OrgLevel, SiteKind>>> = { province: 'province_portal', city: 'city_portal', county: 'county_portal' };

export const SITE_KIND_LABELS: Readonly<Record<SiteKind, { zh: string; en: string }>> = {
  province_portal: { zh: '省政府门户网站', en: 'Provincial portal' },
  city_portal: { zh: '设区市政府门户网站', en: 'City portal' },
  county_portal: { zh: '县（市、区）政府门户网站', en: 'County portal' },
  department: { zh: '部门网站', en: 'Department site' },
};

const LEVEL_LABELS: Readonly<Record<OrgLevel, string>> = { province: '省级', city: '设区市级', county: '县级', township: '乡镇级' };
const LEVEL_LABELS_EN: Readonly<Record<OrgLevel, string>> = { province: 'provincial', city: 'city', county: 'county', township: 'township' };

/** The nearest government at or above the unit (a department's or office's own government). */
export async function governmentOf(db: Db, org: OrgView): Promise<OrgView | undefined> {
  let cur: OrgView | undefined = org;
  while (cur && cur.kind !== 'government') cur = cur.parentId === null ? undefined : await getOrg(db, cur.parentId);
  return cur;
}

/**
 * NORMS (Sites): a portal belongs to a province, city or county government; a department site
 * to a provincial or city department; one unit runs at most one site (checked elsewhere).
 * County departments and townships use columns on the county portal; a general office never
 * runs a site of its own (the portal is its government's).
 */
export async function checkOwnerAndKind(db: Db, issues: SiteIssues, owner: OrgView, kind: SiteKind): Promise<void> {
  const org = owner.name;
  if (owner.kind === 'township' || (owner.kind === 'department' && (owner.level === 'county' || owner.level === 'township'))) {
    const county = await governmentOf(db, owner);
    issues.add('sites.owner.no_site_allowed', 'ownerOrgId', { org, portalOwner: county?.name ?? '县级人民政府', portalOwnerEn: county?.name ?? 'the county government' });
    return;
  }
  if (owner.kind === 'general_office') {
    const government = await governmentOf(db, owner);
    issues.add('sites.owner.general_office', 'ownerOrgId', { org, government: government?.name ?? '本级人民政府', governmentEn: government?.name ?? 'the government of its level' });
    return;
  }
  if (kind === 'department') {
    if (owner.kind !== 'department') issues.add('sites.kind.department_owner', 'kind', { org });
    return;
  }
  if (owner.kind !== 'government') {
    issues.add('sites.kind.portal_owner', 'kind', { org });
    return;
  }
  const expected = PORTAL_OF_LEVEL[owner.level];
  if (expected !== kind) {
    issues.add('sites.kind.level_mismatch', 'kind', {
      org, level: LEVEL_LABELS[owner.level], levelEn: LEVEL_LABELS_EN[owner.level],
      expected: expected ? SITE_KIND_LABELS[expected].zh : '—', expectedEn: expected ? SITE_KIND_LABELS[expected].en : '—',
    });
  }
}
