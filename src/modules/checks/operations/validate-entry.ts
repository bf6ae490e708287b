import { AppError, registeredFieldError } from '../../../platform/http/error-registry.js';
import { withoutForbiddenText } from '../../../platform/http/text-guard.js';
import type { Severity } from '../check-types.js';
import type { DictionaryCategory } from '../checks.tables.js';
import type { EntryValues } from '../checks.repo.js';
import { ChecksErrors } from '../errors.js';
import { parseDomain, parsePhrase } from '../phrase-pattern.js';

export const CATEGORIES: readonly DictionaryCategory[] = ['banned', 'outdated_name', 'miswritten', 'commercial_domain'];
export const ENTRY_SEVERITIES: readonly Severity[] = ['block', 'warn'];
export const MAX_PHRASE = 100;
export const MAX_SUGGESTION = 200;

export interface EntryInput {
  readonly phrase: string;
  readonly suggestion?: string | undefined;
  readonly category: string;
  readonly severity: string;
}

const LABELS = { phrase: { label: '词条', labelEn: 'phrase' }, suggestion: { label: '建议写法', labelEn: 'suggestion' } } as const;

/**
 * What the public text guard refuses (C0/C1 controls, bidi overrides and isolates), and tab and
 * line breaks too, which it lets through for visitors: the checked text folds white space, so a
 * phrase holding any of them never matches, and a suggestion holding them shows garbled.
 */
function hasForbiddenText(text: string): boolean {
  return withoutForbiddenText(text) !== text || /[\t\n\r]/.test(text);
}

function refuseForbiddenText(values: Readonly<Record<keyof typeof LABELS, string>>): void {
  const bad = (['phrase', 'suggestion'] as const).filter((field) => hasForbiddenText(values[field]));
  const [first] = bad;
  if (first === undefined) return;
  const code = ChecksErrors['checks.dictionary.bad_characters'];
  const params = (field: keyof typeof LABELS) => ({ field, ...LABELS[field] });
  throw new AppError(code, params(first), bad.map((field) => registeredFieldError(field, code, params(field))));
}

/** Checks one entry as a whole (so a PATCH that changes only the category is checked with the phrase it keeps). */
export function validateEntry(input: EntryInput): EntryValues {
  if (!(CATEGORIES as readonly string[]).includes(input.category)) {
    throw new AppError(ChecksErrors['checks.dictionary.bad_category'], { value: input.category });
  }
  if (!(ENTRY_SEVERITIES as readonly string[]).includes(input.severity)) {
    throw new AppError(ChecksErrors['checks.dictionary.bad_severity'], { value: input.severity });
  }
  const category = input.category as DictionaryCategory;
  const phrase = input.phrase.trim();
  const suggestion = (input.suggestion ?? '').trim();
  refuseForbiddenText({ phrase, suggestion });
  const bad = (reason: string): AppError => new AppError(ChecksErrors['checks.dictionary.bad_phrase'], { phrase: input.phrase, reason });
  if (phrase.length === 0 || phrase.length > MAX_PHRASE) throw bad(`应为 1–${MAX_PHRASE} 个字符`);
  if (category === 'commercial_domain') {
    if (!parseDomain(phrase)) throw bad('商业域名应为域名（如 taobao.com），可带路径前缀（如 baidu.com/s?）');
  } else if (!parsePhrase(phrase)) {
    throw bad('只能在词语前后使用 {非:字符} 标记，或在词语后使用 {日期} 标记');
  }
  if (suggestion.length > MAX_SUGGESTION) throw bad(`建议写法最多 ${MAX_SUGGESTION} 个字符`);
  return {
    phrase: category === 'commercial_domain' ? phrase.toLowerCase() : phrase,
    suggestion, category, severity: input.severity as Severity,
  };
}
