import { inTransaction, type Db } from '../../../db/index.js';
import { notifyColumnChange } from '../column-change-hook.js';
import { AppError, fieldError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { moveDocumentsToColumn } from '../../content/index.js';
import { getColumnWithPath, listChildren, listSubtree, pathDepth, rewriteSubtreePaths, subtreeHeight, type ColumnView } from '../columns.repo.js';
import { MAX_COLUMN_DEPTH } from '../column-kinds.js';
import { requireActiveColumn, requireColumnForManage } from '../column-scope.js';
import type { ColumnsDeps } from '../columns-deps.js';
import { ColumnErrors } from '../errors.js';
import { depthError } from './create-column.js';

export interface MergeColumnsResult {
  readonly into: ColumnView;
  readonly documentsMoved: number;
  readonly childrenMoved: number;
}

/**
 * Merges column A into B of the same site: A's documents move to B, A's children move under B
 * (after B's own), and A is marked deleted with merged_into_id = B so its URLs can redirect.
 * Columns merged into A earlier now point at B too. One transaction.
 */
export async function mergeColumns({ db, actor, columnId, intoId, deps }: { db: Db; actor: Actor; columnId: number; intoId: number; deps: ColumnsDeps }): Promise<MergeColumnsResult> {
  const { site } = await requireColumnForManage(db, actor, columnId);
  const invalid = (reason: string, reasonEn: string) => new AppError(ColumnErrors['columns.merge_target_invalid'], { reason, reasonEn },
    [fieldError('intoId', ColumnErrors['columns.merge_target_invalid'], `合并目标栏目不合适：${reason}`, `Unsuitable merge target: ${reasonEn}`)]);
  if (intoId === columnId) throw invalid('不能合并到自身', 'a column cannot merge into itself');
  return inTransaction(db, async (trx) => {
    await deps.ops.lockForUpdate(trx, `columns.site.${site.id}`);
    await notifyColumnChange(trx, site.id);
    const from = await requireActiveColumn(trx, columnId);
    const into = await trx.selectFrom('columns').select(['id', 'site_id', 'path', 'status', 'name']).where('id', '=', intoId).executeTakeFirst();
    if (!into || into.status !== 'active') throw invalid('目标栏目不存在或已删除', 'the target column does not exist or was deleted');
    if (Number(into.site_id) !== site.id) throw invalid('只能合并到同一站点的栏目', 'the target must be a column of the same site');
    if (into.path.startsWith(from.path)) throw invalid('不能合并到自己的下级栏目', 'a column cannot merge into one of its own descendants');
    const children = await listChildren(trx, site.id, Number(from.id));
    const intoChildren = await listChildren(trx, site.id, intoId);
    const taken = new Set(intoChildren.map((c) => c.slug));
    const clashes = children.filter((c) => taken.has(c.slug)).map((c) => c.slug);
    if (clashes.length > 0) {
      const slugs = clashes.join('、');
      const slugsEn = clashes.join(', ');
      throw new AppError(ColumnErrors['columns.merge_slug_conflict'], { slugs, slugsEn },
        [fieldError('intoId', ColumnErrors['columns.merge_slug_conflict'], `下级栏目英文标识重复：${slugs}`, `Child column slugs would clash: ${slugsEn}`)]);
    }
    const now = deps.clock.now();
    let order = intoChildren.reduce((m, c) => Math.max(m, Number(c.sort_order) + 1), 0);
    for (const child of children) {
      const subtree = await listSubtree(trx, site.id, child.path);
      const depth = pathDepth(into.path) + subtreeHeight(subtree, child.path);
      if (depth > MAX_COLUMN_DEPTH) throw depthError(depth);
      await trx.updateTable('columns').set({ parent_id: intoId, sort_order: order++, updated_at: now }).where('id', '=', Number(child.id)).execute();
      await rewriteSubtreePaths(trx, subtree, child.path, `${into.path}${Number(child.id)}/`, now);
    }
    const documentsMoved = await moveDocumentsToColumn(trx, Number(from.id), intoId);
    await trx.updateTable('columns').set({ status: 'deleted', merged_into_id: intoId, updated_at: now }).where('id', '=', Number(from.id)).execute();
    // Keep redirects one hop long: whatever pointed at A now points at B.
    await trx.updateTable('columns').set({ merged_into_id: intoId, updated_at: now }).where('merged_into_id', '=', Number(from.id)).execute();
    await deps.audit.append(trx, actor, {
      action: 'columns.merge', result: 'success', targetType: 'column', targetId: Number(from.id),
      detail: { siteId: site.id, name: from.name, intoId, intoName: into.name, documentsMoved, childrenMoved: children.map((c) => Number(c.id)) },
    });
    const view = await getColumnWithPath(trx, intoId, site.orgPath);
    if (!view) throw new AppError(ColumnErrors['columns.not_found']);
    return { into: view, documentsMoved, childrenMoved: children.length };
  });
}
