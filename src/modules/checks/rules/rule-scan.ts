import type { CheckField, CheckResult, RuleId, RuleSeverity, Severity } from '../check-types.js';
import { excerptOf } from '../excerpt.js';

/** One field's plain text, as every text rule sees it. */
export interface FieldText {
  readonly field: CheckField;
  readonly text: string;
  /** The same text with full-width digits mapped to ASCII (same length): for number patterns. */
  readonly numbers: string;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: RuleSeverity;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly messageEn: string;
  readonly suggestion?: string | undefined;
  readonly url?: string | undefined;
  /** Mask the digits of the found text in the excerpt (personal data). */
  readonly mask?: boolean;
}

/** Appends a finding as a CheckResult unless its severity is off. */
export function report(out: CheckResult[], f: FieldText, finding: Finding): void {
  if (finding.severity === 'off') return;
  const severity: Severity = finding.severity;
  out.push({
    rule: finding.rule, severity, message: finding.message, messageEn: finding.messageEn, field: f.field,
    start: finding.start, end: finding.end, excerpt: excerptOf(f.text, finding.start, finding.end, finding.mask ?? false),
    ...(finding.suggestion ? { suggestion: finding.suggestion } : {}),
    ...(finding.url ? { url: finding.url } : {}),
  });
}

/** The line (without its "\n") that contains the range. */
export function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const stop = text.indexOf('\n', end);
  return text.slice(from, stop < 0 ? text.length : stop);
}
