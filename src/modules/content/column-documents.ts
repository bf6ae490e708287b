import type { Db } from '../../db/index.js';
import { getColumn } from '../columns/index.js';

/** Documents filed in a column (the columns module refuses to delete a column that still holds documents). */
export async function countDocumentsInColumn(db: Db, columnId: number): Promise<number> {
  const r = await db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('column_id', '=', columnId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Moves every document of one column into another (column merge: documents follow), inside
 * the caller's transaction. Returns how many moved. Their update times stay: moving is not an
 * edit, and list order should not jump.
 */
export async function moveDocumentsToColumn(trx: Db, fromColumnId: number, toColumnId: number): Promise<number> {
  const target = await getColumn(trx, toColumnId);
  if (!target) throw new Error(`column ${toColumnId} does not exist`);
  const res = await trx.updateTable('documents').set({ column_id: toColumnId, site_id: target.siteId })
    .where('column_id', '=', fromColumnId).executeTakeFirst();
  return Number(res.numUpdatedRows);
}
