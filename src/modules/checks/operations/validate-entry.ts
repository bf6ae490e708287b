import { AppError } from '../../../platform/http/error-registry.js';
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
  const bad = (reason: string): AppError => new AppError(ChecksErrors['checks.dictionary.bad_phrase'], { phrase: input.phrase, reason });
  if (phrase.length === 0 || phrase.length > MAX_PHRASE) throw bad(`应为 1–${MAX_PHRASE} 个字符`);
  if (category === 'commercial_domain') {
    if (!parseDomain(phrase)) throw bad('商业域名应为域名（如 taobao.com），可带路径前缀（如 baidu.com/s?）');
  } else if (!parsePhrase(phrase)) {
    throw bad('只能在词语前后使用 {非:字符} 标记，或在词语后使用 {日期} 标记');
  }
  const suggestion = (input.suggestion ?? '').trim();
  if (suggestion.length > MAX_SUGGESTION) throw bad(`建议写法最多 ${MAX_SUGGESTION} 个字符`);
  return {
    phrase: category === 'commercial_domain' ? phrase.toLowerCase() : phrase,
    suggestion, category, severity: input.severity as Severity,
  };
}
