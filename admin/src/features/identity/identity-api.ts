import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { ScopeType } from '../../app/session-types';

export type OrgKind = 'government' | 'general_office' | 'department' | 'township';
export const ORG_KINDS: readonly OrgKind[] = ['government', 'general_office', 'department', 'township'];

export interface Org {
  readonly id: number;
  readonly parentId: number | null;
  readonly code: string;
  readonly name: string;
  readonly kind: OrgKind;
  readonly level: number;
  readonly divisionCode: string | null;
}

export interface UserRole {
  readonly grantId: number;
  readonly role: string;
  readonly roleLabel: string;
  readonly scopeType: ScopeType;
  readonly scopeId: number | null;
  readonly scopeName: string | null;
}

export interface UserRow {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly orgId: number;
  readonly orgName: string;
  readonly status: 'active' | 'disabled';
  readonly lockedUntil: number | null;
  readonly totpEnabled: boolean;
  readonly roles: readonly UserRole[];
}

export interface RoleDef {
  readonly role: string;
  readonly label: string;
  readonly scopes: readonly ScopeType[];
}

export interface Grant {
  readonly id: number;
  readonly userId: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly roleLabel: string;
  readonly scopeType: ScopeType;
  readonly scopeId: number | null;
  readonly scopeName: string | null;
  readonly grantedAt: number;
}

export interface UserQuery {
  readonly q?: string;
  readonly orgId?: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly orgId: number;
  readonly email?: string;
  readonly phone?: string;
}

export interface NewGrant {
  readonly userId: number;
  readonly role: string;
  readonly scopeType: ScopeType;
  readonly scopeId?: number;
}

export const identityKeys = {
  orgs: ['identity', 'orgs'] as const,
  users: ['identity', 'users'] as const,
  roles: ['identity', 'roles'] as const,
  grants: (userId: number) => ['identity', 'grants', userId] as const,
};

export const identityApi = {
  orgs: () => api.get<{ items: Org[] }>('/api/v1/orgs'),
  createOrg: (input: { parentId: number; name: string; kind: OrgKind; divisionCode?: string }) =>
    api.post<{ org: Org }>('/api/v1/orgs', input),
  users: (q: UserQuery) => api.get<{ items: UserRow[]; total: number }>('/api/v1/users', { ...q }),
  createUser: (input: NewUser) => api.post<{ user: UserRow; initialPassword: string }>('/api/v1/users', input),
  updateUser: (id: number, input: { displayName?: string; orgId?: number; status?: 'active' | 'disabled' }) =>
    api.patch<{ user: UserRow }>(`/api/v1/users/${id}`, input),
  resetPassword: (id: number) => api.post<{ initialPassword: string }>(`/api/v1/users/${id}/reset-password`),
  unlock: (id: number) => api.post<unknown>(`/api/v1/users/${id}/unlock`),
  resetTotp: (id: number) => api.post<unknown>(`/api/v1/users/${id}/reset-totp`),
  roles: () => api.get<{ items: RoleDef[] }>('/api/v1/roles'),
  grants: (userId: number) => api.get<{ items: Grant[] }>('/api/v1/grants', { userId }),
  grant: (input: NewGrant) => api.post<{ grant: Grant }>('/api/v1/grants', input),
  revoke: (id: number) => api.delete<unknown>(`/api/v1/grants/${id}`),
};

export function useOrgs() {
  return useQuery({ queryKey: identityKeys.orgs, queryFn: identityApi.orgs, staleTime: 60_000, select: (r) => r.items });
}

export function useRoles() {
  return useQuery({ queryKey: identityKeys.roles, queryFn: identityApi.roles, staleTime: 300_000, select: (r) => r.items });
}
