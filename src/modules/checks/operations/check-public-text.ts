import type { Db } from '../../../db/index.js';
import type { CheckResult } from '../check-types.js';
import { loadCheckContext } from '../check-context.js';
import { compileDictionary } from '../dictionary-matcher.js';
import { normalizeForNumbers } from '../excerpt.js';
import { capFindings } from '../result-cap.js';
import { severityOf } from '../rule-catalog.js';
import { checkBannedExpressions } from '../rules/banned-expression.js';
import { foldForChecks, unfold } from '../fold-hidden.js';

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
  // As for documents: the rule reads the text without what hides a word from it (fold-hidden.ts).
  const folded = foldForChecks(text);
  const read = folded?.text ?? text;
  checkBannedExpressions({ field: 'body', text: read, numbers: normalizeForNumbers(read) }, compileDictionary(ctx.dictionary), severityOf(ctx, 'banned_expression'), out);
  const found = folded ? out.map((r) => ({ ...r, ...unfold(folded, r.start, r.end) })) : out;
  return capFindings(found.sort((a, b) => a.start - b.start));
}
