import type { EventBus } from '../../../platform/events/event-bus.js';
import type { Platform } from '../../../platform/platform.js';
import { interactionDeps, type InteractionDeps } from '../deps.js';

/** What interview operations need: the interaction deps and the live-event bus (LISTEN/NOTIFY on PostgreSQL). */
export interface InterviewDeps extends InteractionDeps {
  readonly events: EventBus;
}

export function interviewDeps(p: Platform): InterviewDeps {
  return { ...interactionDeps(p), events: p.events };
}

/** The bus channel every interview's "new transcript rows" hint travels on: `{ id, seq }`, a few bytes. */
export const INTERVIEW_CHANNEL = 'interview';

/** The bus channel that says an interview's questions changed (one came in, one was decided): `{ id }`. */
export const INTERVIEW_QUESTIONS_CHANNEL = 'interview.questions';

export interface InterviewNotice {
  readonly id: number;
  readonly seq: number;
}

export function isInterviewNotice(v: unknown): v is InterviewNotice {
  const n = v as InterviewNotice | null;
  return typeof n === 'object' && n !== null && Number.isSafeInteger(n.id) && Number.isSafeInteger(n.seq);
}
