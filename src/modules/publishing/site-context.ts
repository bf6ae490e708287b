import type { Db } from '../../db/index.js';
import { getSite, listSites, type SiteView } from '../sites/index.js';
import { COLUMN_KINDS, listSiteColumns, type ColumnView } from '../columns/index.js';
import { getThemeSettings, type HomeBlock, type ThemeSettings } from './theme-settings.repo.js';

/** The site as every template sees it (footer elements per NORMS.md: Sites). */
export interface SiteModel {
  readonly code: string;
  readonly name: string;
  readonly domain: string;
  readonly hostUnit: string;
  readonly contact: { readonly phone: string; readonly email: string; readonly address: string };
  readonly icp: string | null;
  readonly police: string | null;
  /** The 14 digits of the public-security filing number, for the beian.gov.cn record link. */
  readonly policeDigits: string;
  readonly logo: string | null;
  readonly palette: string;
  readonly mourning: boolean;
}

export interface ColumnModel {
  readonly id: number;
  readonly name: string;
  readonly href: string;
  readonly description: string;
  readonly keywords: string;
  readonly typeName: string;
  readonly kind: string;
  /** The column takes readers' comments (the article page shows the comment form; interaction moderates). */
  readonly commentsEnabled: boolean;
}

/** Everything about one site that pages render from, loaded once per publish job. */
export interface SiteContext {
  readonly site: SiteView;
  readonly model: SiteModel;
  readonly settings: ThemeSettings;
  /** Active, visible columns by id, with their public folder (`/zwgk/zcwj/`). */
  readonly columns: ReadonlyMap<number, ColumnView & { readonly href: string }>;
  readonly nav: readonly { readonly name: string; readonly href: string }[];
  readonly homeBlocks: readonly HomeBlock[];
}

const KIND_NAMES = new Map(COLUMN_KINDS.map((k) => [k.kind, k.label.zh]));

export function columnModel(c: ColumnView & { href: string }): ColumnModel {
  return { id: c.id, name: c.name, href: c.href, description: c.description, keywords: c.keywords, typeName: KIND_NAMES.get(c.kind) ?? '', kind: c.kind, commentsEnabled: c.commentsEnabled };
}

/** Folder of each column: its ancestors' slugs and its own (slugs are unique among siblings). */
export function columnHrefs(columns: readonly ColumnView[]): Map<number, string> {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const hrefs = new Map<number, string>();
  for (const c of columns) {
    const slugs = c.path.split('/').filter(Boolean).map((id) => byId.get(Number(id))?.slug);
    if (slugs.every((s): s is string => typeof s === 'string')) hrefs.set(c.id, `/${slugs.join('/')}/`);
  }
  return hrefs;
}

export async function loadSiteContext(db: Db, siteId: number): Promise<SiteContext | undefined> {
  const site = await getSite(db, siteId);
  if (!site) return undefined;
  const settings = await getThemeSettings(db, siteId);
  const all = await listSiteColumns(db, siteId);
  const hrefs = columnHrefs(all);
  const columns = new Map<number, ColumnView & { href: string }>();
  // A column is public when it and all its ancestors are visible.
  const visible = new Map(all.map((c) => [c.id, c.visible]));
  for (const c of all) {
    const href = hrefs.get(c.id);
    const shown = c.path.split('/').filter(Boolean).every((id) => visible.get(Number(id)) === true);
    if (href && shown) columns.set(c.id, { ...c, href: c.kind === 'link' && c.linkUrl ? c.linkUrl : href });
  }
  const topLevel = [...columns.values()].filter((c) => c.parentId === null);
  const navIds = settings.navColumns.length > 0 ? settings.navColumns : topLevel.map((c) => c.id);
  const nav = navIds.flatMap((id) => { const c = columns.get(id); return c ? [{ name: c.name, href: c.href }] : []; });
  const homeBlocks = settings.homeBlocks.length > 0 ? settings.homeBlocks
    : topLevel.filter((c) => c.kind !== 'link' && c.kind !== 'page').slice(0, 6).map((c) => ({ columnId: c.id, count: 8 }));
  const policeDigits = /(\d{14})/.exec(site.policeNumber ?? '')?.[1] ?? '';
  return {
    site, settings, columns, nav, homeBlocks,
    model: {
      code: site.code, name: site.name, domain: site.primaryDomain, hostUnit: site.hostUnit, contact: site.contact,
      icp: site.icpNumber, police: site.policeNumber, policeDigits, logo: site.logoUrl, palette: settings.palette, mourning: settings.mourning,
    },
  };
}

/** Every site's id (full rebuilds). */
export async function allSiteIds(db: Db): Promise<number[]> {
  return (await listSites(db)).map((s) => s.id);
}

/** A column and every public column below it: a parent's block or page shows what its sub-columns publish. */
export function subtreeOf(ctx: SiteContext, columnId: number): number[] {
  return [...ctx.columns.values()].filter((c) => c.path.includes(`/${columnId}/`)).map((c) => c.id);
}
