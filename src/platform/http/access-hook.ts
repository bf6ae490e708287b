import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Platform } from '../platform.js';
import { AppError } from './error-registry.js';
import { HttpErrors } from './errors.js';
import { anonymousActor, hasPermission } from '../identity/actor.js';
import type { AccessRule } from '../identity/permissions.js';
import { csrfMatches, resolveSession, SESSION_COOKIE, type ResolvedSession } from '../identity/session-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: AccessRule | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Deny by default. Every route must declare `config.access`; the list is checked when the
 * app is ready and start-up fails naming any route without one. Then, per request: resolve
 * the session, enforce password-change / 2FA-setup gates, the permission, and CSRF.
 */
export function installAccessControl(app: FastifyInstance, platform: Platform): () => RegisteredRoute[] {
  const routes: RouteOptions[] = [];
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);
  app.addHook('onRoute', (r) => {
    routes.push(r);
  });
  app.addHook('onReady', async () => {
    const missing = routes.filter((r) => !r.config?.access).map((r) => `${String(r.method)} ${r.url}`);
    if (missing.length > 0) throw new Error(`Routes without an access rule (deny by default): ${missing.join(', ')}`);
  });

  /** The session, gates, permission and CSRF of a route that is not public. */
  const checkSession = async (req: FastifyRequest, reply: FastifyReply, rule: AccessRule, ip: string, userAgent: string): Promise<void> => {
    const token = req.cookies[SESSION_COOKIE];
    req.session = token ? await resolveSession(platform.db, token, { now: platform.clock.now(), ip, userAgent, config: platform.config }) : null;
    if (req.session) req.actor = req.session.actor;
    if (!req.session) {
      if (token) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError(HttpErrors['auth.unauthenticated']);
    }
    if (!SAFE_METHODS.has(req.method) && !csrfMatches(req.session.csrfHash, headerValue(req, 'x-csrf-token'))) {
      throw new AppError(HttpErrors['auth.csrf']);
    }
    if (rule.kind === 'session') return;
    if (req.session.needsPasswordChange) throw new AppError(HttpErrors['auth.password_change_required']);
    if (req.session.needsMfaSetup) throw new AppError(HttpErrors['auth.mfa_setup_required']);
    if (rule.kind === 'permission' && !hasPermission(req.actor, rule.permission)) throw new AppError(HttpErrors['auth.forbidden']);
  };

  // Callback style: a public route (every page of every site) answers without a promise and a
  // microtask hop per hook; the rest waits for the session look-up.
  app.addHook('onRequest', (req, reply, done) => {
    const rule = req.routeOptions.config?.access;
    const ip = req.ip;
    const userAgent = String(req.headers['user-agent'] ?? '').slice(0, 512);
    req.actor = anonymousActor(ip, userAgent);
    // Public routes (login, console assets, docs, health) never use the session: skip the lookup.
    if (!rule || rule.kind === 'public') {
      done();
      return;
    }
    checkSession(req, reply, rule, ip, userAgent).then(() => done(), (err: unknown) => done(err as Error));
  });

  return () => routes.map((r) => ({ method: String(r.method), url: r.url, access: r.config?.access }));
}

function headerValue(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
