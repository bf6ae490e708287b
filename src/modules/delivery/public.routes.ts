import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/error-registry.js';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { PUBLIC_SECURITY_HEADERS } from './http/public-headers.js';
import { createPublicServer, PLATFORM_PATH } from './public-server.js';
import { BUILTIN_PAGES } from './builtin-pages.js';

/**
 * Every GET and HEAD that no other route claims: the public sites, chosen by Host. Paths under
 * /api, /admin, /healthz and /metrics keep the platform's problem+json 404.
 */
export async function publicRoutes(app: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const server = createPublicServer(platform, { logError: (err, msg) => app.log.error({ err }, msg) });
  app.addHook('onClose', async () => server.close());
  // The public set (public CSP) is set by the platform's first onRequest hook, so the answers
  // given before the handler runs (the text guard's 400 for a NUL, overload) carry it too.
  const config = { access: access.public, quietRefusals: true, securityHeaders: PUBLIC_SECURITY_HEADERS };
  const schema = { hide: true };
  // Page views are counted by /metrics, not logged one by one: two JSON lines per hit cost a
  // quarter of a page's serving time. Warnings and errors are still logged.
  const logLevel = 'warn';
  // Not helmet's headers: the route's own set above.
  const helmet = false;
  // A page address refused before the handler (the text guard's 400 for a NUL in the path or
  // query) is answered with a page, as a visitor's browser expects; the platform's own paths
  // (/api…) keep problem+json from the app's handler.
  const errorHandler = (err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (err instanceof AppError && err.status === 400 && !PLATFORM_PATH.test(req.url.split('?')[0] ?? '')) {
      return reply.code(400).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(req.method === 'HEAD' ? undefined : BUILTIN_PAGES[400]);
    }
    throw err;
  };
  app.get('/*', { config, schema, logLevel, helmet, errorHandler, exposeHeadRoute: false }, (req, reply) => server.handle(req, reply));
  app.head('/*', { config, schema, logLevel, helmet, errorHandler }, (req, reply) => server.handle(req, reply));
}
