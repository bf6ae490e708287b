import { inTransaction, type Db } from '../../../db/index.js';
import { notifyColumnChange } from '../column-change-hook.js';
import { AppError, fieldError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import {
  findSiblingBySlug, getColumnWithPath, getColumnRow, listSubtree, pathDepth, placeAmongSiblings, rewriteSubtreePaths, subtreeHeight, type ColumnView,
} from '../columns.repo.js';
import { MAX_COLUMN_DEPTH } from '../column-kinds.js';
import { checkTopLevelSlug, slugTaken } from '../column-rules.js';
import { requireActiveColumn, requireColumnForManage } from '../column-scope.js';
import type { ColumnsDeps } from '../columns-deps.js';
import { ColumnErrors } from '../errors.js';
import { depthError, parentNotFound } from './create-column.js';

export interface MoveColumnInput {
  /** New parent in the same site; null = top level. */
  readonly parentId: number | null;
  /** Position among the new siblings (0 = first); omitted: last. */
  readonly sortOrder?: number | undefined;
}

/**
 * Moves a column (with its whole subtree) to another parent of the same site, or reorders it
 * among its siblings. Paths of the subtree are rewritten in the same transaction.
 */
export async function moveColumn({ db, actor, columnId, input, deps }: { db: Db; actor: Actor; columnId: number; input: MoveColumnInput; deps: ColumnsDeps }): Promise<ColumnView> {
  const { site } = await requireColumnForManage(db, actor, columnId);
  return inTransaction(db, async (trx) => {
    await deps.ops.lockForUpdate(trx, `columns.site.${site.id}`);
    await notifyColumnChange(trx, site.id);
    // Re-read under the lock: a concurrent move may have changed the path.
    const column = await requireActiveColumn(trx, columnId);
    const oldParentId = column.parent_id === null ? null : Number(column.parent_id);
    let parentPath = '/';
    if (input.parentId !== null) {
      const parent = await getColumnRow(trx, input.parentId);
      if (!parent || parent.status !== 'active' || Number(parent.site_id) !== site.id) {
        throw new AppError(ColumnErrors['columns.parent_not_found'], {}, [parentNotFound()]);
      }
      if (parent.path.startsWith(column.path)) {
        throw new AppError(ColumnErrors['columns.move_into_subtree'], {}, [fieldError('parentId', ColumnErrors['columns.move_into_subtree'], '不能移到自身或下级栏目之下', 'A column cannot move under itself or one of its descendants')]);
      }
      parentPath = parent.path;
    }
    const subtree = await listSubtree(trx, site.id, column.path);
    const depth = pathDepth(parentPath) + subtreeHeight(subtree, column.path);
    if (depth > MAX_COLUMN_DEPTH) throw depthError(depth);
    const parentChanged = oldParentId !== input.parentId;
    if (parentChanged) checkTopLevelSlug(column.slug, input.parentId);
    if (parentChanged && await findSiblingBySlug(trx, { siteId: site.id, parentId: input.parentId, slug: column.slug, exceptId: Number(column.id) })) {
      throw slugTaken(column.slug);
    }
    const now = deps.clock.now();
    const newPath = `${parentPath}${Number(column.id)}/`;
    if (parentChanged) {
      await trx.updateTable('columns').set({ parent_id: input.parentId, updated_at: now }).where('id', '=', Number(column.id)).execute();
      await rewriteSubtreePaths(trx, subtree, column.path, newPath, now);
    }
    await placeAmongSiblings(trx, { siteId: site.id, parentId: input.parentId, columnId: Number(column.id), position: input.sortOrder });
    await deps.audit.append(trx, actor, {
      action: 'columns.move', result: 'success', targetType: 'column', targetId: Number(column.id),
      detail: { siteId: site.id, fromParentId: oldParentId, toParentId: input.parentId, sortOrder: input.sortOrder ?? null, fromPath: column.path, toPath: newPath, subtreeSize: subtree.length },
    });
    const view = await getColumnWithPath(trx, Number(column.id), site.orgPath);
    if (!view) throw new AppError(ColumnErrors['columns.not_found']);
    return view;
  });
}
