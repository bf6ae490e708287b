/**
 * Public face of the columns module (栏目). Other modules import ONLY from here.
 * Importing it registers the 'column' scope resolver, so role grants on a column work.
 */
import { registerScopeResolver } from '../../platform/identity/scope-resolvers.js';
import { getColumn } from './columns.repo.js';
import { getSite } from '../sites/index.js';

export {
  getColumn, listSiteColumns,
  type ColumnView, type WorkflowStep, type WorkflowRole,
} from './columns.repo.js';
export type { ColumnKind } from './columns.tables.js';
export { COLUMN_KINDS, DEFAULT_WORKFLOW, SECRECY_STEP, MAX_COLUMN_DEPTH, defaultUpdateDays, type ColumnKindInfo } from './column-kinds.js';
export { ColumnErrors } from './errors.js';
export { setColumnChangeHook, withoutColumnChangeHook, type ColumnChangeHook } from './column-change-hook.js';
export { columnsDeps, type ColumnsDeps } from './columns-deps.js';
export { createColumn, type CreateColumnInput } from './operations/create-column.js';
export { updateColumn, type UpdateColumnInput } from './operations/update-column.js';
export { moveColumn, type MoveColumnInput } from './operations/move-column.js';
export { mergeColumns, type MergeColumnsResult } from './operations/merge-columns.js';
export { deleteColumn } from './operations/delete-column.js';
export { listColumnTree, type ColumnTree, type ColumnTreeEntry } from './operations/list-column-tree.js';

/** A grant on a column is managed by whoever manages grants for the site's owner organization. */
registerScopeResolver('column', async (db, id) => {
  const column = await getColumn(db, id);
  if (!column || column.status !== 'active') return undefined;
  const site = await getSite(db, column.siteId);
  return site ? { name: `${site.name} › ${column.name}`, orgPath: site.orgPath } : undefined;
});
