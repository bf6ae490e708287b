/**
 * Public face of the machine checks (发布前机器检查). Other modules import ONLY from here.
 *
 * - runChecks(input, ctx): pure, synchronous; results point into each field's plain text.
 * - loadCheckContext(db): the dictionary and rule severities, cached until they change.
 * - checkPublicText(db, text): the banned-expression dictionary over a visitor's comment or opinion.
 * - hasBlocking(results): whether publication must wait.
 * - htmlToPlainText(html): the body text the offsets refer to (the editor maps them with it).
 * - extractAttachmentText(buffer, ext): text of .txt/.docx/.xlsx/.pdf/.ofd attachments.
 * - checkLinks / enqueueLinkCheck / setLinkCheckSink: broken links, checked by the job 'checks.links'.
 */
import type { CheckResult } from './check-types.js';

export {
  RULE_IDS, isRuleId,
  type RuleId, type Severity, type RuleSeverity, type CheckResult, type CheckField, type CheckInput, type CheckContext, type DictionaryEntry,
} from './check-types.js';
export type { DictionaryCategory, ChecksTables } from './checks.tables.js';
export { runChecks } from './run-checks.js';
export { loadCheckContext, invalidateCheckContext, watchChecksChanges, CHECKS_CHANGED_CHANNEL } from './check-context.js';
export { htmlToPlainText, parseBodyHtml, type ParsedBody, type BodyLink, type BodyImage } from './html-to-plain-text.js';
export { RULE_CATALOG, DEFAULT_SEVERITIES, ruleInfo, type RuleInfo } from './rule-catalog.js';
export { REQUIRED_METADATA_BY_COLUMN_KIND, requiredMetadataFor, metadataFieldLabel } from './metadata-fields.js';
export { STARTER_DICTIONARY } from './starter-dictionary.js';
export { isValidId18, isValidId15, idCheckChar } from './rules/id-number.js';
export { luhnValid } from './rules/personal-data.js';
export { extractAttachmentText, TEXT_EXTENSIONS } from './attachments/extract-attachment-text.js';
export { checkLinks, brokenLinkResults, type LinkStatus, type LinkFailure, type CheckLinksOptions } from './check-links.js';
export {
  LINK_CHECK_KIND, enqueueLinkCheck, setLinkCheckSink, registerChecksJobs,
  type LinkCheckPayload, type LinkCheckOutcome, type LinkCheckSink,
} from './links-job.js';
export { runDraftChecks, type DraftChecksInput, type DraftChecksReport } from './operations/run-draft-checks.js';
export { checkPublicText } from './operations/check-public-text.js';
export { importStarterDictionary } from './operations/manage-dictionary.js';
export { checksDeps, type ChecksDeps } from './deps.js';
export { ChecksErrors } from './errors.js';
export { checksRoutes } from './checks.routes.js';

/** True when any result blocks publication. */
export function hasBlocking(results: readonly CheckResult[]): boolean {
  return results.some((r) => r.severity === 'block');
}
