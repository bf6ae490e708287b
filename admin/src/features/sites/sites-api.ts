import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';

export type SiteKind = 'province_portal' | 'city_portal' | 'county_portal' | 'department';
export type SiteStatus = 'building' | 'open' | 'offline' | 'closed';
export const SITE_KINDS: readonly SiteKind[] = ['province_portal', 'city_portal', 'county_portal', 'department'];
export const SITE_STATUSES: readonly SiteStatus[] = ['building', 'open', 'offline', 'closed'];

export interface SiteContact {
  readonly phone: string;
  readonly email: string;
  readonly address: string;
}

export interface Site {
  readonly id: number;
  readonly code: string;
  readonly kind: SiteKind;
  readonly ownerOrgId: number;
  readonly ownerOrgName: string;
  readonly name: string;
  readonly primaryDomain: string;
  readonly aliases: readonly string[];
  /** Platform-managed `<code>.localhost`. */
  readonly localDomain: string;
  readonly icpNumber: string | null;
  readonly policeNumber: string | null;
  readonly hostUnit: string;
  readonly contact: SiteContact;
  readonly logoUrl: string | null;
  readonly status: SiteStatus;
  readonly createdBy: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Advice from the server (e.g. a domain shape NORMS recommends); the change was saved anyway. */
export interface SiteWarning {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface SiteInput {
  readonly kind: SiteKind;
  readonly ownerOrgId: number;
  readonly name: string;
  readonly code: string;
  readonly primaryDomain: string;
  readonly aliases: readonly string[];
  readonly icpNumber: string | null;
  readonly policeNumber: string | null;
  readonly hostUnit: string;
  readonly contact: SiteContact;
  readonly logoUrl: string | null;
  readonly status: SiteStatus;
}

export interface SiteSettingsInput {
  readonly name: string;
  readonly logoUrl: string | null;
  readonly contact: SiteContact;
}

export interface SiteQuery {
  readonly q?: string | undefined;
  readonly kind?: SiteKind | undefined;
  readonly status?: SiteStatus | undefined;
}

type WriteReply = { site: Site; warnings: SiteWarning[] };

export const sitesKeys = {
  all: ['sites'] as const,
  list: (q: SiteQuery) => ['sites', 'list', q] as const,
  one: (id: number) => ['sites', 'one', id] as const,
};

export const sitesApi = {
  list: (q: SiteQuery = {}) => api.get<{ items: Site[]; total: number }>('/api/v1/sites', { ...q }),
  get: (id: number) => api.get<{ site: Site }>(`/api/v1/sites/${id}`),
  create: (input: Omit<SiteInput, 'hostUnit'> & { hostUnit?: string }) => api.post<WriteReply>('/api/v1/sites', input),
  update: (id: number, input: Partial<SiteInput>) => api.patch<WriteReply>(`/api/v1/sites/${id}`, input),
  updateSettings: (id: number, input: Partial<SiteSettingsInput>) => api.patch<{ site: Site }>(`/api/v1/sites/${id}/settings`, input),
};

/** The sites the signed-in user may see (row-scoped by the server). */
export function useSites(q: SiteQuery = {}) {
  return useQuery({ queryKey: sitesKeys.list(q), queryFn: () => sitesApi.list(q) });
}
