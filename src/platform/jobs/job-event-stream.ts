import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus } from '../events/event-bus.js';

export interface JobEventStreamOptions {
  readonly events: EventBus;
  /** Only this job's events (`job:<id>`); otherwise every job's (`jobs`). */
  readonly jobId?: number;
  readonly heartbeatMs?: number;
  /** Registers the stream so the server can end it when it closes; returns the unregister function. */
  readonly track: (end: () => void) => () => void;
}

/** A client that stops reading is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1_000_000;

/**
 * Server-sent events: `event: job` with the JSON of every status or progress change, a
 * comment every 15 s so proxies keep the connection open, and the subscription dropped as
 * soon as the client goes away. The reply is hijacked, so the headers Fastify collected
 * (security headers) are copied onto the raw response.
 */
export function streamJobEvents(req: FastifyRequest, reply: FastifyReply, opts: JobEventStreamOptions): void {
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
  const write = (chunk: string): void => {
    if (closed) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) return end();
    res.write(chunk);
  };
  const unsubscribe = opts.events.subscribe(opts.jobId ? `job:${opts.jobId}` : 'jobs', (data) => {
    write(`event: job\ndata: ${JSON.stringify(data)}\n\n`);
  });
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), opts.heartbeatMs ?? 15_000);
  heartbeat.unref();
  const untrack = opts.track(() => end());

  function cleanup(): void {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    untrack();
  }
  function end(): void {
    cleanup();
    res.end();
  }
  req.raw.on('close', cleanup);
  res.on('close', cleanup);
  res.on('error', cleanup);
}
