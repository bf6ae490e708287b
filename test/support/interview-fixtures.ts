import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Platform } from '../../src/platform/platform.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { changeInterviewStatus, createInterview, decideQuestion, INTERVIEW_QUESTIONS_CHANNEL, interviewDeps, postEntry, type InterviewView } from '../../src/modules/interaction/index.js';

const HOUR = 3_600_000;

/** An interview on the provincial portal (site 1) in the given status, made through the operations. */
export async function seedInterview(platform: Platform, status: 'scheduled' | 'live' | 'ended' = 'scheduled', title = '优化营商环境在线访谈'): Promise<InterviewView> {
  const deps = interviewDeps(platform);
  const actor = systemActor('fixture');
  const now = platform.clock.now();
  let i = await createInterview({
    db: platform.db, actor, siteId: 1, deps,
    input: { title, topic: '营商环境', description: '欢迎网友提问。', guests: [{ name: '王局长', title: '局长', org: '省发展改革委' }], scheduledStart: now + HOUR, scheduledEnd: now + 3 * HOUR },
  });
  if (status !== 'scheduled') i = await changeInterviewStatus({ db: platform.db, actor, interviewId: i.id, action: 'start', deps });
  if (status === 'ended') i = await changeInterviewStatus({ db: platform.db, actor, interviewId: i.id, action: 'end', deps });
  return i;
}

/** A pending question inserted directly (the captcha path is tested through HTTP). */
export async function seedQuestion(platform: Platform, interviewId: number, body = '请问企业开办需要几天？', approve = false, nickname = '网友甲'): Promise<number> {
  const { id } = await platform.db.insertInto('interview_questions').values({
    interview_id: interviewId, nickname, body, status: 'pending', during_live: 0, submitted_at: platform.clock.now(), decided_at: null, decided_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  // As submitQuestion does: consoles watching the interview reload their queue.
  await platform.events.publish({ channel: INTERVIEW_QUESTIONS_CHANNEL, data: { id: interviewId } });
  if (approve) await decideQuestion({ db: platform.db, actor: systemActor('fixture'), questionId: Number(id), decision: 'approve', deps: interviewDeps(platform) });
  return Number(id);
}

export async function seedRemark(platform: Platform, interviewId: number, body: string): Promise<number> {
  return (await postEntry({ db: platform.db, actor: systemActor('fixture'), interviewId, input: { kind: 'remark', body }, deps: interviewDeps(platform) })).seq;
}

export interface SseEvent {
  readonly id: string;
  readonly event: string;
  readonly data: string;
}

/** A raw server-sent-events client over a real socket (inject cannot stream). */
export interface SseClient {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly events: SseEvent[];
  readonly comments: string[];
  /** The body when the answer is not a stream (a 503's problem document). */
  body(): string;
  waitFor(n: number, ms?: number): Promise<SseEvent[]>;
  close(): void;
}

export function openSse(port: number, path: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { accept: 'text/event-stream', ...headers }, agent: false }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      let buf = '';
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        raw += chunk;
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const ev = { id: '', event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) { ev.id = line.slice(4); isEvent = true; }
            else if (line.startsWith('event: ')) { ev.event = line.slice(7); isEvent = true; }
            else if (line.startsWith('data: ')) { ev.data += line.slice(6); isEvent = true; }
          }
          if (isEvent) events.push(ev);
        }
      });
      res.on('error', () => undefined);
      resolve({
        status: res.statusCode ?? 0, headers: res.headers, events, comments,
        body: () => raw,
        async waitFor(n, ms = 10_000) {
          const end = Date.now() + ms;
          while (events.length < n) {
            if (Date.now() > end) throw new Error(`expected ${n} events, got ${events.length}: ${JSON.stringify(events)}`);
            await delay(10);
          }
          return events;
        },
        close: () => { req.destroy(); },
      });
    });
    req.on('error', reject);
  });
}

export async function until(pred: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await delay(10);
  }
}
