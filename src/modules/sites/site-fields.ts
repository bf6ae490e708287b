import { domainToASCII } from 'node:url';
import { shownTextFault } from '../../platform/http/text-guard.js';

/**
 * Format rules of single site fields (NORMS.md, Sites). Pure functions: no database, no
 * actor. Each returns the normalised value or null when the value is malformed.
 */

export const SITE_CODE_PATTERN = /^(\d{10}|bm\d{8})$/;

/** `.政务` in punycode: site domains are stored in ASCII so Host lookups compare byte for byte. */
export const ZHENGWU_TLD = 'xn--zfr164b';
const GOV_SUFFIXES = ['gov.cn', ZHENGWU_TLD] as const;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower-cased ASCII (punycode) host name, or null when it is not a valid host name of two or more labels. */
export function normalizeDomain(raw: string): string | null {
  const trimmed = raw.trim().replace(/\.$/, '');
  if (trimmed === '' || /[\s/:@?#]/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  // A purely numeric last label is an IP address, never a site domain.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return null;
  return ascii;
}

/** `.gov.cn` / `.政务`, or one of the configured extra suffixes (test and staging installations). */
export function hasAllowedSuffix(domain: string, extraSuffixes: readonly string[]): boolean {
  return [...GOV_SUFFIXES, ...extraSuffixes].some((s) => domain.endsWith(`.${s}`));
}

export function isGovDomain(domain: string): boolean {
  return GOV_SUFFIXES.some((s) => domain.endsWith(`.${s}`));
}

/** `<something>.localhost` names shaped like a site code are the platform's own local addresses. */
export function isReservedLocalDomain(domain: string): boolean {
  const m = /^([a-z0-9]+)\.localhost$/.exec(domain);
  return m !== null && SITE_CODE_PATTERN.test(m[1] ?? '');
}

/** The region part of a portal domain: `www.jiangsu.gov.cn` → `jiangsu.gov.cn`. */
export function portalBase(domain: string): string {
  return domain.startsWith('www.') ? domain.slice(4) : domain;
}

/** Portal shape `www.<region>.gov.cn` (or `.政务`). */
export function looksLikePortalDomain(domain: string): boolean {
  return /^www\.[a-z0-9-]+\.(gov\.cn|xn--zfr164b)$/.test(domain);
}

/** e.g. 苏ICP备05000001号, 京ICP备2021012345号-1. */
export function normalizeIcpNumber(raw: string): string | null {
  const v = raw.trim().replace(/\s+/g, '');
  return /^[\u4e00-\u9fa5]ICP备\d{6,12}号(-\d{1,3})?$/.test(v) ? v : null;
}

/** e.g. 苏公网安备 32010202010001号 (14 digits); stored with one space as the footer shows it. */
export function normalizePoliceNumber(raw: string): string | null {
  const m = /^([\u4e00-\u9fa5])公网安备\s*(\d{14})号$/.exec(raw.trim());
  return m ? `${m[1]}公网安备 ${m[2]}号` : null;
}

export function isValidEmail(v: string): boolean {
  return v.length <= 200 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
}

/** Office numbers such as 025-83391234, 12345, (025)83391234转8001. */
export function isValidPhone(v: string): boolean {
  return /^[0-9+()（）\-\s转,，、]{3,40}$/.test(v) && /\d{3}/.test(v.replace(/\D/g, ''));
}

/**
 * An absolute http(s) address, or a path on the site. Not `//host/…` (nor `/\host/…`, which
 * browsers read alike): a protocol-relative address loads the logo from any host. No quotes,
 * angle brackets or backslashes (the address is written into an attribute), no control or bidi
 * characters.
 */
export function isValidLogoUrl(v: string): boolean {
  return /^(https?:\/\/[^\s"'<>\\`]+|\/(?![/\\])[^\s"'<>\\`]*)$/.test(v) && shownTextFault(v, { singleLine: true }) === null;
}
