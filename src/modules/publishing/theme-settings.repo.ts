import type { Db } from '../../db/index.js';

export const PALETTES = ['red', 'blue', 'green'] as const;
export type Palette = (typeof PALETTES)[number];

export interface HomeBlock {
  readonly columnId: number;
  /** Shown instead of the column's name when set. */
  readonly title?: string;
  readonly count: number;
}

export interface ThemeSettings {
  readonly palette: Palette;
  /** Empty: the site's visible top-level columns. */
  readonly navColumns: readonly number[];
  /** Empty: the first visible top-level columns that hold documents. */
  readonly homeBlocks: readonly HomeBlock[];
  readonly mourning: boolean;
  readonly updatedAt: number | null;
}

export const DEFAULT_THEME_SETTINGS: ThemeSettings = { palette: 'red', navColumns: [], homeBlocks: [], mourning: false, updatedAt: null };

function parseJsonArray<T>(text: string): T[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

export async function getThemeSettings(db: Db, siteId: number): Promise<ThemeSettings> {
  const r = await db.selectFrom('theme_settings').selectAll().where('site_id', '=', siteId).executeTakeFirst();
  if (!r) return DEFAULT_THEME_SETTINGS;
  return {
    palette: (PALETTES as readonly string[]).includes(r.palette) ? (r.palette as Palette) : 'red',
    navColumns: parseJsonArray<number>(r.nav_columns).filter((n) => Number.isInteger(n)),
    homeBlocks: parseJsonArray<HomeBlock>(r.home_blocks).filter((b) => Number.isInteger(b.columnId)),
    mourning: Number(r.mourning) === 1,
    updatedAt: Number(r.updated_at),
  };
}

/** Saves the settings and the derived list of columns the home page embeds, in the caller's transaction. */
export async function saveThemeSettings(trx: Db, siteId: number, s: Omit<ThemeSettings, 'updatedAt'>, by: number | null, now: number): Promise<void> {
  const values = {
    palette: s.palette, nav_columns: JSON.stringify(s.navColumns), home_blocks: JSON.stringify(s.homeBlocks),
    mourning: s.mourning ? 1 : 0, updated_by: by, updated_at: now,
  };
  await trx.insertInto('theme_settings').values({ site_id: siteId, ...values })
    .onConflict((oc) => oc.column('site_id').doUpdateSet(values)).execute();
  await trx.deleteFrom('home_embeds').where('site_id', '=', siteId).execute();
  const columns = [...new Set(s.homeBlocks.map((b) => b.columnId))];
  if (columns.length > 0) await trx.insertInto('home_embeds').values(columns.map((c) => ({ site_id: siteId, column_id: c }))).execute();
}

/** Sites whose home page embeds this column (besides the column's own site, whose home always refreshes). */
export async function sitesEmbedding(db: Db, columnIds: readonly number[]): Promise<number[]> {
  if (columnIds.length === 0) return [];
  const rows = await db.selectFrom('home_embeds').select('site_id').distinct().where('column_id', 'in', [...columnIds]).execute();
  return rows.map((r) => Number(r.site_id)).sort((a, b) => a - b);
}
