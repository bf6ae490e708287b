import { api } from '../../app/api-client';

export type SearchGroup = 'news' | 'policy' | 'interpretation' | 'service';
export const SEARCH_GROUPS: readonly SearchGroup[] = ['news', 'policy', 'interpretation', 'service'];

export interface SearchHit {
  readonly documentId: number;
  /** Server-escaped HTML whose only markup is <mark>. */
  readonly title: string;
  readonly snippet: string;
  readonly url: string;
  /** Full address on the document's own site. */
  readonly link: string;
  readonly siteId: number;
  readonly group: SearchGroup;
  readonly publishedAt: number;
  readonly documentNumber: string | null;
}

export interface SearchResult {
  readonly mode: 'exact' | 'fulltext';
  readonly total: number;
  readonly totalExact: boolean;
  readonly items: readonly SearchHit[];
  readonly groups: Readonly<Record<SearchGroup, number>>;
}

export interface SearchStats {
  readonly from: string;
  readonly to: string;
  readonly total: number;
  readonly indexed: number;
  readonly topQueries: readonly { query: string; count: number; zeroResults: number }[];
  readonly perDay: readonly { day: string; count: number }[];
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobState {
  readonly id: number;
  readonly status: JobStatus;
  readonly progress: number;
  readonly progressMessage: string;
  readonly lastError: string | null;
}

export const searchKeys = {
  stats: (days: number) => ['search', 'stats', days] as const,
  job: (id: number) => ['search', 'job', id] as const,
  trial: (q: string) => ['search', 'trial', q] as const,
};

export const searchApi = {
  stats: (days: number) => api.get<SearchStats>('/api/v1/search/stats', { days }),
  reindex: () => api.post<{ id: number }>('/api/v1/search/reindex'),
  job: (id: number) => api.get<JobState>(`/api/v1/jobs/${id}`),
  search: (q: string) => api.get<SearchResult>('/api/v1/public/search', { q, pageSize: 10 }),
};

export const TERMINAL: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled']);
