import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { createPublicServer } from './public-server.js';

/**
 * Every GET and HEAD that no other route claims: the public sites, chosen by Host. Paths under
 * /api, /admin, /healthz and /metrics keep the platform's problem+json 404.
 */
export async function publicRoutes(app: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const server = createPublicServer(platform, { logError: (err, msg) => app.log.error({ err }, msg) });
  app.addHook('onClose', async () => server.close());
  const config = { access: access.public, quietRefusals: true };
  const schema = { hide: true };
  // Page views are counted by /metrics, not logged one by one: two JSON lines per hit cost a
  // quarter of a page's serving time. Warnings and errors are still logged.
  const logLevel = 'warn';
  // The security headers come from PUBLIC_SECURITY_HEADERS (the platform's set, public CSP).
  const helmet = false;
  app.get('/*', { config, schema, logLevel, helmet, exposeHeadRoute: false }, (req, reply) => server.handle(req, reply));
  app.head('/*', { config, schema, logLevel, helmet }, (req, reply) => server.handle(req, reply));
}
