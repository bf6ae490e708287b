import type { CheckResult, RuleSeverity } from '../check-types.js';
import type { DictionaryCategory } from '../checks.tables.js';
import { findPhrases, type CompiledDictionary } from '../dictionary-matcher.js';
import { capSeverity } from '../rule-catalog.js';
import { report, type FieldText } from './rule-scan.js';

function messages(category: DictionaryCategory, found: string, fullSuggestion: string): { message: string; messageEn: string } {
  // The message names the replacement; an explanation in brackets stays in `suggestion`.
  const suggestion = fullSuggestion.split('（')[0]?.trim() ?? '';
  const zhTail = suggestion ? `，建议改为“${suggestion}”` : '';
  const enTail = suggestion ? `; suggested: "${suggestion}"` : '';
  switch (category) {
    case 'outdated_name':
      return { message: `“${found}”不是现行机构名称${zhTail}`, messageEn: `"${found}" is no longer the institution's name${enTail}` };
    case 'miswritten':
      return { message: `“${found}”疑为错误写法${zhTail}`, messageEn: `"${found}" looks miswritten${enTail}` };
    default:
      return { message: `“${found}”为禁用表述${zhTail}`, messageEn: `"${found}" is a banned expression${enTail}` };
  }
}

/** Dictionary phrases in one field; each entry's severity, capped by the rule's. */
export function checkBannedExpressions(f: FieldText, dict: CompiledDictionary, level: RuleSeverity, out: CheckResult[]): void {
  if (level === 'off' || dict.byFirst.size === 0) return;
  for (const hit of findPhrases(dict, f.text)) {
    const { entry } = hit.phrase;
    const found = f.text.slice(hit.start, hit.end);
    report(out, f, {
      rule: 'banned_expression', severity: capSeverity(level, entry.severity), start: hit.start, end: hit.end,
      ...messages(entry.category, found, entry.suggestion), suggestion: entry.suggestion || undefined,
    });
  }
}
