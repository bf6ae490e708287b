import { AppError, fieldError, registeredFieldError } from '../../platform/http/error-registry.js';
import { SHOWN_TEXT_FAULTS, shownTextFault } from '../../platform/http/text-guard.js';
import type { Actor } from '../../platform/identity/actor.js';
import { EDITION_STATUS_LABELS } from '../content/index.js';
import { canActOnStep, stepAt, stepLabel, stepRoleLabel, type ReviewStep } from './review-chain.js';
import type { RoundState } from './review-actions.repo.js';
import type { WorkflowTarget } from './workflow-target.js';
import { WorkflowErrors } from './errors.js';

/**
 * The edition must be in review, be the one the reviewer looked at, and wait at the step they
 * name: a second approval of a step, a skipped step or a finished review is out of order (409).
 */
export function requireAtStep(target: WorkflowTarget, q: { step: number; editionId?: number | undefined }): ReviewStep {
  const { edition, chain } = target;
  const named = chain[q.step];
  const requested = named ? stepLabel(named) : `第${q.step + 1}步`;
  if (edition.status !== 'in_review') {
    throw new AppError(WorkflowErrors['content.workflow.out_of_order'], { current: EDITION_STATUS_LABELS[edition.status], requested });
  }
  if (q.editionId !== undefined && q.editionId !== edition.id) {
    throw new AppError(WorkflowErrors['content.workflow.out_of_order'], { current: `版本 ${edition.number}`, requested: `${requested}（已不是当前版本）` });
  }
  const current = stepAt(chain, edition.reviewStep);
  if (current.index !== q.step) throw new AppError(WorkflowErrors['content.workflow.out_of_order'], { current: stepLabel(current), requested });
  return current;
}

/** 403 unless the actor holds the step's role on the document's column. */
export function requireStepRole(actor: Actor, target: WorkflowTarget, step: ReviewStep): void {
  if (!canActOnStep(actor, step, target.scope)) {
    throw new AppError(WorkflowErrors['content.workflow.not_permitted'], { step: step.name, role: stepRoleLabel(step) });
  }
}

/** Whether the actor wrote this edition (author, last editor, or submitted it) or approved an earlier step of this round. */
export function isOwnWork(actor: Actor, target: WorkflowTarget, round: RoundState): boolean {
  const id = actor.userId;
  if (id === null) return false;
  const { edition } = target;
  return edition.authorId === id || edition.lastEditorId === id || round.submitters.has(id) || round.approvers.has(id);
}

/** Separation of powers: nobody approves what they wrote or already approved at an earlier step. */
export function requireNotOwnWork(actor: Actor, target: WorkflowTarget, round: RoundState): void {
  if (isOwnWork(actor, target, round)) throw new AppError(WorkflowErrors['content.workflow.self_approval']);
}

/**
 * A trimmed reason with something visible in it (400 naming what it is for otherwise, `what` in
 * Chinese and English). Reasons are shown to the author and, for a withdrawal, on the public
 * page: held to the rule of a visitor's text (shownTextFault), line breaks allowed (a text area).
 */
export function requireReason(reason: string | undefined, what: { readonly zh: string; readonly en: string }): string {
  const text = (reason ?? '').trim();
  const fault = shownTextFault(text);
  if (text === '' || fault === 'blank') {
    throw new AppError(WorkflowErrors['content.workflow.reason_required'], { what: what.zh, whatEn: what.en },
      [fieldError('reason', 'content.workflow.reason_required', `请填写${what.zh}`, `Give the ${what.en}`)]);
  }
  if (fault) {
    const params = { what: what.zh, whatEn: what.en, field: 'reason', fault: SHOWN_TEXT_FAULTS[fault].zh, faultEn: SHOWN_TEXT_FAULTS[fault].en };
    throw new AppError(WorkflowErrors['content.workflow.bad_text'], params, [registeredFieldError('reason', WorkflowErrors['content.workflow.bad_text'], params)]);
  }
  return text;
}
