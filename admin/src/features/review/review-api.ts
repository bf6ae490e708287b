import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { CheckResult } from '../checks/checks-api';
import type { DocumentInfo, DocumentKind, DocumentStatus, Edition } from '../documents/documents-api';

export type ReviewActionKind = 'submit' | 'approve' | 'reject' | 'fast_track' | 'post_review' | 'withdraw' | 'schedule' | 'publish' | 'unpublish';
export type WaitingFor = 'interpretation' | 'policy';

export interface InboxItem {
  readonly documentId: number;
  readonly editionId: number;
  readonly title: string;
  readonly kind: DocumentKind;
  readonly siteId: number;
  readonly columnId: number;
  readonly columnName: string;
  readonly step: number;
  readonly stepName: string;
  readonly stepCount: number;
  readonly isSecrecy: boolean;
  readonly authorName: string;
  readonly submittedAt: number | null;
  readonly blockingChecks: number;
}

export interface ReturnedItem {
  readonly documentId: number;
  readonly editionId: number;
  readonly title: string;
  readonly columnName: string;
  readonly stepName: string;
  readonly reason: string | null;
  readonly rejectedBy: string;
  readonly rejectedAt: number;
}

export interface InboxCounts {
  readonly total: number;
  readonly steps: readonly { readonly name: string; readonly isSecrecy: boolean; readonly count: number }[];
  readonly returned: number;
}

export interface Inbox {
  readonly items: readonly InboxItem[];
  readonly returned: readonly ReturnedItem[];
  readonly counts: InboxCounts;
}

export interface FastTrackedItem {
  readonly documentId: number;
  readonly editionId: number;
  readonly title: string;
  readonly columnName: string;
  readonly status: DocumentStatus;
  readonly fastTrackedAt: number;
  readonly fastTrackedBy: string;
  readonly reason: string | null;
  readonly reviewBy: string | null;
  readonly secrecyBy: string | null;
}

export interface ChainStep {
  readonly index: number;
  readonly name: string;
  readonly role: string;
  readonly roleLabel: string;
  readonly isSecrecy: boolean;
  readonly state: 'done' | 'current' | 'pending';
  readonly by: string | null;
  readonly at: number | null;
}

export interface HistoryEntry {
  readonly id: number;
  readonly editionId: number;
  readonly editionNumber: number;
  readonly action: ReviewActionKind;
  readonly step: number;
  readonly stepName: string;
  readonly actorName: string;
  readonly reason: string | null;
  readonly at: number;
}

export interface LinkedDocument {
  readonly id: number;
  readonly title: string | null;
  readonly kind: DocumentKind;
  readonly status: DocumentStatus;
}

export interface ReviewDocument extends DocumentInfo {
  readonly isMajor: boolean;
  readonly interpretsId: number | null;
  readonly withdrawReason: string | null;
  readonly withdrawPublic: boolean;
}

export interface ReviewEdition extends Edition {
  readonly reviewStep: number;
  readonly scheduledPublishAt: number | null;
  readonly scheduledUnpublishAt: number | null;
  readonly submittedAt: number | null;
}

export interface ReviewView {
  readonly document: ReviewDocument;
  readonly edition: ReviewEdition;
  readonly column: { readonly id: number; readonly name: string; readonly kind: string };
  readonly chain: readonly ChainStep[];
  readonly currentStep: number | null;
  readonly can: { approve: boolean; reject: boolean; submit: boolean; schedule: boolean; withdraw: boolean; fastTrack: boolean; postReview: boolean };
  readonly approveBlockedBy: 'own_work' | 'role' | null;
  readonly checks: { readonly results: readonly CheckResult[]; readonly blocking: boolean; readonly counts: { block: number; warn: number } };
  readonly history: readonly HistoryEntry[];
  readonly links: { isMajor: boolean; interprets: LinkedDocument | null; interpretations: readonly LinkedDocument[]; waitingFor: WaitingFor | null };
  readonly fastTrack: { at: number; by: string; reason: string | null; reviewBy: string | null; secrecyBy: string | null; pending: boolean } | null;
  readonly returned: { reason: string | null; by: string; stepName: string; at: number } | null;
}

export interface WorkflowResult {
  readonly document: ReviewDocument;
  readonly edition: ReviewEdition;
  readonly published: readonly number[];
  readonly waitingFor: WaitingFor | null;
}

export const reviewKeys = {
  all: ['review'] as const,
  inbox: ['review', 'inbox'] as const,
  counts: ['review', 'counts'] as const,
  fastTracked: ['review', 'fast-tracked'] as const,
  view: (id: number) => ['review', 'view', id] as const,
};

const doc = (id: number, action: string) => `/api/v1/documents/${id}/${action}`;

export const reviewApi = {
  inbox: () => api.get<Inbox>('/api/v1/review/inbox'),
  counts: () => api.get<InboxCounts>('/api/v1/review/counts'),
  fastTracked: () => api.get<{ items: FastTrackedItem[] }>('/api/v1/review/fast-tracked'),
  view: (id: number) => api.get<ReviewView>(doc(id, 'review')),
  submit: (id: number) => api.post<WorkflowResult>(doc(id, 'submit'), {}),
  approve: (id: number, input: { step: number; editionId: number; comment?: string }) => api.post<WorkflowResult>(doc(id, 'approve'), input),
  reject: (id: number, input: { step: number; editionId: number; reason: string }) => api.post<WorkflowResult>(doc(id, 'reject'), input),
  schedule: (id: number, input: { publishAt?: number | null; unpublishAt?: number | null }) => api.post<WorkflowResult>(doc(id, 'schedule'), input),
  withdraw: (id: number, input: { reason: string; showPublicly: boolean; redirectTo?: string }) => api.post<WorkflowResult>(doc(id, 'withdraw'), input),
  fastTrack: (id: number, input: { reason: string }) => api.post<WorkflowResult>(doc(id, 'fast-track'), input),
  postReview: (id: number, input: { note?: string }) => api.post<WorkflowResult & { cleared: boolean }>(doc(id, 'post-review'), input),
  policyLink: (id: number, input: { isMajor?: boolean; interpretsId?: number | null }) => api.put<WorkflowResult>(doc(id, 'policy-link'), input),
};

export function useReviewView(id: number) {
  return useQuery({ queryKey: reviewKeys.view(id), queryFn: () => reviewApi.view(id) });
}
