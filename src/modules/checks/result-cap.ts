import type { CheckResult, Severity } from './check-types.js';
import { ruleInfo } from './rule-catalog.js';

/**
 * At most this many findings of one rule in one field are listed. A body of 100,000 phone
 * numbers gave a 35 MB answer (and stored it on the edition); past the first hundred the rest
 * tell the editor nothing more.
 */
export const MAX_FINDINGS_PER_RULE_AND_FIELD = 100;

const keyOf = (r: CheckResult): string => `${r.rule}\u0000${r.field}`;

/**
 * Keeps the first `max` findings of each rule and field, in the order given, and puts one summary
 * finding in place of the first one left out: same rule and field, at its position, saying how
 * many more there are. Its severity is block when any finding left out blocks, so a capped list
 * blocks exactly when the full one would. Deterministic: the same list gives the same result.
 */
export function capFindings(results: CheckResult[], max: number = MAX_FINDINGS_PER_RULE_AND_FIELD): CheckResult[] {
  const totals = new Map<string, { count: number; omittedBlock: boolean }>();
  let over = false;
  for (const r of results) {
    const key = keyOf(r);
    const t = totals.get(key) ?? { count: 0, omittedBlock: false };
    t.count++;
    if (t.count > max) {
      over = true;
      if (r.severity === 'block') t.omittedBlock = true;
    }
    totals.set(key, t);
  }
  if (!over) return results;
  const listed = new Map<string, number>();
  const out: CheckResult[] = [];
  for (const r of results) {
    const key = keyOf(r);
    const k = listed.get(key) ?? 0;
    listed.set(key, k + 1);
    if (k < max) out.push(r);
    else if (k === max) {
      const t = totals.get(key)!;
      out.push(summary(r, t.count - max, t.omittedBlock ? 'block' : 'warn', max));
    }
  }
  return out;
}

function summary(first: CheckResult, omitted: number, severity: Severity, max: number): CheckResult {
  const rule = ruleInfo(first.rule);
  return {
    rule: first.rule, severity, field: first.field, start: first.start, end: first.end, excerpt: first.excerpt,
    ...(first.url !== undefined ? { url: first.url } : {}),
    message: `自此处起还有 ${omitted} 处“${rule.name}”问题未逐一列出（每个字段每条规则最多列出 ${max} 处）`,
    messageEn: `${omitted} more findings of "${rule.nameEn}" from here on are not listed (at most ${max} are listed per rule and field)`,
    suggestion: '改正已列出的问题后重新检查，其余问题将会列出',
  };
}
