import type { Generated } from 'kysely';

/**
 * What has been published where, kept by the publishing module so list pages, feeds and
 * sitemaps render from a small table instead of the editorial ones.
 */
export interface PublishedItemsTable {
  site_id: number;
  column_id: number;
  document_id: number;
  /** Position in the column, from 1, by first appearance: fixes which archive page an item is on. */
  seq: number;
  title: string;
  /** Site-relative page path. */
  path: string;
  kind: string;
  published_at: number;
  /** 'own' in its column; 'reference' when placed from another site. */
  via: string;
}

/** Last position handed out per column (positions are never reused, so archive pages stay put). */
export interface ColumnSequencesTable {
  column_id: number;
  last_seq: number;
}

/** Per-site theme settings edited in the console (palette, navigation, home blocks, mourning). */
export interface ThemeSettingsTable {
  site_id: number;
  palette: string;
  /** JSON array of column ids for the main navigation. */
  nav_columns: string;
  /** JSON array of { columnId, title?, count } — may name columns of other sites (a portal embedding a department's column). */
  home_blocks: string;
  mourning: number;
  updated_by: number | null;
  updated_at: number;
}

/** Which site homes embed which columns (derived from home_blocks), so a publish finds the homes to refresh. */
export interface HomeEmbedsTable {
  site_id: number;
  column_id: number;
}

/** The public folder each column was last rendered at: a moved column leaves 301s, a deleted one 410s. */
export interface PublishedColumnsTable {
  site_id: number;
  column_id: number;
  href: string;
}

/** A template developer's version of one template of the default theme (platform-wide). */
export interface ThemeOverridesTable {
  name: string;
  source: string;
  updated_by: number | null;
  updated_at: number;
}

export interface ThemeRevisionsTable {
  id: Generated<number>;
  name: string;
  /** null: reverted to the shipped template. */
  source: string | null;
  note: string;
  saved_by: number | null;
  saved_at: number;
}

export interface PublishingTables {
  theme_overrides: ThemeOverridesTable;
  theme_revisions: ThemeRevisionsTable;
  published_columns: PublishedColumnsTable;
  published_items: PublishedItemsTable;
  column_sequences: ColumnSequencesTable;
  theme_settings: ThemeSettingsTable;
  home_embeds: HomeEmbedsTable;
}
