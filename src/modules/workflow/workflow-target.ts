import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import { hasPermissionOnColumn, type Actor, type ColumnScope } from '../../platform/identity/actor.js';
import type { Permission } from '../../platform/identity/permissions.js';
import { getColumn, type ColumnView } from '../columns/index.js';
import { getDocument, getEdition, requireDocument, type DocumentPermission, type DocumentView, type EditionView } from '../content/index.js';
import { columnScope, reviewChain, type ReviewStep } from './review-chain.js';
import { WorkflowErrors } from './errors.js';

/** A document with its current edition, column, scope and review chain. */
export interface WorkflowTarget {
  readonly doc: DocumentView;
  readonly edition: EditionView;
  readonly column: ColumnView;
  readonly scope: ColumnScope;
  readonly chain: readonly ReviewStep[];
}

/** No scope check (jobs, and callers that check scope themselves). */
export async function loadTarget(db: Db, documentId: number): Promise<WorkflowTarget | undefined> {
  const doc = await getDocument(db, documentId);
  if (!doc) return undefined;
  const [edition, column] = await Promise.all([getEdition(db, doc.currentEditionId), getColumn(db, doc.columnId)]);
  if (!edition || !column) return undefined;
  return { doc, edition, column, scope: columnScope(column), chain: reviewChain(column) };
}

/**
 * For review actions (approve, reject, post-review). A reviewer acting outside their scope is
 * refused with 403 (the rule), and a missing document answers the same, so the answer
 * does not tell whether an id exists on another site.
 */
export async function requireReviewTarget(db: Db, actor: Actor, documentId: number): Promise<WorkflowTarget> {
  const target = await loadTarget(db, documentId);
  if (!target || !hasPermissionOnColumn(actor, 'documents.read', target.scope)) throw new AppError(WorkflowErrors['content.workflow.out_of_scope']);
  return target;
}

/** For editors' and site admins' actions: the documents module's rules (404 when unreadable, 403 without `need`). */
export async function requireDocumentTarget(db: Db, actor: Actor, documentId: number, need: DocumentPermission): Promise<WorkflowTarget> {
  await requireDocument(db, actor, documentId, need);
  const target = await loadTarget(db, documentId);
  if (!target) throw new AppError(WorkflowErrors['content.workflow.out_of_scope']);
  return target;
}

/** 403 naming the action and the role it needs, unless the actor holds `permission` on the document's column. */
export function requirePermissionOn(actor: Actor, target: WorkflowTarget, permission: Permission, labels: { step: string; role: string }): void {
  if (!hasPermissionOnColumn(actor, permission, target.scope)) throw new AppError(WorkflowErrors['content.workflow.not_permitted'], labels);
}
