import { api } from '../../app/api-client';

export type Palette = 'red' | 'blue' | 'green';

export interface HomeBlock {
  readonly columnId: number;
  readonly title?: string;
  readonly count: number;
}

export interface ThemeSettings {
  readonly palette: Palette;
  readonly navColumns: readonly number[];
  readonly homeBlocks: readonly HomeBlock[];
  readonly mourning: boolean;
  readonly updatedAt: number | null;
  readonly palettes: readonly Palette[];
}

export interface RebuildStatus {
  readonly id: number;
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  readonly progress: number;
  readonly message: string;
  readonly error: string | null;
  readonly finishedAt: number | null;
}

export const publishingKeys = {
  theme: (siteId: number) => ['publishing', 'theme', siteId] as const,
  job: (id: number) => ['publishing', 'job', id] as const,
};

export const publishingApi = {
  theme: (siteId: number) => api.get<ThemeSettings>(`/api/v1/sites/${siteId}/theme`),
  saveTheme: (siteId: number, input: Omit<ThemeSettings, 'updatedAt' | 'palettes'>) => api.put<ThemeSettings & { jobId: number }>(`/api/v1/sites/${siteId}/theme`, input),
  rebuild: (siteCode?: string) => api.post<{ jobId: number }>('/api/v1/publishing/rebuild', siteCode ? { siteCode } : {}),
  job: (id: number) => api.get<RebuildStatus>(`/api/v1/publishing/jobs/${id}`),
};
