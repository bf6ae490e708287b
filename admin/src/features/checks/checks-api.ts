import { api } from '../../app/api-client';

export type DictionaryCategory = 'banned' | 'outdated_name' | 'miswritten' | 'commercial_domain';
export const CATEGORIES: readonly DictionaryCategory[] = ['outdated_name', 'miswritten', 'banned', 'commercial_domain'];
export type EntrySeverity = 'block' | 'warn';
export type RuleSeverity = EntrySeverity | 'off';
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['block', 'warn', 'off'];

export interface DictionaryEntry {
  readonly id: number;
  readonly phrase: string;
  readonly suggestion: string;
  readonly category: DictionaryCategory;
  readonly severity: EntrySeverity;
  readonly createdAt: number;
}

export interface DictionaryPage {
  readonly total: number;
  readonly items: readonly DictionaryEntry[];
}

export interface EntryInput {
  readonly phrase: string;
  readonly suggestion: string;
  readonly category: DictionaryCategory;
  readonly severity: EntrySeverity;
}

export interface CheckRule {
  readonly rule: string;
  readonly severity: RuleSeverity;
  readonly defaultSeverity: RuleSeverity;
  readonly name: string;
  readonly nameEn: string;
  readonly description: string;
  readonly descriptionEn: string;
  readonly updatedAt: number | null;
}

/** One finding of the machine checks (same shape as the server's CheckResult). */
export interface CheckResult {
  readonly rule: string;
  readonly severity: EntrySeverity;
  readonly message: string;
  readonly messageEn: string;
  /** 'title' | 'body' | 'attachment:<name>' | 'metadata.<field>' */
  readonly field: string;
  /** Offsets into the field's plain text (for the body: `bodyText`). */
  readonly start: number;
  readonly end: number;
  readonly excerpt: string;
  readonly suggestion?: string;
  readonly url?: string;
}

export interface DraftChecksReport {
  readonly results: readonly CheckResult[];
  readonly blocking: boolean;
  readonly counts: { readonly block: number; readonly warn: number };
  readonly bodyText: string;
}

export interface DraftInput {
  readonly title: string;
  readonly bodyHtml: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly requiredFields?: readonly string[];
  readonly columnKind?: string;
}

export interface DictionaryQuery {
  readonly category?: DictionaryCategory | undefined;
  readonly q?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export const checksKeys = {
  dictionary: ['checks', 'dictionary'] as const,
  rules: ['checks', 'rules'] as const,
};

export const checksApi = {
  dictionary: (q: DictionaryQuery) => api.get<DictionaryPage>('/api/v1/checks/dictionary', { ...q }),
  createEntry: (input: EntryInput) => api.post<{ entry: DictionaryEntry }>('/api/v1/checks/dictionary', input),
  updateEntry: (id: number, input: Partial<EntryInput>) => api.patch<{ entry: DictionaryEntry }>(`/api/v1/checks/dictionary/${id}`, input),
  deleteEntry: (id: number) => api.delete<{ ok: boolean }>(`/api/v1/checks/dictionary/${id}`),
  importStarter: () => api.post<{ added: number; skipped: number }>('/api/v1/checks/dictionary/import-starter'),
  rules: () => api.get<{ items: readonly CheckRule[] }>('/api/v1/checks/rules'),
  setRules: (severities: Readonly<Record<string, RuleSeverity>>) => api.put<{ items: readonly CheckRule[] }>('/api/v1/checks/rules', { severities }),
  /** Checks an unsaved draft (needs documents.write); the document editor shows the results beside the text. */
  run: (input: DraftInput) => api.post<DraftChecksReport>('/api/v1/checks/run', input),
};
