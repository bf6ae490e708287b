import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';

export type DocumentKind = 'article' | 'notice' | 'policy' | 'interpretation' | 'personnel' | 'response' | 'rumour_rebuttal' | 'page';
export type DocumentStatus = 'draft' | 'in_review' | 'approved' | 'scheduled' | 'published' | 'withdrawn';
export type EditionStatus = DocumentStatus | 'superseded' | 'rejected';
export type Validity = 'valid' | 'expired' | 'repealed';

export const DOCUMENT_KINDS: readonly DocumentKind[] = ['article', 'notice', 'policy', 'interpretation', 'personnel', 'response', 'rumour_rebuttal', 'page'];
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn'];

/** What an editor sets on an edition (there is no publish time: the system sets it). */
export interface EditionFields {
  readonly title: string;
  readonly subtitle: string;
  readonly bodyHtml: string;
  readonly summary: string;
  readonly keywords: string;
  readonly documentNumber: string | null;
  readonly topicCategory: string | null;
  readonly genre: string | null;
  readonly validity: Validity;
  readonly validityDate: string | null;
  readonly issuingOrgName: string;
  readonly dateWritten: string | null;
  readonly source: string;
  readonly correctionNote: string | null;
}

export interface Edition extends EditionFields {
  readonly id: number;
  readonly documentId: number;
  readonly number: number;
  readonly status: EditionStatus;
  readonly lockVersion: number;
  readonly topicCategoryVersion: string | null;
  readonly authorName: string;
  readonly lastEditorName: string;
  readonly updatedAt: number;
  readonly publishedAt: number | null;
}

export interface DocumentInfo {
  readonly id: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly kind: DocumentKind;
  readonly indexNumber: string | null;
  /** An interpretation: the policy it interprets (set on the review page). */
  readonly interpretsId: number | null;
  readonly status: DocumentStatus;
  readonly currentEditionId: number;
  readonly publishedEditionId: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly firstPublishedAt: number | null;
  readonly lastPublishedAt: number | null;
}

export interface Attachment {
  readonly id: number;
  readonly editionId: number;
  readonly originalName: string;
  readonly mime: string;
  readonly size: number;
  readonly sm3: string;
  readonly createdAt: number;
}

export interface DocumentDetail {
  readonly document: DocumentInfo;
  readonly column: { readonly id: number; readonly name: string; readonly kind: string };
  readonly edition: Edition;
  readonly publishedEdition: { readonly id: number; readonly number: number; readonly publishedAt: number | null } | null;
  readonly attachments: readonly Attachment[];
}

export interface DocumentListItem {
  readonly id: number;
  readonly siteId: number;
  readonly columnId: number;
  readonly kind: DocumentKind;
  readonly status: DocumentStatus;
  readonly indexNumber: string | null;
  readonly title: string;
  readonly documentNumber: string | null;
  readonly editionNumber: number;
  readonly editionStatus: EditionStatus;
  readonly hasUnpublishedChanges: boolean;
  readonly firstPublishedAt: number | null;
  readonly updatedAt: number;
}

export interface ListFilters {
  readonly siteId?: number | undefined;
  readonly columnId?: number | undefined;
  readonly status?: DocumentStatus | undefined;
  readonly kind?: DocumentKind | undefined;
  readonly q?: string | undefined;
}

export interface EditionSummary {
  readonly id: number;
  readonly number: number;
  readonly status: EditionStatus;
  readonly title: string;
  readonly authorName: string;
  readonly lastEditorName: string;
  readonly correctionNote: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly publishedAt: number | null;
}

export interface DiffRange {
  readonly op: 'equal' | 'insert' | 'delete';
  readonly text: string;
}

export interface DocumentDiff {
  readonly from: { id: number; number: number; status: EditionStatus };
  readonly to: { id: number; number: number; status: EditionStatus };
  readonly fields: readonly { field: string; label: string; before: string | null; after: string | null }[];
  readonly body: { ranges: readonly DiffRange[]; inserted: number; deleted: number; truncated: boolean };
  readonly attachments: { added: readonly string[]; removed: readonly string[] };
}

export interface DocumentOptions {
  readonly genres: readonly string[];
  readonly topicCategories: { version: string; separator: string; tree: readonly { name: string; children: readonly string[] }[] };
  readonly uploadMaxBytes: number;
  readonly attachmentExtensions: readonly string[];
}

export const documentKeys = {
  all: ['documents'] as const,
  list: (filters: ListFilters, cursor: string | null) => ['documents', 'list', filters, cursor] as const,
  detail: (id: number) => ['documents', 'detail', id] as const,
  editions: (id: number) => ['documents', 'editions', id] as const,
  diff: (id: number, from: number, to: number) => ['documents', 'diff', id, from, to] as const,
  options: ['documents', 'options'] as const,
};

export const documentsApi = {
  list: (filters: ListFilters, cursor: string | null) =>
    api.get<{ items: DocumentListItem[]; nextCursor: string | null }>('/api/v1/documents', { ...filters, cursor, limit: 20 }),
  get: (id: number) => api.get<DocumentDetail>(`/api/v1/documents/${id}`),
  create: (input: Partial<EditionFields> & { columnId: number; kind: DocumentKind; title: string }) =>
    api.post<{ document: DocumentInfo; edition: Edition }>('/api/v1/documents', input),
  save: (id: number, input: Partial<EditionFields> & { lockVersion: number }) =>
    api.patch<{ document: DocumentInfo; edition: Edition }>(`/api/v1/documents/${id}`, input),
  editions: (id: number) => api.get<{ items: EditionSummary[] }>(`/api/v1/documents/${id}/editions`),
  diff: (id: number, from: number, to: number) => api.get<DocumentDiff>(`/api/v1/documents/${id}/diff`, { from, to }),
  upload: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<{ attachment: Attachment; editionId: number; lockVersion: number }>(`/api/v1/documents/${id}/attachments`, form);
  },
  removeAttachment: (id: number) => api.delete<{ ok: boolean }>(`/api/v1/attachments/${id}`),
  options: () => api.get<DocumentOptions>('/api/v1/document-options'),
};

export function downloadUrl(attachmentId: number): string {
  return `/api/v1/attachments/${attachmentId}/download`;
}

export function useDocumentOptions() {
  return useQuery({ queryKey: documentKeys.options, queryFn: documentsApi.options, staleTime: 600_000 });
}

export function useDocument(id: number) {
  return useQuery({ queryKey: documentKeys.detail(id), queryFn: () => documentsApi.get(id) });
}
