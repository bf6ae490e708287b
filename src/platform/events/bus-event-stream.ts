import type { FastifyReply, FastifyRequest } from 'fastify';
import { openEventStream } from '../http/event-stream.js';
import type { EventBus } from './event-bus.js';

export interface BusEventStreamOptions {
  readonly events: EventBus;
  /** The bus channel to relay. */
  readonly channel: string;
  /** The SSE event name each frame carries. */
  readonly event: string;
  /** What of a bus event the client gets; undefined skips it. Default: the event's data as is. */
  readonly select?: (data: unknown) => unknown;
  readonly heartbeatMs?: number;
  readonly track: (end: () => void) => () => void;
}

/**
 * Server-sent events relaying one bus channel (LISTEN/NOTIFY across processes on PostgreSQL):
 * `event: <event>` with the JSON of every event selected, a comment every 15 s so proxies keep
 * the connection open, and the subscription dropped as soon as the client goes away.
 */
export function streamBusEvents(req: FastifyRequest, reply: FastifyReply, opts: BusEventStreamOptions): void {
  const stream = openEventStream(req, reply, opts.track);
  const unsubscribe = opts.events.subscribe(opts.channel, (data) => {
    const payload = opts.select ? opts.select(data) : data;
    if (payload !== undefined) stream.send(`event: ${opts.event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => stream.send(': heartbeat\n\n'), opts.heartbeatMs ?? 15_000);
  heartbeat.unref();
  stream.onClose(() => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
