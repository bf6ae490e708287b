import { api } from '../../app/api-client';

export const SAMPLE_PAGES = ['home', 'column', 'article', 'gone', 'not-found', 'sitemap', 'search', 'letter-form', 'letter-receipt', 'letter-query',
  'letter-public-list', 'letter-public', 'letter-statistics', 'correction-form', 'correction-receipt', 'correction-query',
  'survey-list', 'survey-form', 'survey-thanks', 'survey-results', 'interview-list', 'interview', 'comments', 'consultations', 'consultation'] as const;
export type SamplePage = (typeof SAMPLE_PAGES)[number];

export interface TemplateInfo { readonly name: string; readonly overridden: boolean; readonly updatedAt: number | null }
export interface TemplateDetail {
  readonly name: string;
  readonly source: string;
  readonly shipped: string;
  readonly overridden: boolean;
  readonly revisions: readonly { id: number; note: string; savedBy: number | null; savedAt: number; source: string | null }[];
}

export const themesApi = {
  list: () => api.get<{ items: TemplateInfo[] }>('/api/v1/theme/templates'),
  get: (name: string) => api.get<TemplateDetail>('/api/v1/theme/template', { name }),
  preview: (input: { name: string; source: string; page: SamplePage }) => api.post<{ html: string }>('/api/v1/theme/preview', input),
  save: (input: { name: string; source: string; note: string }) => api.put<{ revisionId: number; jobId: number }>('/api/v1/theme/template', input),
  revert: (input: { name: string; note: string }) => api.post<{ revisionId: number; jobId: number }>('/api/v1/theme/template/revert', input),
};

/** Line diff (LCS) between two template sources: small files, so the quadratic table is fine. */
export function lineDiff(a: string, b: string): { op: 'equal' | 'insert' | 'delete'; line: string }[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: { op: 'equal' | 'insert' | 'delete'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) { out.push({ op: 'equal', line: x[i]! }); i++; j++; } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) { out.push({ op: 'delete', line: x[i]! }); i++; } else { out.push({ op: 'insert', line: y[j]! }); j++; }
  }
  while (i < n) out.push({ op: 'delete', line: x[i++]! });
  while (j < m) out.push({ op: 'insert', line: y[j++]! });
  return out;
}
