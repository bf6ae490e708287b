import type { Generated } from 'kysely';

/**
 * What a dictionary entry is. The first three are matched against text; `commercial_domain`
 * entries are matched against the hosts of links in the body (e.g. `taobao.com`,
 * `baidu.com/s?`), so the ad/commercial list is editable without another table.
 */
export type DictionaryCategory = 'banned' | 'outdated_name' | 'miswritten' | 'commercial_domain';

/** The editable dictionary of wrong, outdated or banned expressions (and commercial domains). */
export interface BannedExpressionsTable {
  id: Generated<number>;
  /** Unique. Literal text, optionally with `{日期}` / `{非:…}` context markers (see phrase-pattern.ts). */
  phrase: string;
  suggestion: string;
  category: DictionaryCategory;
  severity: 'block' | 'warn';
  created_at: number;
}

/** Per-rule severity overrides; a rule without a row uses its default (rule-catalog.ts). */
export interface CheckRulesTable {
  rule: string;
  severity: 'block' | 'warn' | 'off';
  updated_at: number;
}

/**
 * Starter phrases the import (导入初始词库) has offered once, added or found present. It never
 * offers one again, so a starter entry an administrator deleted or renamed stays as they left it.
 * Migration 0021 filled it with the phrases of the dictionary then and those the audit log shows
 * deleted or renamed, so it may hold phrases that are not in the starter list (harmless: only
 * starter phrases are looked up).
 */
export interface CheckStarterImportsTable {
  phrase: string;
  imported_at: number;
}

export interface ChecksTables {
  banned_expressions: BannedExpressionsTable;
  check_rules: CheckRulesTable;
  check_starter_imports: CheckStarterImportsTable;
}
