import { inTransaction, type Db } from '../../../db/index.js';
import { AppError, fieldError } from '../../../platform/http/error-registry.js';
import { hasPermissionOnColumn, type Actor } from '../../../platform/identity/actor.js';
import type { ContentDeps } from '../content-deps.js';
import { columnPlace, type ColumnPlace } from '../document-scope.js';
import { ContentErrors } from '../errors.js';
import { decidePlacementRow, getPlacementRow, toPlacementView, type PlacementRow, type PlacementStatus, type PlacementView } from './placements.repo.js';
import { PLACEMENT_STATUS_LABELS } from './placement-labels.js';
import { notifyPlacementChange } from './placement-change-hook.js';

export type PlacementDecision = 'accept' | 'decline' | 'remove';

const RULES: Readonly<Record<PlacementDecision, { from: readonly PlacementStatus[]; to: PlacementStatus; permission: 'documents.review' | 'documents.write'; label: string }>> = {
  accept: { from: ['pending'], to: 'accepted', permission: 'documents.review', label: '审核稿件' },
  decline: { from: ['pending'], to: 'declined', permission: 'documents.review', label: '审核稿件' },
  remove: { from: ['pending', 'accepted'], to: 'removed', permission: 'documents.write', label: '撰写稿件' },
};

/** A placement seen through its receiving column: 404 for someone who may not read that column at all. */
async function placementInScope(db: Db, actor: Actor, id: number): Promise<{ row: PlacementRow; target: ColumnPlace }> {
  const row = await getPlacementRow(db, id);
  const target = row ? await columnPlace(db, Number(row.column_id)) : undefined;
  if (!row || !target || !hasPermissionOnColumn(actor, 'documents.read', target.scope)) throw new AppError(ContentErrors['content.placement.not_found']);
  return { row, target };
}

/**
 * The receiving site's decision on a placement. Accepting or declining a reference needs
 * documents.review on the receiving column and is never done by the person who requested it
 * (the same separation of powers as the review chain). Removing a reference from a column
 * needs documents.write there. A copy is the receiving site's own document: it is withdrawn
 * like any other, not removed here.
 */
export async function decidePlacement({ db, actor, placementId, decision, reason, deps }: {
  db: Db; actor: Actor; placementId: number; decision: PlacementDecision; reason?: string | undefined; deps: ContentDeps;
}): Promise<{ placement: PlacementView }> {
  const rule = RULES[decision];
  const { row, target } = await placementInScope(db, actor, placementId);
  if (!hasPermissionOnColumn(actor, rule.permission, target.scope)) {
    throw new AppError(ContentErrors['content.placement.out_of_scope'], { column: target.column.name, permission: rule.label });
  }
  if (row.mode === 'copy') throw new AppError(ContentErrors['content.placement.copy_is_document']);
  if (decision !== 'remove' && actor.userId !== null && Number(row.created_by) === actor.userId) throw new AppError(ContentErrors['content.placement.self_decision']);
  const note = reason?.trim() ? reason.trim() : null;
  if (decision === 'decline' && note === null) {
    throw new AppError(ContentErrors['content.placement.reason_required'], {}, [fieldError('reason', 'content.placement.reason_required', '不予引用的理由（reason）不能为空', 'The reason for declining (reason) must not be blank')]);
  }
  const now = deps.clock.now();
  await inTransaction(db, async (trx) => {
    const moved = await decidePlacementRow(trx, { id: placementId, from: rule.from, to: rule.to, by: actor.userId ?? 0, note, now });
    if (!moved) {
      const latest = (await getPlacementRow(trx, placementId))!;
      const error = decision === 'remove' ? ContentErrors['content.placement.not_active'] : ContentErrors['content.placement.not_pending'];
      throw new AppError(error, { status: PLACEMENT_STATUS_LABELS[latest.status] });
    }
    // Outbox: an accepted reference appears on the receiving site, a removed one goes.
    if (decision !== 'decline') await notifyPlacementChange(trx, Number(row.document_id));
    await deps.audit.append(trx, actor, {
      action: `content.placement.${decision}`, result: 'success', targetType: 'document', targetId: Number(row.document_id),
      detail: { placementId, siteId: Number(row.site_id), columnId: Number(row.column_id), reason: note },
    });
  });
  return { placement: toPlacementView((await getPlacementRow(db, placementId))!) };
}
