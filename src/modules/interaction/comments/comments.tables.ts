import type { Generated } from 'kysely';

/** pending → approved | rejected; a report sends an approved comment back to pending. */
export type CommentStatus = 'pending' | 'approved' | 'rejected';
/** 采纳, 部分采纳, 未采纳; '' while the owner has not decided. */
export type Adoption = 'adopted' | 'partly' | 'not_adopted' | '';

/** A reader's comment on a document, or an opinion on a consultation (one moderation queue). */
export interface CommentsTable {
  id: Generated<number>;
  site_id: number;
  document_id: number | null;
  consultation_id: number | null;
  clause_no: number | null;
  body: string;
  nickname: Generated<string>;
  contact_enc: string | null;
  status: CommentStatus;
  findings: Generated<string>;
  report_count: Generated<number>;
  report_reason: Generated<string>;
  submitted_at: number;
  moderated_at: number | null;
  moderated_by: number | null;
  moderation_note: Generated<string>;
}

export interface ConsultationsTable {
  id: Generated<number>;
  site_id: number;
  document_id: number | null;
  title: string;
  intro: string;
  opens_at: number;
  closes_at: number;
  short_reason: Generated<string>;
  summary_text: Generated<string>;
  summary_published_at: number | null;
  created_by: number;
  created_at: number;
  updated_at: number;
}

export interface ConsultationClausesTable {
  id: Generated<number>;
  consultation_id: number;
  clause_no: number;
  heading: string;
  text: string;
  adoption: Generated<Adoption>;
  feedback: Generated<string>;
}

export interface CommentTables {
  comments: CommentsTable;
  consultations: ConsultationsTable;
  consultation_clauses: ConsultationClausesTable;
}
