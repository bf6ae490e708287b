import { inTransaction, type Db } from '../../db/index.js';
import type { Actor } from '../../platform/identity/actor.js';
import { enqueueLinkCheck, parseBodyHtml, type CheckResult, type LinkCheckSink } from '../checks/index.js';
import { mergeEditionChecks } from '../content/index.js';
import { getSite, type SiteView } from '../sites/index.js';
import type { WorkflowDeps } from './workflow-deps.js';
import type { WorkflowTarget } from './workflow-target.js';

/**
 * Whether the body's links still work is asked of the web, which may take minutes: it is a job
 * (checks.links), written in the same transaction as the submission or the emergency
 * publication, and its `broken_link` findings join the edition's stored checks when it ends. They
 * are warnings by default (the rule's level is the supervisor's), shown in the review view.
 *
 * Relative links are resolved against the site's primary domain while the site is open; a site
 * being set up, offline or closed (its pages answer a notice) or with only its `<code>.localhost`
 * address has no public page to ask, so its relative links are not checked. Links to a place in
 * the page itself (`#…`) are never checked.
 */
export function linkBaseOf(site: Pick<SiteView, 'primaryDomain' | 'status'> | undefined): string | undefined {
  const domain = site?.primaryDomain ?? '';
  return site?.status === 'open' && domain !== '' && !domain.endsWith('.localhost') ? `https://${domain}/` : undefined;
}

/** The body's links as the check sees them: absolute, without their #fragment; relative ones only with a base. */
export function checkedLinksOf(bodyHtml: string, baseUrl: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const l of parseBodyHtml(bodyHtml).links) {
    const href = l.url.trim();
    if (href === '' || href.startsWith('#')) continue;
    try {
      const u = new URL(href, baseUrl);
      u.hash = '';
      out.add(u.href);
    } catch { /* relative without a base, or malformed: not checked */ }
  }
  return out;
}

export async function enqueueEditionLinkCheck(trx: Db, deps: Pick<WorkflowDeps, 'jobs'>, target: WorkflowTarget, actor: Actor): Promise<void> {
  const { edition, doc, column } = target;
  const baseUrl = linkBaseOf(await getSite(trx, column.siteId));
  const urls = [...checkedLinksOf(edition.bodyHtml, baseUrl)];
  if (urls.length === 0) return;
  await enqueueLinkCheck(trx, deps.jobs, { documentId: doc.id, editionId: edition.id, urls, bodyHtml: edition.bodyHtml, ...(baseUrl ? { baseUrl } : {}) }, actor.userId);
}

const isBrokenLink = (r: unknown): boolean => typeof r === 'object' && r !== null && (r as { rule?: unknown }).rule === 'broken_link';

/** Stored findings that are not broken links (those are the job's to write). */
export function withoutLinkFindings(checks: unknown): unknown[] {
  return Array.isArray(checks) ? (checks as unknown[]).filter((r) => !isBrokenLink(r)) : [];
}

/** Stored broken-link findings whose link the body still has (an edited body drops the others). */
export function storedLinkFindings(checks: unknown, bodyHtml: string, baseUrl: string | undefined): CheckResult[] {
  if (!Array.isArray(checks)) return [];
  const links = checkedLinksOf(bodyHtml, baseUrl);
  return (checks as unknown[]).filter((r): r is CheckResult => isBrokenLink(r) && links.has(withoutHash((r as CheckResult).url)));
}

function withoutHash(url: string | undefined): string {
  if (url === undefined) return '';
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

/**
 * Stores a finished check's findings on its edition, in place of the earlier ones, under the
 * row's lock (mergeEditionChecks). A check of a body that has since changed (rejected, edited
 * and submitted again) is dropped: the new submission queued its own.
 */
export const storeLinkCheckOutcome: LinkCheckSink = async ({ db, payload, outcome }) => {
  const editionId = payload.editionId;
  if (editionId === undefined || payload.bodyHtml === undefined) return;
  await inTransaction(db, (trx) => mergeEditionChecks(trx, editionId, (current) => (current.bodyHtml !== payload.bodyHtml ? null
    : [...withoutLinkFindings(current.checks), ...outcome.results])));
};
