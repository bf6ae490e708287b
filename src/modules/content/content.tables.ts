import type { Generated } from 'kysely';

export type DocumentKind = 'article' | 'notice' | 'policy' | 'interpretation' | 'personnel' | 'response' | 'rumour_rebuttal' | 'page';
export type DocumentStatus = 'draft' | 'in_review' | 'approved' | 'scheduled' | 'published' | 'withdrawn';
export type EditionStatus = 'draft' | 'in_review' | 'approved' | 'scheduled' | 'published' | 'superseded' | 'withdrawn' | 'rejected';

export interface DocumentsTable {
  id: Generated<number>;
  site_id: number;
  column_id: number;
  /** Issuing organization: index numbers are allocated per organization and year. */
  org_id: number;
  kind: DocumentKind;
  /** 索引号 `{org code}/{year}-{5 digits}`; allocated in the transaction that creates the document. */
  index_number: string | null;
  status: DocumentStatus;
  current_edition_id: number | null;
  published_edition_id: number | null;
  /** A major policy needs an approved interpretation before it can publish. */
  is_major: number;
  /** For an interpretation: the policy document it interprets. */
  interprets_id: number | null;
  created_by: number;
  created_at: number;
  updated_at: number;
  /** Set by the system when the document first goes public; never by a user. */
  first_published_at: number | null;
  last_published_at: number | null;
  withdrawn_at: number | null;
  withdraw_reason: string | null;
  withdraw_public: number;
  /** Where visitors of the withdrawn page are sent (301) instead of the withdrawal notice. */
  withdraw_redirect: string | null;
}

export interface DocumentEditionsTable {
  id: Generated<number>;
  document_id: number;
  number: number;
  status: EditionStatus;
  /** Optimistic lock: a save must name the version it edited, or it gets 409. */
  lock_version: number;
  title: string;
  subtitle: string;
  /** Sanitized HTML. */
  body_html: string;
  summary: string;
  keywords: string;
  /** 文号, e.g. 苏政办发〔2017〕96号. */
  document_number: string | null;
  /** 主题分类 `一级\二级`. */
  topic_category: string | null;
  /** `version` of src/data/topic-categories.json the category was checked against (the tree is versioned data). */
  topic_category_version: string | null;
  genre: string | null;
  validity: 'valid' | 'expired' | 'repealed';
  validity_date: string | null;
  issuing_org_name: string;
  /** 成文日期 YYYY-MM-DD. */
  date_written: string | null;
  source: string;
  author_id: number;
  last_editor_id: number;
  /** Index into the column's review chain while in review. */
  review_step: number;
  /** JSON: results of the machine checks of this edition. */
  checks: string;
  correction_note: string | null;
  scheduled_publish_at: number | null;
  scheduled_unpublish_at: number | null;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  approved_at: number | null;
  published_at: number | null;
}

export interface AttachmentsTable {
  id: Generated<number>;
  document_id: number;
  edition_id: number;
  original_name: string;
  /**
   * Server-generated path inside the attachment store, `yyyy/mm/<random>.<ext>` (never the user's name).
   * Not unique: a new edition copies its predecessor's attachment rows and shares their files.
   */
  stored_name: string;
  mime: string;
  ext: string;
  size: number;
  sm3: string;
  /** Text extracted from Word/PDF for personal-data checks. */
  extracted_text: string | null;
  created_by: number;
  created_at: number;
}

export interface IndexNumberCountersTable {
  org_id: number;
  year: number;
  last_value: number;
}

/** Placement of a document in a column of another site: by reference (one source) or as a copy. */
export interface PlacementsTable {
  id: Generated<number>;
  document_id: number;
  site_id: number;
  column_id: number;
  mode: 'reference' | 'copy';
  /** For a copy: the document copied from. For a reference: equals document_id. */
  origin_document_id: number;
  /** A reference waits for the receiving site (pending); a copy is accepted at once and reviewed as its own draft. */
  status: 'pending' | 'accepted' | 'declined' | 'removed';
  created_by: number;
  created_at: number;
  decided_by: number | null;
  decided_at: number | null;
  /** Why it was declined or removed. */
  note: string | null;
}

export interface ContentTables {
  documents: DocumentsTable;
  document_editions: DocumentEditionsTable;
  attachments: AttachmentsTable;
  index_number_counters: IndexNumberCountersTable;
  placements: PlacementsTable;
}
