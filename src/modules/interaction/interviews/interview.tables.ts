import type { Generated } from 'kysely';

/** 预告 (questions collected), 直播中, 已结束, 已归档 (archive page only). */
export type InterviewStatus = 'scheduled' | 'live' | 'ended' | 'archived';
/** A question from the public: nothing is shown before a moderator approves it. */
export type QuestionStatus = 'pending' | 'approved' | 'rejected' | 'answered';
/** 主持人 remark, 嘉宾 answer (to one question), or a notice the platform writes (start, end). */
export type EntryKind = 'remark' | 'answer' | 'notice';

export interface InterviewsTable {
  id: Generated<number>;
  site_id: number;
  title: string;
  topic: string;
  description: string;
  /** JSON array of {name, title, org}: the guests as the page introduces them. */
  guests: string;
  scheduled_start: number;
  scheduled_end: number;
  status: InterviewStatus;
  /** The last transcript sequence number; bumped under the row lock, so sequence order is commit order. */
  last_seq: number;
  started_at: number | null;
  ended_at: number | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface InterviewImagesTable {
  id: Generated<number>;
  interview_id: number;
  file_name: string;
  mime: string;
  size: number;
  /** Base64 of the bytes: public pictures, small (see MAX_IMAGE_BYTES), shared by every process through the database. */
  content: string;
  created_at: number;
}

export interface InterviewQuestionsTable {
  id: Generated<number>;
  interview_id: number;
  nickname: string;
  body: string;
  status: QuestionStatus;
  /** Submitted while the interview was live (otherwise in advance). */
  during_live: number;
  submitted_at: number;
  decided_at: number | null;
  decided_by: number | null;
}

export interface InterviewEntriesTable {
  id: Generated<number>;
  interview_id: number;
  /** 1, 2, 3… per interview: the SSE event id a reconnecting client resumes from. */
  seq: number;
  kind: EntryKind;
  /** Who speaks, as shown: 主持人, a guest's name. */
  speaker: string;
  body: string;
  question_id: number | null;
  image_id: number | null;
  created_by: number | null;
  created_at: number;
}

export interface InterviewTables {
  interviews: InterviewsTable;
  interview_images: InterviewImagesTable;
  interview_questions: InterviewQuestionsTable;
  interview_entries: InterviewEntriesTable;
}
