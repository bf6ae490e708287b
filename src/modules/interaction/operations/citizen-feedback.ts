import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import type { LetterStatus, Satisfaction } from '../interaction.tables.js';
import { applyTransition, openText, requireLetter, requireReason, requireTransition, sealText } from '../letter-transitions.js';
import type { WorkflowAction } from '../letter-workflow.js';
import { getMailbox } from '../mailboxes.repo.js';
import { authenticateLetter } from './lookup-letter.js';
import { resumedDeadlines } from './handle-letter.js';

export interface CitizenFeedbackInput {
  readonly queryCode: string;
  readonly queryPassword: string;
  readonly action: 'supplement' | 'rate' | 'reopen';
  readonly satisfaction?: Satisfaction | undefined;
  readonly text?: string | undefined;
  readonly reason?: string | undefined;
}

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * What the citizen does with the receipt: supplement the letter when asked (the clock resumes
 * with the working days that were left), rate the reply (满意/基本满意/不满意), or reopen it once.
 */
export async function citizenFeedback({ db, actor, input, deps }: { db: Db; actor: Actor; input: CitizenFeedbackInput; deps: InteractionDeps }): Promise<{ status: LetterStatus; letterId: number }> {
  const first = await authenticateLetter({ db, actor, input, deps });
  const action: WorkflowAction = input.action;
  requireTransition(first, action);
  const now = deps.clock.now();
  const reason = requireReason(action, input.reason);
  if (action === 'reopen' && Number(first.reopen_count) > 0) throw new AppError(InteractionErrors['interaction.letter.already_reopened']);
  if (action === 'rate' && input.satisfaction === undefined) throw new AppError(InteractionErrors['interaction.blank'], { label: '满意度', field: 'satisfaction' });
  if (action === 'supplement' && !input.text?.trim()) throw new AppError(InteractionErrors['interaction.blank'], { label: '补充内容', field: 'text' });
  const mailbox = await getMailbox(db, Number(first.mailbox_id));
  if (!mailbox) throw new AppError(InteractionErrors['interaction.mailbox.not_found']);
  // Calendar first, outside the transaction (it may read its tables; SQLite has one connection).
  const resumed = action === 'supplement' ? await resumedDeadlines(deps, first) : null;
  const reopenDue = action === 'reopen' ? await deps.calendar.addWorkingDays(now, mailbox.deadlineDays) : 0;
  await inTransaction(db, async (trx) => {
    const row = await requireLetter(trx, Number(first.id));
    if (Number(row.version) !== Number(first.version)) throw new AppError(InteractionErrors['interaction.letter.conflict']);
    if (action === 'supplement') {
      // The supplement joins the letter's body (sealed again for a private letter), dated.
      const body = openText(deps, row, 'body', row.body) ?? '';
      const day = SHANGHAI.format(now);
      const joined = `${body}\n\n【${day} 补充】${input.text!.trim()}`.slice(0, 20_000);
      const to = row.paused_from_status ?? 'received';
      await applyTransition(trx, deps, actor, row, {
        body: sealText(deps, row, 'body', joined), ...resumed,
        paused_at: null, paused_from_status: null, paused_due_days: null, paused_step_days: null,
      }, { action, to, reason: '', detail: { pausedMs: now - Number(row.paused_at ?? now), supplementLength: input.text!.trim().length } });
    } else if (action === 'rate') {
      await applyTransition(trx, deps, actor, row, { satisfaction: input.satisfaction!, rated_at: now }, { action, to: 'closed', reason: '', detail: { satisfaction: input.satisfaction } });
    } else {
      // Back to the unit that answered, with a fresh handling deadline; the published answer is withdrawn until the new one.
      const due = reopenDue;
      await applyTransition(trx, deps, actor, row, {
        reopen_count: Number(row.reopen_count) + 1, due_at: due, step_due_at: due, satisfaction: null, rated_at: null, replied_at: null, published_at: null, escalated_due_at: null,
      }, { action, to: 'assigned', reason, orgId: row.handling_org_id === null ? null : Number(row.handling_org_id) });
    }
  });
  return { status: (await requireLetter(db, Number(first.id))).status, letterId: Number(first.id) };
}
