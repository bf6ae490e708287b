import { inTransaction, type Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { listSitesInScope, requireSiteInScope } from '../../sites/index.js';
import { requireText } from '../validate-letter.js';
import type { InterviewDeps } from './interview-deps.js';
import { InterviewErrors } from './interview-errors.js';
import type { InterviewStatus } from './interview.tables.js';
import { announce, appendEntry } from './interview-transcript.js';
import { getInterview, listSiteInterviews, type Guest, type InterviewView } from './interviews.repo.js';

/** An interview lasts at most a day: a longer one is a typo in the end time. */
export const MAX_INTERVIEW_MS = 24 * 3_600_000;

export interface InterviewInput {
  readonly title: string;
  readonly topic?: string | undefined;
  readonly description?: string | undefined;
  readonly guests: readonly Guest[];
  readonly scheduledStart: number;
  readonly scheduledEnd: number;
}

export const STATUS_LABELS: Readonly<Record<InterviewStatus, string>> = { scheduled: '预告', live: '直播中', ended: '已结束', archived: '已归档' };

function checkSchedule(start: number, end: number): void {
  if (!(end > start) || end - start > MAX_INTERVIEW_MS) throw new AppError(InterviewErrors['interaction.interview.bad_schedule']);
}

function cleanGuests(guests: readonly Guest[]): Guest[] {
  const list = guests.map((g) => ({ name: g.name.trim(), title: g.title.trim(), org: g.org.trim() })).filter((g) => g.name !== '');
  if (list.length === 0) throw new AppError(InterviewErrors['interaction.interview.guests_required']);
  return list;
}

async function requireInterview(db: Db, id: number): Promise<InterviewView> {
  const i = await getInterview(db, id);
  if (!i) throw new AppError(InterviewErrors['interaction.interview.not_found']);
  return i;
}

/** Interviews of the sites the actor moderates or types for, newest first. */
export async function listInterviews({ db, actor, siteId }: { db: Db; actor: Actor; siteId?: number | undefined }): Promise<InterviewView[]> {
  const sites = siteId === undefined ? await listSitesInScope(db, actor, 'interaction.interviews.answer') : [await requireSiteInScope(db, actor, 'interaction.interviews.answer', siteId)];
  return (await Promise.all(sites.map((s) => listSiteInterviews(db, s.id)))).flat().sort((a, b) => b.scheduledStart - a.scheduledStart || b.id - a.id);
}

export async function interviewForConsole({ db, actor, interviewId }: { db: Db; actor: Actor; interviewId: number }): Promise<InterviewView> {
  const i = await requireInterview(db, interviewId);
  await requireSiteInScope(db, actor, 'interaction.interviews.answer', i.siteId);
  return i;
}

/** Schedules an interview: announced on the site at once, taking questions until it ends. */
export async function createInterview({ db, actor, siteId, input, deps }: { db: Db; actor: Actor; siteId: number; input: InterviewInput; deps: InterviewDeps }): Promise<InterviewView> {
  const site = await requireSiteInScope(db, actor, 'interaction.interviews.manage', siteId);
  const title = requireText(input.title, '访谈标题', 'title');
  const guests = cleanGuests(input.guests);
  checkSchedule(input.scheduledStart, input.scheduledEnd);
  const now = deps.clock.now();
  const id = await inTransaction(db, async (trx) => {
    const row = await trx.insertInto('interviews').values({
      site_id: site.id, title, topic: input.topic?.trim() ?? '', description: input.description?.trim() ?? '', guests: JSON.stringify(guests),
      scheduled_start: input.scheduledStart, scheduled_end: input.scheduledEnd, status: 'scheduled', last_seq: 0, started_at: null, ended_at: null,
      created_by: actor.userId, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await deps.audit.append(trx, actor, {
      action: 'interaction.interview.create', result: 'success', targetType: 'interview', targetId: row.id,
      detail: { siteId: site.id, title, scheduledStart: input.scheduledStart, scheduledEnd: input.scheduledEnd, guests: guests.length },
    });
    return Number(row.id);
  });
  return requireInterview(db, id);
}

/** Changes the announcement; the schedule is fixed once the interview has ended. */
export async function updateInterview({ db, actor, interviewId, input, deps }: { db: Db; actor: Actor; interviewId: number; input: Partial<InterviewInput>; deps: InterviewDeps }): Promise<InterviewView> {
  const before = await requireInterview(db, interviewId);
  await requireSiteInScope(db, actor, 'interaction.interviews.manage', before.siteId);
  if (before.status === 'ended' || before.status === 'archived') throw new AppError(InterviewErrors['interaction.interview.not_editable']);
  const title = input.title === undefined ? undefined : requireText(input.title, '访谈标题', 'title');
  const guests = input.guests === undefined ? undefined : cleanGuests(input.guests);
  const start = input.scheduledStart ?? before.scheduledStart;
  const end = input.scheduledEnd ?? before.scheduledEnd;
  checkSchedule(start, end);
  await inTransaction(db, async (trx) => {
    await trx.updateTable('interviews').set({
      ...(title !== undefined ? { title } : {}),
      ...(input.topic !== undefined ? { topic: input.topic.trim() } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(guests !== undefined ? { guests: JSON.stringify(guests) } : {}),
      scheduled_start: start, scheduled_end: end, updated_at: deps.clock.now(),
    }).where('id', '=', interviewId).execute();
    await deps.audit.append(trx, actor, {
      action: 'interaction.interview.update', result: 'success', targetType: 'interview', targetId: interviewId,
      detail: { before: { title: before.title, scheduledStart: before.scheduledStart, scheduledEnd: before.scheduledEnd }, changes: { title, scheduledStart: start, scheduledEnd: end, guests: guests?.length } },
    });
  });
  return requireInterview(db, interviewId);
}

export type InterviewAction = 'start' | 'end' | 'archive';

const TRANSITIONS: Readonly<Record<InterviewAction, { from: InterviewStatus; to: InterviewStatus; notice: string | null; name: string }>> = {
  start: { from: 'scheduled', to: 'live', notice: '访谈开始。', name: '开始访谈' },
  end: { from: 'live', to: 'ended', notice: '访谈结束，感谢各位网友的参与！', name: '结束访谈' },
  archive: { from: 'ended', to: 'archived', notice: null, name: '归档' },
};

/**
 * start → live (questions keep coming, answers may be posted), end → ended (the live page
 * becomes the archive), archive → archived (listed under past interviews only). Start and end
 * write a notice into the transcript, so every open stream learns of them in order.
 */
export async function changeInterviewStatus({ db, actor, interviewId, action, deps }: { db: Db; actor: Actor; interviewId: number; action: InterviewAction; deps: InterviewDeps }): Promise<InterviewView> {
  const before = await requireInterview(db, interviewId);
  await requireSiteInScope(db, actor, 'interaction.interviews.manage', before.siteId);
  const t = TRANSITIONS[action];
  const now = deps.clock.now();
  const seq = await inTransaction(db, async (trx) => {
    const r = await trx.updateTable('interviews').set({
      status: t.to, updated_at: now, ...(action === 'start' ? { started_at: now } : {}), ...(action === 'end' ? { ended_at: now } : {}),
    }).where('id', '=', interviewId).where('status', '=', t.from).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError(InterviewErrors['interaction.interview.illegal_transition'], { status: STATUS_LABELS[before.status], action: t.name });
    const s = t.notice === null ? null : await appendEntry(trx, interviewId, { kind: 'notice', speaker: '', body: t.notice }, actor, now, false);
    await deps.audit.append(trx, actor, { action: `interaction.interview.${action}`, result: 'success', targetType: 'interview', targetId: interviewId, detail: { from: t.from, to: t.to } });
    return s;
  });
  if (seq !== null) await announce(deps, interviewId, seq);
  return requireInterview(db, interviewId);
}
