import type { Generated } from 'kysely';

/** Column kinds; each has an update-frequency rule (NORMS: inspection indicators). */
export type ColumnKind = 'news' | 'notice' | 'policy' | 'disclosure' | 'interpretation' | 'topic' | 'page' | 'link';

export interface ColumnsTable {
  id: Generated<number>;
  site_id: number;
  parent_id: number | null;
  /** Materialised path of ids within the site, e.g. `/12/40/`. */
  path: string;
  name: string;
  /** URL segment, unique among siblings. */
  slug: string;
  kind: ColumnKind;
  description: string;
  keywords: string;
  /** Days within which the column must be updated; null = no rule. */
  update_days: number | null;
  sort_order: number;
  visible: number;
  /** JSON array of review steps [{ name: '初审', role: 'reviewer' }]; secrecy review is always appended. */
  workflow: string;
  link_url: string | null;
  comments_enabled: number;
  status: 'active' | 'deleted';
  /** After a merge, the column documents moved to (its URLs redirect there). */
  merged_into_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface ColumnsTables {
  columns: ColumnsTable;
}
