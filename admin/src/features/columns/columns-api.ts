import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';

export type ColumnKind = 'news' | 'notice' | 'policy' | 'disclosure' | 'interpretation' | 'topic' | 'page' | 'link';
export type WorkflowRole = 'reviewer' | 'site_admin';

export interface WorkflowStep {
  readonly name: string;
  readonly role: WorkflowRole;
}

export interface Column {
  readonly id: number;
  readonly siteId: number;
  readonly parentId: number | null;
  readonly path: string;
  readonly name: string;
  readonly slug: string;
  readonly kind: ColumnKind;
  readonly description: string;
  readonly keywords: string;
  readonly workflow: readonly WorkflowStep[];
  readonly updateDays: number | null;
  readonly sortOrder: number;
  readonly visible: boolean;
  readonly linkUrl: string | null;
  readonly commentsEnabled: boolean;
  readonly status: 'active' | 'deleted';
  readonly mergedIntoId: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface TreeColumn extends Column {
  readonly depth: number;
  /** False for an ancestor shown only as context (the user holds a grant below it). */
  readonly inScope: boolean;
}

export interface ColumnTreeReply {
  readonly site: { id: number; code: string; name: string };
  readonly canManage: boolean;
  readonly items: readonly TreeColumn[];
}

export interface KindInfo {
  readonly kind: ColumnKind;
  readonly label: string;
  readonly rule: string;
  readonly topLevelRule: boolean;
  readonly defaultUpdateDays: number | null;
}

export interface KindsReply {
  readonly items: readonly KindInfo[];
  readonly defaultWorkflow: readonly WorkflowStep[];
  readonly secrecyStep: { name: string; role: string };
  readonly workflowRoles: readonly { role: WorkflowRole; label: string }[];
  readonly maxDepth: number;
  readonly maxWorkflowSteps: number;
}

export interface SiteOption {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
}

/** Fields a column form sends; parentId and sortOrder only on create (moving has its own call). */
export interface ColumnInput {
  readonly name: string;
  readonly slug: string;
  readonly kind: ColumnKind;
  readonly description: string;
  readonly keywords: string;
  readonly updateDays: number | null;
  readonly visible: boolean;
  readonly commentsEnabled: boolean;
  readonly linkUrl: string | null;
  readonly workflow: readonly WorkflowStep[];
}

export const columnKeys = {
  kinds: ['columns', 'kinds'] as const,
  sites: ['columns', 'sites'] as const,
  tree: (siteId: number) => ['columns', 'tree', siteId] as const,
};

export const columnsApi = {
  kinds: () => api.get<KindsReply>('/api/v1/column-kinds'),
  sites: () => api.get<{ items: SiteOption[] }>('/api/v1/sites'),
  tree: (siteId: number) => api.get<ColumnTreeReply>(`/api/v1/sites/${siteId}/columns`),
  create: (siteId: number, input: ColumnInput & { parentId: number | null }) => api.post<{ column: Column }>(`/api/v1/sites/${siteId}/columns`, input),
  update: (id: number, input: Partial<ColumnInput>) => api.patch<{ column: Column }>(`/api/v1/columns/${id}`, input),
  move: (id: number, input: { parentId: number | null; sortOrder?: number }) => api.post<{ column: Column }>(`/api/v1/columns/${id}/move`, input),
  merge: (id: number, intoId: number) => api.post<{ into: Column; documentsMoved: number; childrenMoved: number }>(`/api/v1/columns/${id}/merge`, { intoId }),
  remove: (id: number) => api.delete<{ ok: boolean }>(`/api/v1/columns/${id}`),
};

export function useColumnKinds() {
  return useQuery({ queryKey: columnKeys.kinds, queryFn: columnsApi.kinds, staleTime: 300_000 });
}

export function useSiteOptions() {
  return useQuery({ queryKey: columnKeys.sites, queryFn: columnsApi.sites, staleTime: 60_000, select: (r) => r.items });
}

export function useColumnTree(siteId: number | null) {
  return useQuery({
    queryKey: columnKeys.tree(siteId ?? 0),
    queryFn: () => columnsApi.tree(siteId ?? 0),
    enabled: siteId !== null,
  });
}
