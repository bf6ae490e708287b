import { buildUrl, api } from '../../app/api-client';

export type QuestionKind = 'single' | 'multiple' | 'text' | 'rating' | 'matrix';
export const QUESTION_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'text', 'rating', 'matrix'];
export type SurveyStatus = 'draft' | 'open' | 'closed';
export type SurveyPhase = 'draft' | 'upcoming' | 'open' | 'ended';

/** A question as the builder sends it: only the fields its kind uses. */
export interface QuestionInput {
  kind: QuestionKind;
  title: string;
  required: boolean;
  options?: string[];
  minChoices?: number;
  maxChoices?: number;
  maxLength?: number;
  scale?: 5 | 10;
  rows?: string[];
  columns?: string[];
}

export interface SurveyInput {
  title: string;
  description: string;
  opensAt: number | null;
  closesAt: number | null;
  questions: QuestionInput[];
}

export interface Question {
  readonly id: number;
  readonly position: number;
  readonly kind: QuestionKind;
  readonly title: string;
  readonly required: boolean;
  readonly options: string[];
  readonly minChoices: number;
  readonly maxChoices: number;
  readonly maxLength: number;
  readonly scale: number;
  readonly rows: string[];
  readonly columns: string[];
}

export interface Survey {
  readonly id: number;
  readonly siteId: number;
  readonly title: string;
  readonly description: string;
  readonly status: SurveyStatus;
  readonly phase: SurveyPhase;
  readonly opensAt: number | null;
  readonly closesAt: number | null;
  readonly resultsPublic: boolean;
  readonly responseCount: number;
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface SurveyWithQuestions extends Survey {
  readonly questions: Question[];
}

export interface QuestionResult {
  readonly questionId: number;
  readonly kind: QuestionKind;
  readonly title: string;
  readonly answered: number;
  readonly counts: { label: string; count: number }[];
  readonly average: number | null;
  readonly matrix: { row: string; counts: number[] }[];
  readonly columns: string[];
}

export const surveysKeys = {
  all: ['surveys'] as const,
  list: (siteId: number) => ['surveys', 'list', siteId] as const,
  one: (id: number) => ['surveys', 'one', id] as const,
  results: (id: number) => ['surveys', 'results', id] as const,
  texts: (id: number, questionId: number, page: number) => ['surveys', 'texts', id, questionId, page] as const,
};

export const surveysApi = {
  list: (siteId: number) => api.get<{ items: Survey[] }>(`/api/v1/sites/${siteId}/surveys`),
  get: (id: number) => api.get<{ survey: SurveyWithQuestions }>(`/api/v1/surveys/${id}`),
  create: (siteId: number, input: SurveyInput) => api.post<{ survey: SurveyWithQuestions }>(`/api/v1/sites/${siteId}/surveys`, input),
  update: (id: number, input: SurveyInput & { version: number }) => api.put<{ survey: SurveyWithQuestions }>(`/api/v1/surveys/${id}`, input),
  setState: (id: number, input: { status?: SurveyStatus; resultsPublic?: boolean }) => api.post<{ survey: SurveyWithQuestions }>(`/api/v1/surveys/${id}/state`, input),
  results: (id: number) => api.get<{ survey: SurveyWithQuestions; responses: number; questions: QuestionResult[] }>(`/api/v1/surveys/${id}/results`),
  texts: (id: number, questionId: number, page: number, pageSize: number) =>
    api.get<{ total: number; items: { text: string; submittedAt: number }[] }>(`/api/v1/surveys/${id}/questions/${questionId}/answers`, { page, pageSize }),
  csvUrl: (id: number) => buildUrl(`/api/v1/surveys/${id}/responses.csv`),
};
