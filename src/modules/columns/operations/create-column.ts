import { inTransaction, type Db } from '../../../db/index.js';
import { notifyColumnChange } from '../column-change-hook.js';
import { AppError, fieldError, type FieldError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { ColumnKind } from '../columns.tables.js';
import { findSiblingBySlug, getColumnWithPath, getColumnRow, pathDepth, placeAmongSiblings, type ColumnView, type WorkflowStep } from '../columns.repo.js';
import { DEFAULT_WORKFLOW, MAX_COLUMN_DEPTH, defaultUpdateDays } from '../column-kinds.js';
import { checkDescription, checkKeywords, checkLinkUrl, checkName, checkSlug, checkTopLevelSlug, checkUpdateDays, checkWorkflow, slugTaken } from '../column-rules.js';
import { requireSiteInScope } from '../column-scope.js';
import type { ColumnsDeps } from '../columns-deps.js';
import { ColumnErrors } from '../errors.js';

export interface CreateColumnInput {
  readonly parentId?: number | null | undefined;
  readonly name: string;
  readonly slug: string;
  readonly kind: ColumnKind;
  readonly description?: string | undefined;
  readonly keywords?: string | undefined;
  /** Omitted: the kind's default rule; null: no rule. */
  readonly updateDays?: number | null | undefined;
  /** Position among the new siblings (0 = first); omitted: last. */
  readonly sortOrder?: number | undefined;
  readonly visible?: boolean | undefined;
  readonly workflow?: readonly WorkflowStep[] | undefined;
  readonly linkUrl?: string | null | undefined;
  readonly commentsEnabled?: boolean | undefined;
}

/** Adds a column to a site's tree (site admin on that site), audited. */
export async function createColumn({ db, actor, siteId, input, deps }: { db: Db; actor: Actor; siteId: number; input: CreateColumnInput; deps: ColumnsDeps }): Promise<ColumnView> {
  // Validate what needs no database.
  const name = checkName(input.name);
  const description = checkDescription(input.description);
  const keywords = checkKeywords(input.keywords);
  const slug = checkSlug(input.slug);
  const linkUrl = checkLinkUrl(input.kind, input.linkUrl);
  const workflow = checkWorkflow(input.workflow ?? DEFAULT_WORKFLOW);
  const updateDays = checkUpdateDays(input.updateDays === undefined ? defaultUpdateDays(deps.config.columnUpdateDays)[input.kind] : input.updateDays);
  // Authorize on the site before revealing anything about its tree.
  const site = await requireSiteInScope(db, actor, 'columns.manage', siteId);
  const parentId = input.parentId ?? null;
  checkTopLevelSlug(slug, parentId);
  return inTransaction(db, async (trx) => {
    // One writer per site tree: sibling slugs and sort orders stay consistent under concurrency.
    await deps.ops.lockForUpdate(trx, `columns.site.${site.id}`);
    await notifyColumnChange(trx, site.id);
    let parentPath = '/';
    if (parentId !== null) {
      const parent = await getColumnRow(trx, parentId);
      if (!parent || parent.status !== 'active' || Number(parent.site_id) !== site.id) {
        throw new AppError(ColumnErrors['columns.parent_not_found'], {}, [parentNotFound()]);
      }
      parentPath = parent.path;
    }
    const depth = pathDepth(parentPath) + 1;
    if (depth > MAX_COLUMN_DEPTH) throw depthError(depth);
    if (await findSiblingBySlug(trx, { siteId: site.id, parentId, slug })) throw slugTaken(slug);
    const now = deps.clock.now();
    const { id } = await trx.insertInto('columns').values({
      site_id: site.id, parent_id: parentId, path: '', name, slug, kind: input.kind, description,
      keywords, update_days: updateDays, sort_order: 0, visible: input.visible === false ? 0 : 1,
      workflow: JSON.stringify(workflow), link_url: linkUrl, comments_enabled: input.commentsEnabled ? 1 : 0,
      status: 'active', merged_into_id: null, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const columnId = Number(id);
    await trx.updateTable('columns').set({ path: `${parentPath}${columnId}/` }).where('id', '=', columnId).execute();
    await placeAmongSiblings(trx, { siteId: site.id, parentId, columnId, position: input.sortOrder });
    await deps.audit.append(trx, actor, {
      action: 'columns.create', result: 'success', targetType: 'column', targetId: columnId,
      detail: { siteId: site.id, parentId, name, slug, kind: input.kind, updateDays },
    });
    const view = await getColumnWithPath(trx, columnId, site.orgPath);
    if (!view) throw new AppError(ColumnErrors['columns.not_found']);
    return view;
  });
}

export function depthError(depth: number): AppError {
  return new AppError(ColumnErrors['columns.depth_exceeded'], { max: MAX_COLUMN_DEPTH, depth },
    [fieldError('parentId', ColumnErrors['columns.depth_exceeded'], `栏目层级最多 ${MAX_COLUMN_DEPTH} 级`, `Columns nest at most ${MAX_COLUMN_DEPTH} levels`)]);
}

/** The field error of a parent column that is missing, deleted or on another site. */
export function parentNotFound(): FieldError {
  return fieldError('parentId', ColumnErrors['columns.parent_not_found'], '上级栏目不存在、已删除或不属于本站点', 'The parent column does not exist, was deleted or belongs to another site');
}
