import { inTransaction, type Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { requireSiteInScope } from '../../sites/index.js';
import { checkCaptcha, spendCaptcha } from '../captcha.js';
import { requireText } from '../validate-letter.js';
import { INTERVIEW_QUESTIONS_CHANNEL, type InterviewDeps } from './interview-deps.js';
import { InterviewErrors } from './interview-errors.js';
import type { QuestionStatus } from './interview.tables.js';
import { getInterview, getQuestion, listQuestions, type QuestionView } from './interviews.repo.js';
import { interviewForConsole } from './interview-schedule.js';

export interface QuestionInput {
  readonly body: string;
  readonly nickname?: string | undefined;
  readonly altcha?: string | undefined;
}

/**
 * A question from the public (before or during the interview), behind the captcha. It waits
 * for a moderator: nothing a visitor types is shown on the site before approval.
 */
export async function submitQuestion({ db, actor, siteId, interviewId, input, deps }: { db: Db; actor: Actor; siteId: number; interviewId: number; input: QuestionInput; deps: InterviewDeps }): Promise<{ id: number; status: QuestionStatus }> {
  const interview = await getInterview(db, interviewId);
  if (!interview || interview.siteId !== siteId) throw new AppError(InterviewErrors['interaction.interview.not_found']);
  if (interview.status !== 'scheduled' && interview.status !== 'live') throw new AppError(InterviewErrors['interaction.interview.closed_for_questions']);
  const body = requireText(input.body, '问题内容', 'body');
  const now = deps.clock.now();
  const captcha = await checkCaptcha(deps.captcha, input.altcha, now);
  const id = await inTransaction(db, async (trx) => {
    await spendCaptcha(trx, captcha, now);
    const row = await trx.insertInto('interview_questions').values({
      interview_id: interview.id, nickname: input.nickname?.trim() ?? '', body, status: 'pending', during_live: interview.status === 'live' ? 1 : 0,
      submitted_at: now, decided_at: null, decided_by: null,
    }).returning('id').executeTakeFirstOrThrow();
    // The text stays out of the audit log: it is the visitor's, shown only once approved.
    await deps.audit.append(trx, actor, { action: 'interaction.interview.question', result: 'success', targetType: 'interview_question', targetId: row.id, detail: { interviewId: interview.id } });
    return Number(row.id);
  });
  await questionsChanged(deps, interview.id);
  return { id, status: 'pending' };
}

/** Tells the consoles watching this interview (every process, through the bus) to reload its questions. */
async function questionsChanged(deps: InterviewDeps, interviewId: number): Promise<void> {
  await deps.events.publish({ channel: INTERVIEW_QUESTIONS_CHANNEL, data: { id: interviewId } });
}

/** The questions of an interview for the console, optionally only some statuses (pending: the moderator's queue). */
export async function questionsForConsole({ db, actor, interviewId, statuses }: { db: Db; actor: Actor; interviewId: number; statuses?: readonly QuestionStatus[] | undefined }): Promise<QuestionView[]> {
  await interviewForConsole({ db, actor, interviewId });
  return listQuestions(db, interviewId, statuses);
}

/** Approve (shown on the page, may be answered) or reject (never shown). Decided once. */
export async function decideQuestion({ db, actor, questionId, decision, deps }: { db: Db; actor: Actor; questionId: number; decision: 'approve' | 'reject'; deps: InterviewDeps }): Promise<QuestionView> {
  const q = await getQuestion(db, questionId);
  const interview = q ? await getInterview(db, q.interviewId) : undefined;
  if (!q || !interview) throw new AppError(InterviewErrors['interaction.interview.question_not_found']);
  await requireSiteInScope(db, actor, 'interaction.interviews.manage', interview.siteId);
  const to: QuestionStatus = decision === 'approve' ? 'approved' : 'rejected';
  await inTransaction(db, async (trx) => {
    const r = await trx.updateTable('interview_questions').set({ status: to, decided_at: deps.clock.now(), decided_by: actor.userId })
      .where('id', '=', questionId).where('status', '=', 'pending').executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError(InterviewErrors['interaction.interview.question_decided'], { status: q.status });
    await deps.audit.append(trx, actor, { action: `interaction.interview.question_${decision}`, result: 'success', targetType: 'interview_question', targetId: questionId, detail: { interviewId: interview.id } });
  });
  await questionsChanged(deps, interview.id);
  const after = await getQuestion(db, questionId);
  if (!after) throw new AppError(InterviewErrors['interaction.interview.question_not_found']);
  return after;
}
