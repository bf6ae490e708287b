import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';

export interface DayTraffic {
  readonly day: string;
  readonly views: number;
  readonly visitors: number;
}

export interface Traffic {
  readonly scope: 'site' | 'all' | 'sites';
  readonly from: string;
  readonly to: string;
  readonly views: number;
  readonly visitors: number;
  readonly perDay: readonly DayTraffic[];
  readonly topPages: readonly { siteCode: string; siteName: string; path: string; url: string; views: number }[];
  readonly topSites: readonly { siteCode: string; siteName: string; views: number; visitors: number }[];
}

/** The last N days, or a calendar year (the annual report's 独立用户访问总量 and 网站总访问量). */
export type TrafficRange = { readonly days: number } | { readonly year: number };

export const analyticsKeys = {
  traffic: (site: string | null, range: TrafficRange) => ['analytics', 'traffic', site, range] as const,
};

export function useTraffic(site: string | null, range: TrafficRange) {
  return useQuery({
    queryKey: analyticsKeys.traffic(site, range),
    queryFn: () => api.get<Traffic>('/api/v1/analytics/traffic', { ...(site ? { site } : {}), ...range }),
  });
}
