import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus } from '../events/event-bus.js';
import { openEventStream } from '../http/event-stream.js';

export interface JobEventStreamOptions {
  readonly events: EventBus;
  /** Only this job's events (`job:<id>`); otherwise every job's (`jobs`). */
  readonly jobId?: number;
  readonly heartbeatMs?: number;
  /** Registers the stream so the server can end it when it closes; returns the unregister function. */
  readonly track: (end: () => void) => () => void;
}

/**
 * Server-sent events: `event: job` with the JSON of every status or progress change, a
 * comment every 15 s so proxies keep the connection open, and the subscription dropped as
 * soon as the client goes away.
 */
export function streamJobEvents(req: FastifyRequest, reply: FastifyReply, opts: JobEventStreamOptions): void {
  const stream = openEventStream(req, reply, opts.track);
  const unsubscribe = opts.events.subscribe(opts.jobId ? `job:${opts.jobId}` : 'jobs', (data) => {
    stream.send(`event: job\ndata: ${JSON.stringify(data)}\n\n`);
  });
  const heartbeat = setInterval(() => stream.send(': heartbeat\n\n'), opts.heartbeatMs ?? 15_000);
  heartbeat.unref();
  stream.onClose(() => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
