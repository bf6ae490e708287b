import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { getOrg } from '../../../platform/identity/orgs.repo.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import type { LetterStatus } from '../interaction.tables.js';
import { applyTransition, effectiveDue, openText, remainingWorkingDays, requireActorRole, requireLetter, requireReason, requireTransition, sealText } from '../letter-transitions.js';
import { WORKFLOW, type WorkflowAction } from '../letter-workflow.js';
import { getMailbox } from '../mailboxes.repo.js';
import { requireText } from '../validate-letter.js';

/** What the handler's console sends: the action and the fields that action needs. */
export interface HandlerActionInput {
  readonly action: 'accept' | 'refuse' | 'merge' | 'assign' | 'send_back' | 'forward' | 'request_extension' | 'request_supplement' | 'draft_reply' | 'approve_reply' | 'return_reply';
  /** The version the console showed; when given, a letter changed since is refused (409) instead of acted on. */
  readonly version?: number | undefined;
  readonly reason?: string | undefined;
  readonly orgId?: number | undefined;
  readonly intoLetterId?: number | undefined;
  readonly days?: number | undefined;
  readonly text?: string | undefined;
}

function required<T>(value: T | undefined, label: string, field: string): T {
  if (value === undefined) throw new AppError(InteractionErrors['interaction.blank'], { label, field });
  return value;
}

/**
 * One step of the handling workflow by a handler: validate → check access → apply → audit, in
 * one transaction. The letter is read again inside the transaction and updated on its version,
 * so two handlers acting at once cannot both succeed.
 */
export async function handleLetter({ db, actor, letterId, input, deps }: { db: Db; actor: Actor; letterId: number; input: HandlerActionInput; deps: InteractionDeps }): Promise<{ status: LetterStatus; version: number }> {
  const action: WorkflowAction = input.action;
  const first = await requireLetter(db, letterId);
  // Asking the citizen for more is the central handler's before routing, the unit's after.
  const role = action === 'request_supplement' && first.status === 'assigned' ? 'unit' : WORKFLOW[action].role;
  await requireActorRole(db, actor, role, first);
  if (input.version !== undefined && input.version !== Number(first.version)) throw new AppError(InteractionErrors['interaction.letter.conflict']);
  requireTransition(first, action);
  const reason = requireReason(action, input.reason);
  const now = deps.clock.now();
  const mailbox = await getMailbox(db, Number(first.mailbox_id));
  if (!mailbox) throw new AppError(InteractionErrors['interaction.mailbox.not_found']);

  // The calendar is asked before the transaction (it may read its tables, and SQLite has one
  // connection); the values hold because the transaction only proceeds on the same version.
  const due = Number(first.due_at);
  const cal = {
    acceptStepDue: action === 'send_back' ? Math.min(due, await deps.calendar.addWorkingDays(now, mailbox.acceptDays)) : due,
    reviewStepDue: action === 'draft_reply' ? Math.min(due, await deps.calendar.addWorkingDays(now, mailbox.reviewDays)) : due,
    pausedDueDays: action === 'request_supplement' ? await remainingWorkingDays(deps.calendar, now, due) : null,
    pausedStepDays: action === 'request_supplement' ? await remainingWorkingDays(deps.calendar, now, first.step_due_at === null ? null : Number(first.step_due_at)) : null,
  };

  await inTransaction(db, async (trx) => {
    const row = await requireLetter(trx, letterId);
    if (Number(row.version) !== Number(first.version)) throw new AppError(InteractionErrors['interaction.letter.conflict']);
    const to = WORKFLOW[action].to ?? row.status;
    switch (input.action) {
      case 'accept':
        await applyTransition(trx, deps, actor, row, { accepted_at: now }, { action, to, reason });
        return;
      case 'refuse':
        await applyTransition(trx, deps, actor, row, { step_due_at: null }, { action, to, reason });
        return;
      case 'merge': {
        const intoId = required(input.intoLetterId, '合并目标信件', 'intoLetterId');
        const target = await trx.selectFrom('letters').select(['id', 'site_id', 'status']).where('id', '=', intoId).executeTakeFirst();
        if (!target || Number(target.id) === Number(row.id) || Number(target.site_id) !== Number(row.site_id) || ['refused', 'merged'].includes(target.status)) {
          throw new AppError(InteractionErrors['interaction.letter.bad_merge_target']);
        }
        await applyTransition(trx, deps, actor, row, { merged_into_id: intoId, step_due_at: null }, { action, to, reason, detail: { intoLetterId: intoId } });
        return;
      }
      case 'assign':
      case 'forward': {
        const orgId = required(input.orgId, '承办单位', 'orgId');
        const org = await getOrg(trx, orgId);
        if (!org || orgId === (row.handling_org_id === null ? null : Number(row.handling_org_id))) throw new AppError(InteractionErrors['interaction.letter.bad_unit']);
        // The unit answers within the letter's deadline; forwarding does not restart it.
        await applyTransition(trx, deps, actor, row, { handling_org_id: orgId, assigned_at: now, step_due_at: Number(row.due_at), extension_days: null, extension_reason: null, extension_requested_by: null }, { action, to, reason, orgId });
        return;
      }
      case 'send_back': {
        await applyTransition(trx, deps, actor, row, { handling_org_id: null, step_due_at: cal.acceptStepDue, extension_days: null, extension_reason: null, extension_requested_by: null }, { action, to, reason, orgId: Number(row.handling_org_id) });
        return;
      }
      case 'request_extension': {
        const days = required(input.days, '延期天数', 'days');
        if (row.extension_days !== null) throw new AppError(InteractionErrors['interaction.letter.extension_pending']);
        await applyTransition(trx, deps, actor, row, { extension_days: days, extension_reason: reason, extension_requested_by: actor.userId }, { action, to, reason, detail: { days } });
        return;
      }
      case 'request_supplement': {
        // The clock stops: the working days left are kept and given back when the citizen answers.
        await applyTransition(trx, deps, actor, row, {
          paused_at: now, paused_from_status: row.status,
          paused_due_days: cal.pausedDueDays, paused_step_days: cal.pausedStepDays,
        }, { action, to, reason });
        return;
      }
      case 'draft_reply': {
        const text = requireText(input.text, '答复内容', 'text');
        await applyTransition(trx, deps, actor, row, { reply_text: sealText(deps, row, 'reply', text), reply_by: actor.userId, reply_drafted_at: now, step_due_at: cal.reviewStepDue }, { action, to, reason, orgId: Number(row.handling_org_id), detail: { replyLength: text.length } });
        return;
      }
      case 'approve_reply': {
        // Four eyes: whoever drafted the reply cannot also approve it.
        if (actor.userId === null || (row.reply_by !== null && Number(row.reply_by) === actor.userId)) throw new AppError(InteractionErrors['interaction.letter.self_review']);
        const published = Number(row.is_public) === 1 ? now : null;
        await applyTransition(trx, deps, actor, row, { replied_at: now, published_at: published, step_due_at: null }, { action, to, reason, detail: { published: published !== null } });
        return;
      }
      case 'return_reply':
        await applyTransition(trx, deps, actor, row, { step_due_at: Number(row.due_at) }, { action, to, reason });
        return;
    }
  });
  const after = await requireLetter(db, letterId);
  return { status: after.status, version: Number(after.version) };
}

/** The supervisor decides a pending extension: approved, both deadlines move by the days asked (working days). */
export async function decideExtension({ db, actor, letterId, input, deps }: { db: Db; actor: Actor; letterId: number; input: { decision: 'approve' | 'reject'; reason?: string | undefined; version?: number | undefined }; deps: InteractionDeps }): Promise<{ status: LetterStatus; version: number; dueAt: number }> {
  const action: WorkflowAction = input.decision === 'approve' ? 'approve_extension' : 'reject_extension';
  const first = await requireLetter(db, letterId);
  await requireActorRole(db, actor, 'supervisor', first);
  if (input.version !== undefined && input.version !== Number(first.version)) throw new AppError(InteractionErrors['interaction.letter.conflict']);
  requireTransition(first, action);
  if (first.extension_days === null) throw new AppError(InteractionErrors['interaction.letter.no_extension']);
  const reason = requireReason(action, input.reason);
  // Calendar first, outside the transaction (see handleLetter); the version check keeps it valid.
  const extendedDue = await deps.calendar.addWorkingDays(Number(first.due_at), Number(first.extension_days));
  await inTransaction(db, async (trx) => {
    const row = await requireLetter(trx, letterId);
    if (Number(row.version) !== Number(first.version) || row.extension_days === null) throw new AppError(InteractionErrors['interaction.letter.conflict']);
    const days = Number(row.extension_days);
    const clear = { extension_days: null, extension_reason: null, extension_requested_by: null };
    if (action === 'approve_extension') {
      const due = extendedDue;
      await applyTransition(trx, deps, actor, row, { ...clear, due_at: due, step_due_at: due }, { action, to: row.status, reason, detail: { days, dueAt: due } });
    } else {
      await applyTransition(trx, deps, actor, row, clear, { action, to: row.status, reason, detail: { days } });
    }
  });
  const after = await requireLetter(db, letterId);
  return { status: after.status, version: Number(after.version), dueAt: Number(after.due_at) };
}

/** Resumes a paused clock: the deadlines are the working days that were left, counted from now. */
export async function resumedDeadlines(deps: InteractionDeps, row: { paused_due_days: number | null; paused_step_days: number | null; due_at: number; step_due_at: number | null }): Promise<{ due_at: number; step_due_at: number | null }> {
  const now = deps.clock.now();
  const dueDays = row.paused_due_days === null ? null : Number(row.paused_due_days);
  const stepDays = row.paused_step_days === null ? null : Number(row.paused_step_days);
  const due = dueDays === null ? Number(row.due_at) : await deps.calendar.addWorkingDays(now, dueDays);
  const step = stepDays === null ? null : Math.min(due, await deps.calendar.addWorkingDays(now, stepDays));
  return { due_at: due, step_due_at: step };
}

export { effectiveDue, openText };
