import { inTransaction, type Db } from '../../../db/index.js';
import { AppError, fieldError } from '../../../platform/http/error-registry.js';
import { hasPermissionOnColumn, type Actor } from '../../../platform/identity/actor.js';
import { getColumn } from '../../columns/index.js';
import { EDITION_STATUS_LABELS, getDocument, setPolicyLinks, type EditionStatus } from '../../content/index.js';
import { columnScope } from '../review-chain.js';
import { requireDocumentTarget } from '../workflow-target.js';
import { workflowResult, type WorkflowResult } from '../workflow-result.js';
import type { WorkflowDeps } from '../workflow-deps.js';
import { WorkflowErrors } from '../errors.js';

export interface PolicyLinkInput {
  /** For a policy: major (重大政策) policies publish only together with an approved interpretation. */
  readonly isMajor?: boolean | undefined;
  /** For an interpretation: the policy it interprets; null removes the link. */
  readonly interpretsId?: number | null | undefined;
}

/** While reviewers are deciding, the pairing must not change under them. */
const LOCKED: readonly EditionStatus[] = ['in_review', 'approved', 'scheduled'];

/** Marks a policy major and links an interpretation to its policy (links both ways: the review view shows each side). */
export async function linkPolicy({ db, actor, documentId, input, deps }: { db: Db; actor: Actor; documentId: number; input: PolicyLinkInput; deps: WorkflowDeps }): Promise<WorkflowResult> {
  const { doc, edition } = await requireDocumentTarget(db, actor, documentId, 'documents.write');
  if (input.isMajor !== undefined && doc.kind !== 'policy') throw new AppError(WorkflowErrors['content.workflow.not_policy']);
  if (input.interpretsId !== undefined && doc.kind !== 'interpretation') throw new AppError(WorkflowErrors['content.workflow.not_interpretation']);
  if (LOCKED.includes(edition.status)) throw new AppError(WorkflowErrors['content.workflow.links_locked'], { status: EDITION_STATUS_LABELS[edition.status] });
  if (typeof input.interpretsId === 'number') {
    const policy = input.interpretsId === doc.id ? undefined : await getDocument(db, input.interpretsId);
    const column = policy ? await getColumn(db, policy.columnId) : undefined;
    if (!policy || policy.kind !== 'policy' || !column || !hasPermissionOnColumn(actor, 'documents.read', columnScope(column))) {
      throw new AppError(WorkflowErrors['content.workflow.bad_interprets'], {}, [fieldError('interpretsId', 'content.workflow.bad_interprets', '所解读的文件必须是您可以查看的政策文件', 'The interpreted document must be a policy document you may see')]);
    }
  }
  const now = deps.clock.now();
  await inTransaction(db, async (trx) => {
    await setPolicyLinks(trx, { documentId, isMajor: input.isMajor, interpretsId: input.interpretsId, now });
    await deps.audit.append(trx, actor, {
      action: 'content.workflow.link', result: 'success', targetType: 'document', targetId: documentId,
      detail: { ...(input.isMajor !== undefined ? { isMajor: input.isMajor } : {}), ...(input.interpretsId !== undefined ? { interpretsId: input.interpretsId } : {}) },
    });
  });
  return workflowResult(db, documentId);
}
