import type { Db } from '../../db/index.js';
import { getSite } from '../sites/index.js';
import type { ColumnKind, ColumnsTable } from './columns.tables.js';

/** Roles a custom review step may require (the secrecy step is appended by the workflow engine). */
export type WorkflowRole = 'reviewer' | 'site_admin';

/** One custom review step of a column's chain, e.g. { name: '初审', role: 'reviewer' }. */
export interface WorkflowStep {
  readonly name: string;
  readonly role: WorkflowRole;
}

/** A column as other modules and the API see it. `orgPath` is the site's owner org path (for scope checks). */
export interface ColumnView {
  readonly id: number;
  readonly siteId: number;
  readonly parentId: number | null;
  /** Materialised path of ids within the site, `/12/40/` (ends with the column's own id). */
  readonly path: string;
  readonly name: string;
  readonly slug: string;
  readonly kind: ColumnKind;
  readonly description: string;
  readonly keywords: string;
  /** Custom review steps only; the secrecy review is always appended after them. */
  readonly workflow: readonly WorkflowStep[];
  /** Days within which the column must be updated; null = no rule. */
  readonly updateDays: number | null;
  readonly sortOrder: number;
  readonly visible: boolean;
  readonly linkUrl: string | null;
  readonly commentsEnabled: boolean;
  readonly status: 'active' | 'deleted';
  /** After a merge: the column this one was merged into (its URLs redirect there). */
  readonly mergedIntoId: number | null;
  readonly orgPath: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type ColumnRow = { [K in keyof ColumnsTable]: K extends 'id' ? number : ColumnsTable[K] };

export const COLUMN_FIELDS = [
  'id', 'site_id', 'parent_id', 'path', 'name', 'slug', 'kind', 'description', 'keywords', 'update_days', 'sort_order',
  'visible', 'workflow', 'link_url', 'comments_enabled', 'status', 'merged_into_id', 'created_at', 'updated_at',
] as const;

export function parseWorkflow(text: string): WorkflowStep[] {
  try {
    const v: unknown = JSON.parse(text);
    if (!Array.isArray(v)) return [];
    return v.flatMap((s: unknown) => {
      if (typeof s !== 'object' || s === null) return [];
      const { name, role } = s as { name?: unknown; role?: unknown };
      return typeof name === 'string' && (role === 'reviewer' || role === 'site_admin') ? [{ name, role }] : [];
    });
  } catch {
    return [];
  }
}

const nullableNumber = (v: number | null): number | null => (v === null ? null : Number(v));

export function toColumnView(r: ColumnRow, orgPath: string): ColumnView {
  return {
    id: Number(r.id), siteId: Number(r.site_id), parentId: nullableNumber(r.parent_id), path: r.path, name: r.name, slug: r.slug,
    kind: r.kind, description: r.description, keywords: r.keywords, workflow: parseWorkflow(r.workflow),
    updateDays: nullableNumber(r.update_days), sortOrder: Number(r.sort_order), visible: Number(r.visible) === 1,
    linkUrl: r.link_url, commentsEnabled: Number(r.comments_enabled) === 1, status: r.status,
    mergedIntoId: nullableNumber(r.merged_into_id), orgPath, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
  };
}

export async function getColumnRow(db: Db, id: number): Promise<ColumnRow | undefined> {
  return db.selectFrom('columns').select(COLUMN_FIELDS).where('id', '=', id).executeTakeFirst();
}

/** A column (active or deleted: a merged column still answers, for redirects); undefined when unknown. */
export async function getColumn(db: Db, id: number): Promise<ColumnView | undefined> {
  const r = await getColumnRow(db, id);
  if (!r) return undefined;
  const site = await getSite(db, Number(r.site_id));
  return toColumnView(r, site?.orgPath ?? '');
}

/** A column read back inside a write, when the site's org path is already known (saves the site lookup). */
export async function getColumnWithPath(db: Db, id: number, orgPath: string): Promise<ColumnView | undefined> {
  const r = await getColumnRow(db, id);
  return r ? toColumnView(r, orgPath) : undefined;
}

/** Every column of a site (active only unless asked), ordered for building the tree. */
export async function listSiteColumns(db: Db, siteId: number, opts: { includeDeleted?: boolean } = {}): Promise<ColumnView[]> {
  const site = await getSite(db, siteId);
  if (!site) return [];
  let q = db.selectFrom('columns').select(COLUMN_FIELDS).where('site_id', '=', siteId);
  if (!opts.includeDeleted) q = q.where('status', '=', 'active');
  const rows = await q.orderBy('sort_order').orderBy('id').execute();
  return rows.map((r) => toColumnView(r, site.orgPath));
}

/** An active sibling (same site and parent) using this slug, other than `exceptId`. */
export async function findSiblingBySlug(db: Db, q: { siteId: number; parentId: number | null; slug: string; exceptId?: number }): Promise<ColumnRow | undefined> {
  let query = db.selectFrom('columns').select(COLUMN_FIELDS)
    .where('site_id', '=', q.siteId).where('slug', '=', q.slug).where('status', '=', 'active');
  query = q.parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', q.parentId);
  if (q.exceptId !== undefined) query = query.where('id', '!=', q.exceptId);
  return query.executeTakeFirst();
}

/** The column and everything below it (deleted leaves too, so their paths stay consistent). */
export async function listSubtree(db: Db, siteId: number, path: string): Promise<ColumnRow[]> {
  return db.selectFrom('columns').select(COLUMN_FIELDS)
    .where('site_id', '=', siteId).where('path', 'like', `${path}%`).orderBy('path').execute();
}

/** Active children in display order. */
export async function listChildren(db: Db, siteId: number, parentId: number | null): Promise<ColumnRow[]> {
  let q = db.selectFrom('columns').select(COLUMN_FIELDS).where('site_id', '=', siteId).where('status', '=', 'active');
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  return q.orderBy('sort_order').orderBy('id').execute();
}

/** Levels below and including a column in its subtree: a leaf is 1. */
export function subtreeHeight(rows: readonly ColumnRow[], rootPath: string): number {
  const rootDepth = pathDepth(rootPath);
  return rows.reduce((h, r) => Math.max(h, pathDepth(r.path) - rootDepth + 1), 1);
}

export function pathDepth(path: string): number {
  return path.split('/').filter(Boolean).length;
}

/** Rewrites the path prefix of every row of a subtree (ids are digits, so `like` has no wildcards to escape). */
export async function rewriteSubtreePaths(db: Db, rows: readonly ColumnRow[], oldPrefix: string, newPrefix: string, now: number): Promise<void> {
  for (const r of rows) {
    if (!r.path.startsWith(oldPrefix)) continue;
    await db.updateTable('columns').set({ path: newPrefix + r.path.slice(oldPrefix.length), updated_at: now }).where('id', '=', r.id).execute();
  }
}

/**
 * Places `columnId` at `position` among the active children of `parentId` and renumbers them
 * 0..n-1, so a drag-and-drop index is all a client has to send.
 */
export async function placeAmongSiblings(db: Db, q: { siteId: number; parentId: number | null; columnId: number; position: number | undefined }): Promise<void> {
  const siblings = (await listChildren(db, q.siteId, q.parentId)).filter((r) => Number(r.id) !== q.columnId).map((r) => ({ id: Number(r.id), sort: Number(r.sort_order) }));
  const at = Math.max(0, Math.min(q.position ?? siblings.length, siblings.length));
  const ordered = [...siblings.slice(0, at).map((s) => s.id), q.columnId, ...siblings.slice(at).map((s) => s.id)];
  const current = new Map(siblings.map((s) => [s.id, s.sort]));
  for (const [i, id] of ordered.entries()) {
    if (current.get(id) === i) continue;
    await db.updateTable('columns').set({ sort_order: i }).where('id', '=', id).execute();
  }
}
