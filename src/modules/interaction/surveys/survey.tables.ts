import type { Generated } from 'kysely';

/**
 * draft: being built, not on the site; open: on the site, answered between its open and close
 * times; closed: ended by the owner (or its close time passed, which reads the same).
 */
export type SurveyStatus = 'draft' | 'open' | 'closed';
export type QuestionKind = 'single' | 'multiple' | 'text' | 'rating' | 'matrix';

export interface SurveysTable {
  id: Generated<number>;
  site_id: number;
  title: string;
  description: string;
  status: SurveyStatus;
  opens_at: number | null;
  closes_at: number | null;
  results_public: number;
  response_count: Generated<number>;
  /** Bumped by every change: the console's edit says which version it edited. */
  version: Generated<number>;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface SurveyQuestionsTable {
  id: Generated<number>;
  survey_id: number;
  position: number;
  kind: QuestionKind;
  title: string;
  required: number;
  /** JSON of QuestionConfig (options, limits, rows, columns). */
  config: string;
}

export interface SurveyResponsesTable {
  id: Generated<number>;
  survey_id: number;
  /** HMAC-SM3 of the device token (hex); the token itself is only in the visitor's cookie. */
  device_hash: string;
  submitted_at: number;
}

export interface SurveyAnswersTable {
  id: Generated<number>;
  response_id: number;
  survey_id: number;
  question_id: number;
  /** JSON: option index, indexes, text, score, or one column index (or null) per matrix row. */
  value: string;
}

export interface SurveyTables {
  surveys: SurveysTable;
  survey_questions: SurveyQuestionsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
}
