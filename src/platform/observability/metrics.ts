import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry, Counter } from 'prom-client';
import { access } from '../identity/permissions.js';

/**
 * Prometheus metrics on a registry per app (tests build many apps in one process).
 * Route labels use the route pattern, never the raw URL, so label cardinality stays bounded.
 */
export function installMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'jiyue_' });
  const duration = new Histogram({
    name: 'jiyue_http_request_duration_seconds', help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const, buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const overload = new Counter({ name: 'jiyue_http_overload_total', help: 'Requests answered 503 because the server was under pressure', registers: [registry] });
  app.decorate('jiyueOverloadCounter', overload);
  app.addHook('onResponse', async (req, reply) => {
    duration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true }, config: { access: access.public, quietRefusals: true } }, async (_req, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}

declare module 'fastify' {
  interface FastifyInstance {
    jiyueOverloadCounter: Counter;
  }
}
