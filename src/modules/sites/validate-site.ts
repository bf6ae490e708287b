import type { Db } from '../../db/index.js';
import type { OrgView } from '../../platform/identity/orgs.repo.js';
import { SHOWN_TEXT_FAULTS, shownTextFault } from '../../platform/http/text-guard.js';
import type { SiteKind, SiteStatus } from './sites.tables.js';
import { findDomainOwners, getSite, getSiteByCode, getSiteByOwner, type SiteContact, type SiteRowValues } from './sites.repo.js';
import { SiteIssues } from './site-issues.js';
import { checkOwnerAndKind, governmentOf } from './owner-rules.js';
import type { SiteWarningCode } from './errors.js';
import {
  SITE_CODE_PATTERN, hasAllowedSuffix, isGovDomain, isReservedLocalDomain, isValidEmail, isValidLogoUrl, isValidPhone,
  looksLikePortalDomain, normalizeDomain, normalizeIcpNumber, normalizePoliceNumber, portalBase,
} from './site-fields.js';

/** A complete site as the caller wants it to be (create input, or the current site with a patch applied). */
export interface SiteDraft {
  readonly kind: SiteKind;
  readonly name: string;
  readonly code: string;
  readonly primaryDomain: string;
  readonly aliases: readonly string[];
  readonly icpNumber: string | null;
  readonly policeNumber: string | null;
  readonly hostUnit: string;
  readonly contact: SiteContact;
  readonly logoUrl: string | null;
  readonly status: SiteStatus;
}

export interface SiteWarning {
  readonly field: string;
  readonly code: SiteWarningCode;
  readonly params: Readonly<Record<string, string>>;
}

export interface ValidatedSite {
  readonly values: SiteRowValues;
  readonly aliases: readonly string[];
  readonly warnings: readonly SiteWarning[];
}

export interface ValidateSiteOptions {
  /** The site being updated (excluded from the uniqueness checks); undefined on create. */
  readonly selfId?: number | undefined;
  readonly extraDomainSuffixes: readonly string[];
}

/**
 * Checks a whole site against every registry rule and returns it normalised (lower-case
 * punycode domains, filing numbers in their footer form). Throws one problem naming every
 * offending field. Call it inside the registry's write lock so the uniqueness checks hold.
 */
export async function validateSite(db: Db, owner: OrgView, draft: SiteDraft, opts: ValidateSiteOptions): Promise<ValidatedSite> {
  const issues = new SiteIssues();
  await checkOwnerAndKind(db, issues, owner, draft.kind);
  const existing = await getSiteByOwner(db, owner.id);
  if (existing && existing.id !== opts.selfId) issues.add('sites.owner.taken', 'ownerOrgId', { org: owner.name, site: existing.name, code: existing.code });

  const name = draft.name.trim();
  if (!name) issues.add('sites.blank', 'name', { label: '网站名称', labelEn: 'Site name', field: 'name' });
  const hostUnit = draft.hostUnit.trim();
  if (!hostUnit) issues.add('sites.blank', 'hostUnit', { label: '主办单位', labelEn: 'Host unit', field: 'hostUnit' });
  const contact: SiteContact = { phone: draft.contact.phone.trim(), email: draft.contact.email.trim(), address: draft.contact.address.trim() };
  checkShownSiteText(issues, { name, hostUnit, contact });

  const code = draft.code.trim().toLowerCase();
  if (!SITE_CODE_PATTERN.test(code)) {
    issues.add('sites.code.bad_format', 'code', { code: draft.code });
  } else {
    if (/^\d{10}$/.test(code) && code.slice(0, 6) !== owner.divisionCode) issues.add('sites.code.division_mismatch', 'code', { code, division: owner.divisionCode });
    const taken = await getSiteByCode(db, code);
    if (taken && taken.id !== opts.selfId) issues.add('sites.code.taken', 'code', { code, site: taken.name });
  }

  const domains = await checkDomains(db, issues, draft, opts);
  const icpNumber = optionalText(draft.icpNumber);
  const icp = icpNumber === null ? null : normalizeIcpNumber(icpNumber);
  if (icpNumber !== null && icp === null) issues.add('sites.icp.bad_format', 'icpNumber', { value: icpNumber });
  const policeNumber = optionalText(draft.policeNumber);
  const police = policeNumber === null ? null : normalizePoliceNumber(policeNumber);
  if (policeNumber !== null && police === null) issues.add('sites.police.bad_format', 'policeNumber', { value: policeNumber });

  checkContactFormats(issues, contact);
  const logoUrl = optionalText(draft.logoUrl);
  if (logoUrl !== null && !isValidLogoUrl(logoUrl)) issues.add('sites.logo.bad_url', 'logoUrl');

  issues.throwIfAny();
  const values: SiteRowValues = {
    code, kind: draft.kind, ownerOrgId: owner.id, name, primaryDomain: domains.primary, icpNumber: icp, policeNumber: police,
    hostUnit, contact, logoUrl, status: draft.status,
  };
  return { values, aliases: domains.aliases, warnings: await shapeWarnings(db, owner, draft.kind, domains.primary) };
}

const SHOWN_SITE_TEXT = [
  { field: 'name', label: '网站名称', labelEn: 'Site name' },
  { field: 'hostUnit', label: '主办单位', labelEn: 'Host unit' },
  { field: 'contact.phone', label: '联系电话', labelEn: 'Contact phone' },
  { field: 'contact.email', label: '联系邮箱', labelEn: 'Contact email' },
  { field: 'contact.address', label: '联系地址', labelEn: 'Contact address' },
] as const;

/**
 * The site's name, host unit and contact block are printed on every public page (header,
 * footer): one line each, held to the rule of a visitor's text (shownTextFault). Values are
 * trimmed; an empty one is left to the caller's own rule.
 */
export function checkShownSiteText(issues: SiteIssues, values: { readonly name?: string; readonly hostUnit?: string; readonly contact: SiteContact }): void {
  const byField: Readonly<Record<(typeof SHOWN_SITE_TEXT)[number]['field'], string | undefined>> = {
    name: values.name, hostUnit: values.hostUnit,
    'contact.phone': values.contact.phone, 'contact.email': values.contact.email, 'contact.address': values.contact.address,
  };
  for (const { field, label, labelEn } of SHOWN_SITE_TEXT) {
    const fault = shownTextFault(byField[field] ?? '', { singleLine: true });
    if (fault) issues.add('sites.text.invalid', field, { label, labelEn, field, fault: SHOWN_TEXT_FAULTS[fault].zh, faultEn: SHOWN_TEXT_FAULTS[fault].en });
  }
}

/** Email and phone formats, for values the text check let through (one problem per field). */
export function checkContactFormats(issues: SiteIssues, contact: SiteContact): void {
  if (contact.email && !issues.has('contact.email') && !isValidEmail(contact.email)) issues.add('sites.contact.bad_email', 'contact.email', { value: contact.email });
  if (contact.phone && !issues.has('contact.phone') && !isValidPhone(contact.phone)) issues.add('sites.contact.bad_phone', 'contact.phone', { value: contact.phone });
}

function optionalText(v: string | null): string | null {
  const t = v?.trim() ?? '';
  return t === '' ? null : t;
}

async function checkDomains(db: Db, issues: SiteIssues, draft: SiteDraft, opts: ValidateSiteOptions): Promise<{ primary: string; aliases: string[] }> {
  const seen = new Set<string>();
  const accepted: { field: string; domain: string }[] = [];
  const entries = [{ field: 'primaryDomain', raw: draft.primaryDomain }, ...draft.aliases.map((raw, i) => ({ field: `aliases.${i}`, raw }))];
  let primary = '';
  const aliases: string[] = [];
  for (const { field, raw } of entries) {
    const domain = normalizeDomain(raw);
    if (domain === null) { issues.add('sites.domain.bad_format', field, { domain: raw }); continue; }
    if (isReservedLocalDomain(domain)) { issues.add('sites.domain.reserved', field, { domain }); continue; }
    if (!hasAllowedSuffix(domain, opts.extraDomainSuffixes)) { issues.add('sites.domain.not_gov', field, { domain }); continue; }
    if (seen.has(domain)) { issues.add('sites.domain.duplicate', field, { domain }); continue; }
    seen.add(domain);
    accepted.push({ field, domain });
    if (field === 'primaryDomain') primary = domain; else aliases.push(domain);
  }
  const owners = await findDomainOwners(db, accepted.map((a) => a.domain));
  for (const { field, domain } of accepted) {
    const siteId = owners.get(domain);
    if (siteId === undefined || siteId === opts.selfId) continue;
    const other = await getSite(db, siteId);
    issues.add('sites.domain.taken', field, { domain, site: other?.name ?? String(siteId) });
  }
  return { primary, aliases: aliases.sort() };
}

/** NORMS shape of domains (portal `www.<region>.gov.cn`, department site under its level's portal): advice, not a refusal. */
async function shapeWarnings(db: Db, owner: OrgView, kind: SiteKind, primary: string): Promise<SiteWarning[]> {
  if (!isGovDomain(primary)) return [];
  if (kind !== 'department') {
    return looksLikePortalDomain(primary) ? [] : [{ field: 'primaryDomain', code: 'sites.domain.portal_shape', params: { domain: primary } }];
  }
  const government = await governmentOf(db, owner);
  const portal = government ? await getSiteByOwner(db, government.id) : undefined;
  if (portal) {
    const base = portalBase(portal.primaryDomain);
    return primary.endsWith(`.${base}`) && primary !== portal.primaryDomain ? [] : [{ field: 'primaryDomain', code: 'sites.domain.department_shape', params: { domain: primary, portal: base } }];
  }
  // No portal registered yet: at least `<dept>.<region>.gov.cn`.
  return primary.split('.').length >= (primary.endsWith('.gov.cn') ? 4 : 3) ? [] : [{ field: 'primaryDomain', code: 'sites.domain.department_shape', params: { domain: primary, portal: '<地区>.gov.cn', portalEn: '<region>.gov.cn' } }];
}
