import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A client that stops reading is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1_000_000;

/** An open server-sent events response. */
export interface EventStream {
  /** Writes one frame; a client that stopped reading (over 1 MB waiting) is disconnected instead. */
  send(frame: string): void;
  /** Ends the response (and runs the close handlers). */
  end(): void;
  readonly closed: boolean;
  /** Runs once when the stream closes, by either side; at once if it already has. */
  onClose(fn: () => void): void;
}

/**
 * Starts a server-sent events response: the SSE headers and a `retry` hint, the reply hijacked
 * (so the headers Fastify collected, the security headers, are copied onto the raw response),
 * and the stream registered with `track` so the server can end it when it shuts down.
 */
export function openEventStream(req: FastifyRequest, reply: FastifyReply, track: (end: () => void) => () => void): EventStream {
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
  const onClose: (() => void)[] = [];
  const cleanup = (): void => {
    if (closed) return;
    closed = true;
    for (const fn of onClose.splice(0)) fn();
  };
  const end = (): void => {
    cleanup();
    res.end();
  };
  onClose.push(track(end));
  req.raw.on('close', cleanup);
  res.on('close', cleanup);
  res.on('error', cleanup);
  return {
    send(frame) {
      if (closed) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) return end();
      res.write(frame);
    },
    end,
    get closed() { return closed; },
    onClose(fn) {
      if (closed) fn();
      else onClose.push(fn);
    },
  };
}

/**
 * What an SSE route registers its streams with: open streams would keep the server from
 * closing, so they are all ended before it closes. One per plugin (routes share it).
 */
export function eventStreamTracker(app: FastifyInstance): (end: () => void) => () => void {
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });
  return (end) => {
    streams.add(end);
    return () => streams.delete(end);
  };
}
