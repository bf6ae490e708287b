import type { Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { ContentErrors } from '../errors.js';
import { getColumn } from '../../columns/index.js';
import { listSites } from '../../sites/index.js';
import { requireDocument } from '../document-scope.js';
import { encodeCursor } from '../operations/list-documents.js';
import { documentReadScope } from '../read-scope.js';
import { userNames } from '../user-names.js';
import { copyOriginOf, listPlacementsOfOrigin, toPlacementView, type PlacementStatus, type PlacementView } from './placements.repo.js';

export interface PlacementListItem extends PlacementView {
  /** Title of the source document's published edition (what the receiving site would show). */
  readonly originTitle: string;
  readonly originSiteId: number;
  readonly originSiteName: string;
  readonly siteName: string;
  readonly columnName: string;
  readonly createdByName: string;
  readonly decidedByName: string | null;
}

/** Site names, column names and user names for a page of placements (a page is ≤ 100 rows). */
async function describe(db: Db, rows: readonly PlacementView[]): Promise<PlacementListItem[]> {
  if (rows.length === 0) return [];
  const sites = new Map((await listSites(db)).map((s) => [s.id, s.name]));
  const origins = await db.selectFrom('documents as d').leftJoin('document_editions as e', 'e.id', 'd.published_edition_id')
    .select(['d.id', 'd.site_id', 'e.title']).where('d.id', 'in', [...new Set(rows.map((r) => r.originDocumentId))]).execute();
  const originById = new Map(origins.map((o) => [Number(o.id), o]));
  const users = await userNames(db, rows.flatMap((r) => (r.decidedBy === null ? [r.createdBy] : [r.createdBy, r.decidedBy])));
  const columnNames = new Map<number, string>();
  for (const id of new Set(rows.map((r) => r.columnId))) columnNames.set(id, (await getColumn(db, id))?.name ?? `#${id}`);
  return rows.map((r) => {
    const origin = originById.get(r.originDocumentId);
    const originSiteId = origin ? Number(origin.site_id) : 0;
    return {
      ...r, originTitle: origin?.title ?? '（来源稿件已不公开）', originSiteId, originSiteName: sites.get(originSiteId) ?? '',
      siteName: sites.get(r.siteId) ?? '', columnName: columnNames.get(r.columnId) ?? '',
      createdByName: users.get(r.createdBy) ?? '', decidedByName: r.decidedBy === null ? null : users.get(r.decidedBy) ?? '',
    };
  });
}

export interface ListPlacementsInput {
  readonly siteId?: number | undefined;
  readonly status?: PlacementStatus | undefined;
  readonly mode?: PlacementView['mode'] | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

function decodeIdCursor(cursor: string | undefined): number | null {
  if (!cursor) return null;
  const m = /^\d{1,16}\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m) throw new AppError(ContentErrors['content.list.bad_cursor']);
  return Number(m[1]);
}

/**
 * Placements into the columns the actor may read (the receiving side's queue: "what other
 * sites offered us"), newest first, keyset-paginated on id.
 */
export async function listPlacements({ db, actor, input }: { db: Db; actor: Actor; input: ListPlacementsInput }): Promise<{ items: PlacementListItem[]; nextCursor: string | null }> {
  const limit = input.limit ?? 20;
  const scope = await documentReadScope(db, actor);
  if (scope !== 'all' && scope.siteIds.length === 0 && scope.columnIds.length === 0) return { items: [], nextCursor: null };
  let q = db.selectFrom('placements').selectAll();
  if (scope !== 'all') {
    q = q.where((eb) => eb.or([
      ...(scope.siteIds.length > 0 ? [eb('site_id', 'in', [...scope.siteIds])] : []),
      ...(scope.columnIds.length > 0 ? [eb('column_id', 'in', [...scope.columnIds])] : []),
    ]));
  }
  if (input.siteId !== undefined) q = q.where('site_id', '=', input.siteId);
  if (input.status !== undefined) q = q.where('status', '=', input.status);
  if (input.mode !== undefined) q = q.where('mode', '=', input.mode);
  const after = decodeIdCursor(input.cursor);
  if (after !== null) q = q.where('id', '<', after);
  const rows = (await q.orderBy('id', 'desc').limit(limit + 1).execute()).map(toPlacementView);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: await describe(db, page), nextCursor: rows.length > limit && last ? encodeCursor(0, last.id) : null };
}

/**
 * Where a document went and where it came from: the placements of it in other columns, and,
 * for a copy, the placement that created it (so the editor always sees the origin).
 */
export async function documentPlacements({ db, actor, documentId }: { db: Db; actor: Actor; documentId: number }): Promise<{ origin: PlacementListItem | null; placements: PlacementListItem[] }> {
  await requireDocument(db, actor, documentId, 'documents.read');
  const origin = await copyOriginOf(db, documentId);
  return {
    origin: origin ? (await describe(db, [origin]))[0] ?? null : null,
    placements: await describe(db, await listPlacementsOfOrigin(db, documentId)),
  };
}
