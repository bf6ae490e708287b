import type { FastifyReply, FastifyRequest } from 'fastify';
import { openEventStream } from '../../../platform/http/event-stream.js';
import type { InterviewHub } from './interview-hub.js';

/** Where a stream resumes: the Last-Event-ID header (EventSource sends it on reconnect), else `?after=`, else the start. */
export function resumeFrom(req: FastifyRequest, after: number | undefined): number {
  const header = req.headers['last-event-id'];
  const v = typeof header === 'string' && /^\d{1,9}$/.test(header.trim()) ? Number(header.trim()) : after ?? 0;
  return Math.max(0, v);
}

/**
 * Server-sent events of one interview's transcript: every entry after the resume point as
 * `id: <seq>` / `event: entry`, then new entries as the hub reads them. The hub subscription
 * ends as soon as the client goes away.
 */
export async function streamInterview(req: FastifyRequest, reply: FastifyReply, opts: { hub: InterviewHub; interviewId: number; afterSeq: number; knownSeq: number; track: (end: () => void) => () => void }): Promise<void> {
  const stream = openEventStream(req, reply, opts.track);
  try {
    stream.onClose(await opts.hub.join(opts.interviewId, opts.afterSeq, opts.knownSeq, stream));
  } catch (err) {
    req.log.error({ err }, 'interview stream: catch-up read failed');
    stream.end();
  }
}
