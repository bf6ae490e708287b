import { api } from '../../app/api-client';

export type InterviewStatus = 'scheduled' | 'live' | 'ended' | 'archived';
export type QuestionStatus = 'pending' | 'approved' | 'rejected' | 'answered';

export interface Guest {
  readonly name: string;
  readonly title: string;
  readonly org: string;
}

export interface Interview {
  readonly id: number;
  readonly siteId: number;
  readonly title: string;
  readonly topic: string;
  readonly description: string;
  readonly guests: Guest[];
  readonly scheduledStart: number;
  readonly scheduledEnd: number;
  readonly status: InterviewStatus;
  readonly lastSeq: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

export interface Question {
  readonly id: number;
  readonly nickname: string;
  readonly body: string;
  readonly status: QuestionStatus;
  readonly duringLive: boolean;
  readonly submittedAt: number;
}

export interface Entry {
  readonly seq: number;
  readonly kind: 'remark' | 'answer' | 'notice';
  readonly speaker: string;
  readonly body: string;
  readonly at: number;
  readonly imageId: number | null;
  readonly question: { id: number; nickname: string; body: string } | null;
}

export interface InterviewInput {
  readonly title: string;
  readonly topic?: string;
  readonly description?: string;
  readonly guests: Guest[];
  readonly scheduledStart: number;
  readonly scheduledEnd: number;
}

export interface EntryInput {
  readonly kind: 'answer' | 'remark';
  readonly body: string;
  readonly speaker?: string;
  readonly questionId?: number;
  readonly imageId?: number;
}

export const interviewsKeys = {
  all: ['interviews'] as const,
  list: ['interviews', 'list'] as const,
  one: (id: number) => ['interviews', 'one', id] as const,
  questions: (id: number) => ['interviews', 'questions', id] as const,
};

export const interviewsApi = {
  sites: () => api.get<{ items: { id: number; code: string; name: string }[] }>('/api/v1/interview-sites'),
  list: () => api.get<{ items: Interview[] }>('/api/v1/interviews'),
  one: (id: number) => api.get<{ interview: Interview; images: { id: number; fileName: string }[]; entries: Entry[] }>(`/api/v1/interviews/${id}`),
  create: (siteId: number, input: InterviewInput) => api.post<{ interview: Interview }>(`/api/v1/sites/${siteId}/interviews`, input),
  update: (id: number, input: Partial<InterviewInput>) => api.patch<{ interview: Interview }>(`/api/v1/interviews/${id}`, input),
  status: (id: number, action: 'start' | 'end' | 'archive') => api.post<{ interview: Interview }>(`/api/v1/interviews/${id}/status`, { action }),
  questions: (id: number) => api.get<{ items: Question[] }>(`/api/v1/interviews/${id}/questions`),
  decide: (questionId: number, decision: 'approve' | 'reject') => api.post<{ question: Question }>(`/api/v1/interview-questions/${questionId}/decision`, { decision }),
  post: (id: number, input: EntryInput) => api.post<{ seq: number }>(`/api/v1/interviews/${id}/entries`, input),
  upload: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<{ image: { id: number; fileName: string } }>(`/api/v1/interviews/${id}/images`, form);
  },
};

/** How often the console re-reads the interview and its transcript, and the question queue while its notices are down. */
export const CONSOLE_REFRESH_MS = 3_000;
