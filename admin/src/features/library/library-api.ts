import { api } from '../../app/api-client';
import type { DocumentKind, DocumentListItem } from '../documents/documents-api';

export type PlacementMode = 'reference' | 'copy';
export type PlacementStatus = 'pending' | 'accepted' | 'declined' | 'removed';
export const PLACEMENT_STATUSES: readonly PlacementStatus[] = ['pending', 'accepted', 'declined', 'removed'];

export interface Placement {
  readonly id: number;
  readonly documentId: number;
  readonly originDocumentId: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly mode: PlacementMode;
  readonly status: PlacementStatus;
  readonly createdAt: number;
  readonly decidedAt: number | null;
  readonly note: string | null;
  readonly originTitle: string;
  readonly originSiteId: number;
  readonly originSiteName: string;
  readonly siteName: string;
  readonly columnName: string;
  readonly createdByName: string;
  readonly decidedByName: string | null;
}

export interface LibraryFilters {
  readonly siteId?: number | undefined;
  readonly kind?: DocumentKind | undefined;
  readonly q?: string | undefined;
}

export const libraryKeys = {
  all: ['library'] as const,
  browse: (filters: LibraryFilters, cursor: string | null) => ['library', 'browse', filters, cursor] as const,
  incoming: (status: PlacementStatus | undefined, cursor: string | null) => ['library', 'incoming', status, cursor] as const,
  ofDocument: (id: number) => ['library', 'document', id] as const,
};

export const libraryApi = {
  browse: (filters: LibraryFilters, cursor: string | null) =>
    api.get<{ items: DocumentListItem[]; nextCursor: string | null }>('/api/v1/library', { ...filters, cursor, limit: 20 }),
  place: (documentId: number, input: { columnId: number; mode: PlacementMode }) =>
    api.post<{ placement: Placement }>(`/api/v1/documents/${documentId}/placements`, input),
  incoming: (status: PlacementStatus | undefined, cursor: string | null) =>
    api.get<{ items: Placement[]; nextCursor: string | null }>('/api/v1/placements', { status, cursor, limit: 20 }),
  ofDocument: (documentId: number) => api.get<{ origin: Placement | null; placements: Placement[] }>(`/api/v1/documents/${documentId}/placements`),
  decide: (id: number, decision: 'accept' | 'decline' | 'remove', reason?: string) =>
    api.post<{ placement: Placement }>(`/api/v1/placements/${id}/${decision}`, reason === undefined ? {} : { reason }),
};
