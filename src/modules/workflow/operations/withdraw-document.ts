import { inTransaction, type Db } from '../../../db/index.js';
import { AppError, registeredFieldError } from '../../../platform/http/error-registry.js';
import { shownTextFault } from '../../../platform/http/text-guard.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { requireReason } from '../review-guards.js';
import { withdrawPublished } from '../withdraw-published.js';
import { requireDocumentTarget, requirePermissionOn } from '../workflow-target.js';
import { workflowResult, type WorkflowResult } from '../workflow-result.js';
import type { WorkflowDeps } from '../workflow-deps.js';
import { WorkflowErrors } from '../errors.js';

export interface WithdrawInput {
  readonly reason: string;
  /** Whether the public site shows a withdrawal notice with the reason (撤稿说明) or the page simply goes. */
  readonly showPublicly: boolean;
  /** Send visitors of the withdrawn page here (301) instead of the withdrawal notice: a path on the site or an https:// address. */
  readonly redirectTo?: string | undefined;
}

/*
 * The target becomes a Location header and a link in the public notice: no spaces, quotes,
 * angle brackets, backticks or backslashes (`/\host` is `//host` to a browser), and no control
 * or bidi characters (shownTextFault); Chinese in a path is fine (percent-encoded when served).
 */
const SITE_PATH = /^\/(?![/\\])[^\s\\"'<>`]*$/;
const HTTPS_URL = /^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s\\"'<>`]*)?$/i;

function checkRedirect(value: string | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (!(SITE_PATH.test(v) || HTTPS_URL.test(v)) || shownTextFault(v, { singleLine: true }) !== null) {
    throw new AppError(WorkflowErrors['content.workflow.bad_redirect'], {}, [registeredFieldError('redirectTo', WorkflowErrors['content.workflow.bad_redirect'])]);
  }
  return v;
}

/** 撤稿: takes a published document down with a reason (documents.withdraw on its column). */
export async function withdrawDocument({ db, actor, documentId, input, deps }: { db: Db; actor: Actor; documentId: number; input: WithdrawInput; deps: WorkflowDeps }): Promise<WorkflowResult> {
  const target = await requireDocumentTarget(db, actor, documentId, 'documents.read');
  requirePermissionOn(actor, target, 'documents.withdraw', { step: '撤稿', role: '站点管理员' });
  const reason = requireReason(input.reason, { zh: '撤稿原因', en: 'reason for withdrawing the document' });
  const redirectTo = checkRedirect(input.redirectTo);
  const editionId = target.doc.publishedEditionId;
  if (editionId === null) throw new AppError(WorkflowErrors['content.workflow.not_published']);
  const now = deps.clock.now();
  await inTransaction(db, (trx) => withdrawPublished(trx, deps, actor, { documentId, editionId, reason, showPublicly: input.showPublicly, redirectTo, now, action: 'withdraw' }));
  return workflowResult(db, documentId);
}
