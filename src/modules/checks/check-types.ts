import type { DictionaryCategory } from './checks.tables.js';

/** Every machine check. `broken_link` runs in a job (checkLinks), the rest in runChecks. */
export const RULE_IDS = [
  'secrecy_marking',
  'personal_id',
  'mobile_number',
  'bank_card',
  'banned_expression',
  'commercial_link',
  'external_link',
  'broken_link',
  'missing_metadata',
  'image_missing_alt',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
export type Severity = 'block' | 'warn';
export type RuleSeverity = Severity | 'off';

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

/** One dictionary entry as runChecks sees it (a row of banned_expressions). */
export interface DictionaryEntry {
  readonly id?: number;
  readonly phrase: string;
  readonly suggestion: string;
  readonly category: DictionaryCategory;
  readonly severity: Severity;
}

/**
 * Where a finding is: `title`, `body` (offsets into htmlToPlainText(bodyHtml)),
 * `attachment:<name>` (offsets into the extracted text) or `metadata.<field>`.
 */
export type CheckField = 'title' | 'body' | `attachment:${string}` | `metadata.${string}`;

export interface CheckResult {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Chinese, names what was found and why it matters. */
  readonly message: string;
  readonly messageEn: string;
  readonly field: CheckField;
  /** UTF-16 offsets into the field's plain text: text.slice(start, end) is what was found. */
  readonly start: number;
  readonly end: number;
  /** About 10 characters either side; personal data in it is masked. */
  readonly excerpt: string;
  readonly suggestion?: string;
  /** For link rules: the URL concerned. */
  readonly url?: string;
}

export interface CheckInput {
  readonly title: string;
  readonly bodyHtml: string;
  readonly attachmentsText?: readonly { readonly name: string; readonly text: string }[];
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly requiredFields: readonly string[];
}

export interface CheckContext {
  readonly dictionary: readonly DictionaryEntry[];
  /** Missing rules fall back to their default severity. */
  readonly severities: Readonly<Partial<Record<RuleId, RuleSeverity>>>;
}
