import { inTransaction, type Db } from '../../../db/index.js';
import { notifyColumnChange } from '../column-change-hook.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { ColumnKind, ColumnsTable } from '../columns.tables.js';
import { findSiblingBySlug, getColumnWithPath, parseWorkflow, type ColumnView, type WorkflowStep } from '../columns.repo.js';
import { defaultUpdateDays } from '../column-kinds.js';
import { checkDescription, checkKeywords, checkLinkUrl, checkName, checkSlug, checkTopLevelSlug, checkUpdateDays, checkWorkflow, slugTaken } from '../column-rules.js';
import { requireColumnForManage } from '../column-scope.js';
import type { ColumnsDeps } from '../columns-deps.js';
import { ColumnErrors } from '../errors.js';

export interface UpdateColumnInput {
  readonly name?: string | undefined;
  readonly slug?: string | undefined;
  /** Changing the kind without giving updateDays resets the rule to the new kind's default. */
  readonly kind?: ColumnKind | undefined;
  readonly description?: string | undefined;
  readonly keywords?: string | undefined;
  readonly updateDays?: number | null | undefined;
  readonly visible?: boolean | undefined;
  readonly workflow?: readonly WorkflowStep[] | undefined;
  readonly linkUrl?: string | null | undefined;
  readonly commentsEnabled?: boolean | undefined;
}

type ColumnPatch = Partial<Omit<ColumnsTable, 'id'>>;

/** Edits a column's own settings (place in the tree: moveColumn). Audited with the changed fields. */
export async function updateColumn({ db, actor, columnId, input, deps }: { db: Db; actor: Actor; columnId: number; input: UpdateColumnInput; deps: ColumnsDeps }): Promise<ColumnView> {
  const { column, site } = await requireColumnForManage(db, actor, columnId);
  const kind = input.kind ?? column.kind;
  const patch: ColumnPatch = {};
  if (input.name !== undefined) patch.name = checkName(input.name);
  if (input.slug !== undefined) {
    patch.slug = checkSlug(input.slug);
    if (patch.slug !== column.slug) checkTopLevelSlug(patch.slug, column.parent_id === null ? null : Number(column.parent_id));
  }
  if (input.kind !== undefined) patch.kind = input.kind;
  if (input.description !== undefined) patch.description = checkDescription(input.description);
  if (input.keywords !== undefined) patch.keywords = checkKeywords(input.keywords);
  if (input.updateDays !== undefined) patch.update_days = checkUpdateDays(input.updateDays);
  else if (input.kind !== undefined && input.kind !== column.kind) patch.update_days = defaultUpdateDays(deps.config.columnUpdateDays)[input.kind];
  if (input.visible !== undefined) patch.visible = input.visible ? 1 : 0;
  if (input.workflow !== undefined) patch.workflow = JSON.stringify(checkWorkflow(input.workflow));
  if (input.commentsEnabled !== undefined) patch.comments_enabled = input.commentsEnabled ? 1 : 0;
  // The link rule depends on the resulting kind and URL together.
  if (input.kind !== undefined || input.linkUrl !== undefined) patch.link_url = checkLinkUrl(kind, input.linkUrl === undefined ? column.link_url : input.linkUrl);
  return inTransaction(db, async (trx) => {
    await deps.ops.lockForUpdate(trx, `columns.site.${site.id}`);
    await notifyColumnChange(trx, site.id);
    if (patch.slug !== undefined && patch.slug !== column.slug
      && await findSiblingBySlug(trx, { siteId: site.id, parentId: column.parent_id === null ? null : Number(column.parent_id), slug: patch.slug, exceptId: Number(column.id) })) {
      throw slugTaken(patch.slug);
    }
    await trx.updateTable('columns').set({ ...patch, updated_at: deps.clock.now() }).where('id', '=', Number(column.id)).execute();
    await deps.audit.append(trx, actor, {
      action: 'columns.update', result: 'success', targetType: 'column', targetId: Number(column.id),
      detail: { siteId: site.id, changed: changedFields(column, patch) },
    });
    const view = await getColumnWithPath(trx, Number(column.id), site.orgPath);
    if (!view) throw new AppError(ColumnErrors['columns.not_found']);
    return view;
  });
}

/** Old and new value of each field that actually changed (workflow compared as parsed steps). */
function changedFields(before: Omit<ColumnsTable, 'id'> & { id: number }, patch: ColumnPatch): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(patch) as [keyof ColumnPatch, unknown][]) {
    const from = before[k];
    if (k === 'workflow') {
      const a = parseWorkflow(String(from));
      const b = parseWorkflow(String(to));
      if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = { from: a, to: b };
    } else if (from !== to) {
      out[k] = { from, to };
    }
  }
  return out;
}
