import type { FastifyInstance } from 'fastify';

/**
 * One log line per request, when its answer has gone: method, URL, host, client address,
 * status and time (Fastify's request and reply serializers), at info. Fastify's own request
 * logging writes two lines per request ('incoming request', 'request completed'); the writes
 * alone were about 6 % of the server's samples in a profile of the letters benchmark. A route's
 * logLevel still applies (the public page routes log at warn). Errors are logged by the error
 * handler ('unhandled error'), which Fastify's request logging switch does not silence.
 */
/** Levels at which an info line is dropped. */
const ABOVE_INFO = new Set(['warn', 'error', 'fatal', 'silent']);

export function installAccessLog(app: FastifyInstance): void {
  app.addHook('onResponse', (req, reply, done) => {
    // The public page routes log at warn: skip building the line nobody writes.
    if (!ABOVE_INFO.has(req.log.level)) req.log.info({ req, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });
}
