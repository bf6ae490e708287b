import { inTransaction, type Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { requireSiteInScope } from '../../sites/index.js';
import { requireText } from '../validate-letter.js';
import { INTERVIEW_CHANNEL, type InterviewDeps } from './interview-deps.js';
import { InterviewErrors } from './interview-errors.js';
import type { EntryKind } from './interview.tables.js';
import { getInterview, getQuestion, type InterviewView } from './interviews.repo.js';

export interface NewEntry {
  readonly kind: EntryKind;
  readonly speaker: string;
  readonly body: string;
  readonly questionId?: number | null;
  readonly imageId?: number | null;
}

/**
 * Appends one transcript entry under the interview row's lock: the counter update makes
 * concurrent posters wait for each other, so sequence numbers are handed out in commit order
 * and a reader that has seen seq N never later finds a smaller one appear.
 * `requireLive` refuses when the interview is not live at that moment (checked under the lock).
 */
export async function appendEntry(trx: Db, interviewId: number, entry: NewEntry, actor: Actor, now: number, requireLive: boolean): Promise<number> {
  let q = trx.updateTable('interviews').set((eb) => ({ last_seq: eb('last_seq', '+', 1), updated_at: now })).where('id', '=', interviewId);
  if (requireLive) q = q.where('status', '=', 'live');
  const r = await q.executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new AppError(InterviewErrors['interaction.interview.not_live']);
  const { last_seq: seq } = await trx.selectFrom('interviews').select('last_seq').where('id', '=', interviewId).executeTakeFirstOrThrow();
  await trx.insertInto('interview_entries').values({
    interview_id: interviewId, seq: Number(seq), kind: entry.kind, speaker: entry.speaker, body: entry.body,
    question_id: entry.questionId ?? null, image_id: entry.imageId ?? null, created_by: actor.userId, created_at: now,
  }).execute();
  return Number(seq);
}

/** After commit: tells every process (NOTIFY on PostgreSQL) that the interview has rows up to `seq`. */
export async function announce(deps: InterviewDeps, interviewId: number, seq: number): Promise<void> {
  await deps.events.publish({ channel: INTERVIEW_CHANNEL, data: { id: interviewId, seq } });
}

export interface PostEntryInput {
  readonly kind: 'answer' | 'remark';
  readonly body: string;
  /** Who speaks: a guest's name for answers; 主持人 by default for remarks. */
  readonly speaker?: string | undefined;
  readonly questionId?: number | undefined;
  readonly imageId?: number | undefined;
}

async function requireEntryRefs(db: Db, interview: InterviewView, input: PostEntryInput): Promise<void> {
  if (input.kind === 'answer') {
    const q = input.questionId === undefined ? undefined : await getQuestion(db, input.questionId);
    if (!q || q.interviewId !== interview.id || q.status !== 'approved') throw new AppError(InterviewErrors['interaction.interview.bad_question']);
  }
  if (input.imageId !== undefined) {
    const img = await db.selectFrom('interview_images').select('interview_id').where('id', '=', input.imageId).executeTakeFirst();
    if (!img || Number(img.interview_id) !== interview.id) throw new AppError(InterviewErrors['interaction.interview.bad_image']);
  }
}

/**
 * A guest's answer (to one approved question, which becomes answered) or a host's remark,
 * while the interview is live. Streams learn of it after the commit.
 */
export async function postEntry({ db, actor, interviewId, input, deps }: { db: Db; actor: Actor; interviewId: number; input: PostEntryInput; deps: InterviewDeps }): Promise<{ seq: number }> {
  const interview = await getInterview(db, interviewId);
  if (!interview) throw new AppError(InterviewErrors['interaction.interview.not_found']);
  await requireSiteInScope(db, actor, 'interaction.interviews.answer', interview.siteId);
  const body = requireText(input.body, '内容', 'body');
  await requireEntryRefs(db, interview, input);
  const speaker = input.speaker?.trim() || (input.kind === 'answer' ? interview.guests[0]?.name ?? '嘉宾' : '主持人');
  const now = deps.clock.now();
  const seq = await inTransaction(db, async (trx) => {
    const s = await appendEntry(trx, interview.id, { kind: input.kind, speaker, body, questionId: input.kind === 'answer' ? input.questionId ?? null : null, imageId: input.imageId ?? null }, actor, now, true);
    if (input.kind === 'answer' && input.questionId !== undefined) {
      const r = await trx.updateTable('interview_questions').set({ status: 'answered' }).where('id', '=', input.questionId).where('status', '=', 'approved').executeTakeFirst();
      // Answered meanwhile by another typist: one answer per question.
      if (Number(r.numUpdatedRows) === 0) throw new AppError(InterviewErrors['interaction.interview.bad_question']);
    }
    await deps.audit.append(trx, actor, {
      action: `interaction.interview.${input.kind}`, result: 'success', targetType: 'interview', targetId: interview.id,
      detail: { seq: s, questionId: input.questionId ?? null, imageId: input.imageId ?? null },
    });
    return s;
  });
  await announce(deps, interview.id, seq);
  return { seq };
}
