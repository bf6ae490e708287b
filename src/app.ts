import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { Platform } from './platform/platform.js';
import './platform/http/route-config.js';
import { installValidators } from './platform/http/validator.js';
import { installAccessLog } from './platform/http/access-log.js';
import { answerFrameworkError, installErrorHandler } from './platform/http/error-handler.js';
import { installJsonBodyParser } from './platform/http/json-body-parser.js';
import { installTextGuard } from './platform/http/text-guard.js';
import { installAccessControl, type RegisteredRoute } from './platform/http/access-hook.js';
import { installSecurityHeaders, platformSecurityHeaders } from './platform/http/security-headers.js';
import { createOverloadGate, OVERLOAD_RETRY_AFTER_SEC } from './platform/http/overload-gate.js';
import { installUndeclaredInputGuard } from './platform/http/undeclared-input.js';
import { clientErrorHandler } from './platform/http/client-error.js';
import { installOpenApi } from './platform/http/openapi.js';
import { installAdminStatic } from './platform/http/admin-static.js';
import { installMetrics } from './platform/observability/metrics.js';
import { problemFor, requestLocale, sendProblem } from './platform/http/problem.js';
import { inTransaction } from './db/index.js';
import { healthRoutes } from './platform/http/health.routes.js';
import { authRoutes } from './platform/identity/auth.routes.js';
import { identityRoutes } from './platform/identity/identity.routes.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { jobsRoutes } from './platform/jobs/jobs.routes.js';
import { calendarRoutes } from './platform/calendar/calendar.routes.js';
import { moduleRoutes } from './modules/index.js';
import { registerTier, type TieredRoutes } from './platform/http/route-tiers.js';
import type { ProcessRole } from './config/index.js';

export interface BuildAppOptions {
  readonly platform: Platform;
  /** pino logger options, or false in tests. */
  readonly logger?: boolean | object;
  /**
   * The process roles whose HTTP side this app serves (default: the configured roles, i.e. all
   * three): `admin` the console, its API and the API docs; `public` the public sites and the
   * public API. /healthz and /metrics answer on every process. `worker` has no routes.
   */
  readonly roles?: readonly ProcessRole[];
}

/** The platform's own route plugins by tier (the modules' are in modules/index.ts). */
const platformRoutes: TieredRoutes = {
  admin: [authRoutes, identityRoutes, auditRoutes, jobsRoutes, calendarRoutes],
  public: [],
};

export interface JiyueApp extends FastifyInstance {
  jiyueRoutes(): RegisteredRoute[];
}

/**
 * Builds the HTTP application: platform plugins first (errors, security headers, access
 * control, limits), then each area's routes. The process entry (main.ts) and tests share it.
 */
export async function buildApp({ platform, logger = false, roles = platform.config.roles }: BuildAppOptions): Promise<JiyueApp> {
  const { config } = platform;
  const tiers = (['admin', 'public'] as const).filter((tier) => roles.includes(tier));
  // Overload is refused in front of Fastify once the under-pressure plugin (below) reports it.
  const gate = createOverloadGate({ securityHeaders: platformSecurityHeaders(), defaultLocale: config.defaultLocale });
  const app = Fastify({
    serverFactory: gate.serverFactory,
    logger: logger === true ? { level: config.logLevel } : logger,
    bodyLimit: config.bodyLimitBytes,
    // A list: only hops from these addresses are believed (Fastify walks X-Forwarded-For from the right).
    trustProxy: typeof config.trustProxy === 'boolean' ? config.trustProxy : [...config.trustProxy],
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: clientErrorHandler({ securityHeaders: platformSecurityHeaders(), defaultLocale: config.defaultLocale }),
    // One line per request instead of two (access-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
  });
  installAccessLog(app);
  (app as unknown as { jiyueDefaultLocale: string }).jiyueDefaultLocale = config.defaultLocale;
  installValidators(app);
  installJsonBodyParser(app);
  installTextGuard(app);
  installUndeclaredInputGuard(app);

  installErrorHandler(app, async (req, status, code) => {
    if (!req.url.startsWith('/api/')) return;
    await inTransaction(platform.db, (trx) => platform.audit.append(trx, req.actor, {
      action: code, result: status === 401 || status === 403 || status === 429 ? 'denied' : 'failure',
      targetType: 'http', targetId: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`.slice(0, 128),
      detail: { status, path: (req.url.split('?')[0] ?? '').slice(0, 200) },
    }));
  });
  // Security headers first: their onRequest hook must run before the access hook can refuse,
  // or refusals (401/403) would leave without CSP and nosniff.
  await installSecurityHeaders(app);
  // Overload is refused before any session lookup costs a database read.
  await app.register(underPressure, {
    maxEventLoopDelay: config.pressureMaxEventLoopDelayMs,
    maxEventLoopUtilization: config.pressureMaxEventLoopUtilization,
    // Utilisation over the last sample (1 s), not since start-up (the plugin's default): averaged
    // over a long idle spell, a cumulative figure never reached the limit under overload.
    eventLoopUtilizationMode: 'interval',
    retryAfter: OVERLOAD_RETRY_AFTER_SEC,
    pressureHandler: (req, reply) => {
      app.jiyueOverloadCounter.inc();
      void sendProblem(reply.header('retry-after', String(OVERLOAD_RETRY_AFTER_SEC)), problemFor('http.overloaded', requestLocale(req)));
    },
  });
  gate.watch(() => app.isUnderPressure(), () => app.jiyueOverloadCounter.inc());
  // Cookies are parsed before the access hook reads the session cookie.
  await app.register(cookie);
  const routes = installAccessControl(app, platform);
  await app.register(rateLimit, { global: false });
  installMetrics(app);
  // The API docs describe the console's API as well: they live with it.
  if (tiers.includes('admin')) await installOpenApi(app);

  await app.register(healthRoutes, { platform });
  for (const tier of tiers) await registerTier(app, tier, [...platformRoutes[tier], ...moduleRoutes[tier]], platform);
  // `/` belongs to the public sites (delivery): the portal's home page, or the console while nothing is published.
  if (tiers.includes('admin')) await installAdminStatic(app, { ownsRoot: !tiers.includes('public') });

  const jiyue = app as unknown as JiyueApp;
  jiyue.jiyueRoutes = routes;
  return jiyue;
}
