import type { Db } from '../../../db/index.js';
import { maskFreeText } from '../mask-free-text.js';
import type { EntryKind, InterviewsTable, InterviewStatus, QuestionStatus } from './interview.tables.js';

export interface Guest {
  readonly name: string;
  readonly title: string;
  readonly org: string;
}

export interface InterviewView {
  readonly id: number;
  readonly siteId: number;
  readonly title: string;
  readonly topic: string;
  readonly description: string;
  readonly guests: Guest[];
  readonly scheduledStart: number;
  readonly scheduledEnd: number;
  readonly status: InterviewStatus;
  readonly lastSeq: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

export interface QuestionView {
  readonly id: number;
  readonly interviewId: number;
  readonly nickname: string;
  readonly body: string;
  readonly status: QuestionStatus;
  readonly duringLive: boolean;
  readonly submittedAt: number;
}

/** One transcript entry as pages and streams show it: the question it answers travels with it. */
export interface EntryView {
  readonly seq: number;
  readonly kind: EntryKind;
  readonly speaker: string;
  readonly body: string;
  readonly at: number;
  readonly question: { readonly id: number; readonly nickname: string; readonly body: string } | null;
  readonly imageId: number | null;
}

export interface ImageView {
  readonly id: number;
  readonly fileName: string;
  readonly mime: string;
  readonly size: number;
}

function parseGuests(json: string): Guest[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((g): g is Guest => typeof g === 'object' && g !== null && typeof (g as Guest).name === 'string') : [];
  } catch {
    return [];
  }
}

function toView(r: { [K in keyof InterviewsTable]: K extends 'id' ? number : InterviewsTable[K] }): InterviewView {
  return {
    id: Number(r.id), siteId: Number(r.site_id), title: r.title, topic: r.topic, description: r.description, guests: parseGuests(r.guests),
    scheduledStart: Number(r.scheduled_start), scheduledEnd: Number(r.scheduled_end), status: r.status, lastSeq: Number(r.last_seq),
    startedAt: r.started_at === null ? null : Number(r.started_at), endedAt: r.ended_at === null ? null : Number(r.ended_at),
  };
}

export async function getInterview(db: Db, id: number): Promise<InterviewView | undefined> {
  const r = await db.selectFrom('interviews').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toView(r) : undefined;
}

export async function listSiteInterviews(db: Db, siteId: number): Promise<InterviewView[]> {
  const rows = await db.selectFrom('interviews').selectAll().where('site_id', '=', siteId).orderBy('scheduled_start', 'desc').orderBy('id', 'desc').limit(200).execute();
  return rows.map(toView);
}

const QUESTION_COLUMNS = ['id', 'interview_id', 'nickname', 'body', 'status', 'during_live', 'submitted_at'] as const;

export async function listQuestions(db: Db, interviewId: number, statuses?: readonly QuestionStatus[]): Promise<QuestionView[]> {
  let q = db.selectFrom('interview_questions').select(QUESTION_COLUMNS).where('interview_id', '=', interviewId);
  if (statuses) q = q.where('status', 'in', statuses);
  const rows = await q.orderBy('id', 'asc').limit(2000).execute();
  return rows.map(toQuestion);
}

/**
 * Questions a moderator let through, as the public sees them: phone, ID-card numbers and emails
 * a citizen typed into the question or the nickname are masked (NORMS: never on public pages),
 * as in published letters. Moderators read the questions as sent (listQuestions).
 */
export async function publicQuestions(db: Db, interviewId: number, statuses: readonly QuestionStatus[]): Promise<QuestionView[]> {
  return (await listQuestions(db, interviewId, statuses)).map((q) => ({ ...q, nickname: maskFreeText(q.nickname), body: maskFreeText(q.body) }));
}

function toQuestion(r: { id: number; interview_id: number; nickname: string; body: string; status: QuestionStatus; during_live: number; submitted_at: number }): QuestionView {
  return { id: Number(r.id), interviewId: Number(r.interview_id), nickname: r.nickname, body: r.body, status: r.status, duringLive: Number(r.during_live) === 1, submittedAt: Number(r.submitted_at) };
}

export async function getQuestion(db: Db, id: number): Promise<QuestionView | undefined> {
  const r = await db.selectFrom('interview_questions').select(QUESTION_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toQuestion(r) : undefined;
}

/**
 * The transcript after `afterSeq`, in order, each answer with its question: what a page
 * renders (afterSeq 0) and what a process reads once per notification to push to its streams.
 * The transcript is public: the citizen's question quoted in it is masked as publicQuestions does.
 */
export async function entriesAfter(db: Db, interviewId: number, afterSeq: number, limit = 5000): Promise<EntryView[]> {
  const rows = await db.selectFrom('interview_entries as e')
    .leftJoin('interview_questions as q', 'q.id', 'e.question_id')
    .select(['e.seq', 'e.kind', 'e.speaker', 'e.body', 'e.created_at', 'e.image_id', 'q.id as qid', 'q.nickname as qnick', 'q.body as qbody'])
    .where('e.interview_id', '=', interviewId).where('e.seq', '>', afterSeq)
    .orderBy('e.seq', 'asc').limit(limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq), kind: r.kind, speaker: r.speaker, body: r.body, at: Number(r.created_at), imageId: r.image_id === null ? null : Number(r.image_id),
    question: r.qid === null ? null : { id: Number(r.qid), nickname: maskFreeText(r.qnick ?? ''), body: maskFreeText(r.qbody ?? '') },
  }));
}

export async function listImages(db: Db, interviewId: number): Promise<ImageView[]> {
  const rows = await db.selectFrom('interview_images').select(['id', 'file_name', 'mime', 'size']).where('interview_id', '=', interviewId).orderBy('id').execute();
  return rows.map((r) => ({ id: Number(r.id), fileName: r.file_name, mime: r.mime, size: Number(r.size) }));
}

export async function readImage(db: Db, id: number): Promise<{ interviewId: number; mime: string; bytes: Buffer } | undefined> {
  const r = await db.selectFrom('interview_images').select(['interview_id', 'mime', 'content']).where('id', '=', id).executeTakeFirst();
  return r ? { interviewId: Number(r.interview_id), mime: r.mime, bytes: Buffer.from(r.content, 'base64') } : undefined;
}

/** Images used by the transcript; the others make the interview's gallery. */
export async function imagesInTranscript(db: Db, interviewId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('interview_entries').select('image_id').where('interview_id', '=', interviewId).where('image_id', 'is not', null).execute();
  return new Set(rows.map((r) => Number(r.image_id)));
}
