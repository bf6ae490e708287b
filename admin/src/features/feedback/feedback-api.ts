import { api } from '../../app/api-client';

export type CommentStatus = 'pending' | 'approved' | 'rejected';
export type Adoption = 'adopted' | 'partly' | 'not_adopted' | '';
export type ConsultationState = 'upcoming' | 'open' | 'closed';

export interface Finding {
  readonly severity: 'block' | 'warn';
  readonly message: string;
  readonly excerpt: string;
  readonly suggestion: string;
}

export interface QueueItem {
  readonly id: number;
  readonly siteId: number;
  readonly siteName: string;
  readonly kind: 'comment' | 'opinion';
  readonly status: CommentStatus;
  readonly targetTitle: string;
  readonly clauseNo: number | null;
  readonly body: string;
  readonly nickname: string;
  readonly contact: string;
  readonly findings: readonly Finding[];
  readonly reportCount: number;
  readonly reportReason: string;
  readonly submittedAt: number;
}

export interface Consultation {
  readonly id: number;
  readonly siteId: number;
  readonly documentId: number | null;
  readonly title: string;
  readonly intro: string;
  readonly opensAt: number;
  readonly closesAt: number;
  readonly shortReason: string;
  readonly state: ConsultationState;
  readonly summaryText: string;
  readonly summaryPublishedAt: number | null;
}

export interface Clause {
  readonly clauseNo: number;
  readonly heading: string;
  readonly text: string;
  readonly adoption: Adoption;
  readonly feedback: string;
  readonly received: number;
  readonly published: number;
}

export interface Opinion {
  readonly id: number;
  readonly clauseNo: number | null;
  readonly nickname: string;
  readonly body: string;
  readonly submittedAt: number;
  readonly status: CommentStatus;
  readonly contact: string;
  readonly findings: readonly Finding[];
}

export interface ConsultationDetail {
  readonly consultation: Consultation;
  readonly clauses: readonly Clause[];
  readonly overall: { readonly received: number; readonly published: number };
  readonly opinions: readonly Opinion[];
}

export interface NewConsultation {
  readonly title: string;
  readonly intro?: string;
  readonly draftText: string;
  readonly documentId?: number | null;
  readonly opensAt: number;
  readonly closesAt: number;
  readonly shortReason?: string;
}

export interface SummaryInput {
  readonly overall: string;
  readonly clauses: readonly { clauseNo: number; adoption: Adoption; feedback: string }[];
}

export const feedbackKeys = {
  queue: ['feedback', 'queue'] as const,
  consultations: ['feedback', 'consultations'] as const,
  consultation: (id: number) => ['feedback', 'consultation', id] as const,
};

export const feedbackApi = {
  queue: (q: { siteId?: number; status: CommentStatus }) => api.get<{ items: QueueItem[] }>('/api/v1/moderation/comments', { ...q }),
  moderate: (id: number, decision: 'approve' | 'reject', note: string) => api.post<{ id: number; status: CommentStatus }>(`/api/v1/comments/${id}/moderation`, { decision, note }),
  consultations: (siteId?: number) => api.get<{ sites: { id: number; name: string }[]; items: Consultation[] }>('/api/v1/consultations', siteId ? { siteId } : {}),
  update: (id: number, input: Partial<NewConsultation>) => api.patch<{ consultation: Consultation }>(`/api/v1/consultations/${id}`, input),
  create: (siteId: number, input: NewConsultation) => api.post<{ consultation: Consultation }>(`/api/v1/sites/${siteId}/consultations`, input),
  detail: (id: number) => api.get<ConsultationDetail>(`/api/v1/consultations/${id}`),
  saveSummary: (id: number, input: SummaryInput) => api.put<{ ok: true }>(`/api/v1/consultations/${id}/summary`, input),
  publishSummary: (id: number) => api.post<{ consultation: Consultation }>(`/api/v1/consultations/${id}/summary/publish`),
};
