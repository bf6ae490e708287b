import { inTransaction, type Db } from '../../../db/index.js';
import { notifyColumnChange } from '../column-change-hook.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { countDocumentsInColumn } from '../../content/index.js';
import { listChildren } from '../columns.repo.js';
import { requireActiveColumn, requireColumnForManage } from '../column-scope.js';
import type { ColumnsDeps } from '../columns-deps.js';
import { ColumnErrors } from '../errors.js';

/**
 * Deletes an empty column (no documents, no child columns) by marking it deleted: the row
 * stays for the audit trail and for URLs that once pointed at it.
 */
export async function deleteColumn({ db, actor, columnId, deps }: { db: Db; actor: Actor; columnId: number; deps: ColumnsDeps }): Promise<void> {
  const { site } = await requireColumnForManage(db, actor, columnId);
  await inTransaction(db, async (trx) => {
    await deps.ops.lockForUpdate(trx, `columns.site.${site.id}`);
    await notifyColumnChange(trx, site.id);
    const column = await requireActiveColumn(trx, columnId);
    const children = (await listChildren(trx, site.id, Number(column.id))).length;
    const documents = await countDocumentsInColumn(trx, Number(column.id));
    if (children > 0 || documents > 0) throw new AppError(ColumnErrors['columns.not_empty'], { name: column.name, documents, children });
    await trx.updateTable('columns').set({ status: 'deleted', updated_at: deps.clock.now() }).where('id', '=', Number(column.id)).execute();
    await deps.audit.append(trx, actor, {
      action: 'columns.delete', result: 'success', targetType: 'column', targetId: Number(column.id),
      detail: { siteId: site.id, name: column.name, slug: column.slug, path: column.path },
    });
  });
}
