import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';

export interface LetterFigures {
  readonly period: string;
  readonly label: string;
  readonly received: number;
  readonly accepted: number;
  readonly closed: number;
  readonly onTime: number;
  readonly rated: number;
  readonly satisfied: number;
  readonly onTimeRate: number | null;
  readonly averageWorkingDays: number | null;
  readonly satisfactionRate: number | null;
}

export interface StatisticsView {
  readonly computedAt: number | null;
  readonly thisMonth: LetterFigures;
  readonly thisYear: LetterFigures;
  readonly months: readonly LetterFigures[];
}

export interface ConsoleStatistics {
  readonly computedAt: number | null;
  readonly sites: readonly { siteId: number; code: string; name: string; statistics: StatisticsView }[];
  readonly regions: readonly { orgId: number; name: string; portalSiteId: number; siteIds: readonly number[]; statistics: StatisticsView }[];
}

export interface RefreshJob {
  readonly id: number;
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  readonly progress: number;
  readonly progressMessage: string;
  readonly lastError: string | null;
}

const TERMINAL: ReadonlySet<RefreshJob['status']> = new Set(['succeeded', 'failed', 'cancelled']);

export const letterStatisticsKeys = {
  all: ['letter-statistics'] as const,
  job: (id: number) => ['letter-statistics', 'job', id] as const,
};

export const letterStatisticsApi = {
  get: () => api.get<ConsoleStatistics>('/api/v1/letter-statistics'),
  refresh: () => api.post<{ id: number }>('/api/v1/letter-statistics/refresh'),
  job: (id: number) => api.get<RefreshJob>(`/api/v1/letter-statistics/refresh/${id}`),
};

export function useLetterStatistics() {
  return useQuery({ queryKey: letterStatisticsKeys.all, queryFn: letterStatisticsApi.get });
}

/**
 * The refresh job's state, polled each second until it ends (the live job stream is the system
 * admin's); when it succeeds the figures are read again once.
 */
export function useRefreshJob(jobId: number | null): RefreshJob | null {
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: letterStatisticsKeys.job(jobId ?? 0),
    queryFn: () => letterStatisticsApi.job(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && TERMINAL.has(q.state.data.status) ? false : 1_000),
  });
  const [reloaded, setReloaded] = useState<number | null>(null);
  const succeeded = job.data?.status === 'succeeded' ? job.data.id : null;
  useEffect(() => {
    if (succeeded === null || succeeded === reloaded) return;
    setReloaded(succeeded);
    void queryClient.invalidateQueries({ queryKey: letterStatisticsKeys.all, exact: true });
  }, [succeeded, reloaded, queryClient]);
  return job.data ?? null;
}
