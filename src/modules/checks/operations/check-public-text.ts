import type { Db } from '../../../db/index.js';
import type { CheckResult } from '../check-types.js';
import { loadCheckContext } from '../check-context.js';
import { compileDictionary } from '../dictionary-matcher.js';
import { normalizeForNumbers } from '../excerpt.js';
import { capFindings } from '../result-cap.js';
import { severityOf } from '../rule-catalog.js';
import { checkBannedExpressions } from '../rules/banned-expression.js';

/**
 * The banned-expression dictionary over a visitor's plain text (a comment, an opinion on a
 * draft). Only that rule: the document rules (metadata, links, secrecy markings) mean nothing
 * for a reader's words. Severities are graded exactly as for documents: each entry's own,
 * capped by the rule's setting ('off' gives no findings).
 */
export async function checkPublicText(db: Db, text: string): Promise<CheckResult[]> {
  const ctx = await loadCheckContext(db);
  const out: CheckResult[] = [];
  if (text.length === 0) return out;
  checkBannedExpressions({ field: 'body', text, numbers: normalizeForNumbers(text) }, compileDictionary(ctx.dictionary), severityOf(ctx, 'banned_expression'), out);
  return capFindings(out.sort((a, b) => a.start - b.start));
}
