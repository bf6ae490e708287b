import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InterviewHub } from './interview-hub.js';

/** A client that stops reading is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1_000_000;

/** Where a stream resumes: the Last-Event-ID header (EventSource sends it on reconnect), else `?after=`, else the start. */
export function resumeFrom(req: FastifyRequest, after: number | undefined): number {
  const header = req.headers['last-event-id'];
  const v = typeof header === 'string' && /^\d{1,9}$/.test(header.trim()) ? Number(header.trim()) : after ?? 0;
  return Math.max(0, v);
}

/**
 * Server-sent events of one interview's transcript: `retry`, then every entry after the
 * resume point as `id: <seq>` / `event: entry`, then new entries as the hub reads them, and a
 * heartbeat comment. Subscriptions end as soon as the client goes away. The reply is hijacked,
 * so the headers Fastify collected (security headers) are copied onto the raw response.
 */
export async function streamInterview(req: FastifyRequest, reply: FastifyReply, opts: { hub: InterviewHub; interviewId: number; afterSeq: number; knownSeq: number; track: (end: () => void) => () => void }): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  const collected = Object.entries(reply.getHeaders()).filter((e): e is [string, string | number | string[]] => e[1] !== undefined);
  res.writeHead(200, {
    ...Object.fromEntries(collected),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n: connected\n\n');
  let closed = false;
  let leave: (() => void) | null = null;
  const untrack = opts.track(() => end());
  function cleanup(): void {
    if (closed) return;
    closed = true;
    leave?.();
    untrack();
  }
  function end(): void {
    cleanup();
    res.end();
  }
  const client = {
    send(frame: string): void {
      if (closed) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) return end();
      res.write(frame);
    },
    end,
  };
  req.raw.on('close', cleanup);
  res.on('close', cleanup);
  res.on('error', cleanup);
  try {
    const l = await opts.hub.join(opts.interviewId, opts.afterSeq, opts.knownSeq, client);
    if (closed) l();
    else leave = l;
  } catch (err) {
    req.log.error({ err }, 'interview stream: catch-up read failed');
    end();
  }
}
