import { inTransaction, type Db } from '../../db/index.js';
import { AppError, fieldError } from '../../platform/http/error-registry.js';
import { hasBlocking, loadCheckContext, requiredMetadataFor, runChecks, type CheckResult } from '../checks/index.js';
import { editionAttachmentTexts, mergeEditionChecks } from '../content/index.js';
import { getSite } from '../sites/index.js';
import { linkBaseOf, storedLinkFindings } from './edition-link-check.js';
import type { WorkflowTarget } from './workflow-target.js';
import { WorkflowErrors } from './errors.js';

export interface EditionChecks {
  readonly results: CheckResult[];
  readonly blocking: boolean;
  readonly counts: { readonly block: number; readonly warn: number };
}

/** Runs the machine checks on the current edition as it stands (title, body, attachment text, metadata the column's kind requires). */
export async function computeEditionChecks(db: Db, target: WorkflowTarget): Promise<EditionChecks> {
  const { doc, edition, column } = target;
  const ctx = await loadCheckContext(db);
  const results = runChecks({
    title: edition.title,
    bodyHtml: edition.bodyHtml,
    attachmentsText: await editionAttachmentTexts(db, edition.id),
    metadata: {
      subtitle: edition.subtitle, summary: edition.summary, keywords: edition.keywords, documentNumber: edition.documentNumber,
      topicCategory: edition.topicCategory, genre: edition.genre, issuingOrgName: edition.issuingOrgName, dateWritten: edition.dateWritten,
      source: edition.source, indexNumber: doc.indexNumber, interpretsId: doc.interpretsId,
    },
    requiredFields: requiredMetadataFor(column.kind),
  }, ctx);
  // Broken links come from the background check (edition-link-check.ts), kept while the body still has them.
  const all = [...results, ...storedLinkFindings(edition.checks, edition.bodyHtml, linkBaseOf(await getSite(db, column.siteId)))];
  const block = all.filter((r) => r.severity === 'block').length;
  return { results: all, blocking: hasBlocking(all), counts: { block, warn: all.length - block } };
}

/**
 * Runs the checks and stores the results on the edition, so the editor and the review view show
 * what each decision was based on (stored even when the action is then refused).
 */
export async function checkEdition(db: Db, target: WorkflowTarget): Promise<EditionChecks> {
  const checks = await computeEditionChecks(db, target);
  // The link findings as stored now (the job may have finished meanwhile), not as read before.
  const baseUrl = linkBaseOf(await getSite(db, target.column.siteId));
  const own = checks.results.filter((r) => r.rule !== 'broken_link');
  await inTransaction(db, (trx) => mergeEditionChecks(trx, target.edition.id, (current) => [...own, ...storedLinkFindings(current.checks, current.bodyHtml, baseUrl)]));
  return checks;
}

/** The 409 that lists the blocking findings (in Chinese and English), each also as a field error pointing at where it is. */
export function blockedByChecks(checks: EditionChecks): AppError {
  const blocking = checks.results.filter((r) => r.severity === 'block');
  const findings = blocking.slice(0, 5).map((r) => r.message).join('；') + (blocking.length > 5 ? `；等 ${blocking.length} 项` : '');
  const findingsEn = blocking.slice(0, 5).map((r) => r.messageEn).join('; ') + (blocking.length > 5 ? `; ${blocking.length} in all` : '');
  return new AppError(WorkflowErrors['content.workflow.blocked_by_checks'], { count: blocking.length, findings, findingsEn },
    blocking.slice(0, 50).map((r) => fieldError(r.field, `checks.${r.rule}`, r.message, r.messageEn)));
}

/** Runs the checks and refuses (409) when any result blocks publication. */
export async function requireChecksPass(db: Db, target: WorkflowTarget): Promise<EditionChecks> {
  const checks = await checkEdition(db, target);
  if (checks.blocking) throw blockedByChecks(checks);
  return checks;
}
