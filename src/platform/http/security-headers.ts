import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import helmetMiddleware from 'helmet';
import { PUBLIC_API_PREFIX } from './route-tiers.js';

/**
 * A real CSP: scripts only from this origin. Ant Design injects <style> elements at run time,
 * so styles allow 'unsafe-inline' (styles cannot run code; scripts stay locked down).
 */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'self'"],
    },
  },
  crossOriginEmbedderPolicy: false,
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
} as const;

/** The headers helmet writes with these options, read once by running it against a recorder. */
function helmetHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) { headers[name.toLowerCase()] = String(value); },
    removeHeader(name: string) { delete headers[name.toLowerCase()]; },
    getHeader(name: string) { return headers[name.toLowerCase()]; },
  };
  let failed: unknown = null;
  helmetMiddleware(HELMET_OPTIONS)({} as never, res as never, (err?: unknown) => { failed = err ?? null; });
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return Object.freeze(headers);
}

let platformHeaders: Readonly<Record<string, string>> | null = null;

/** The platform's security headers (what helmet writes with HELMET_OPTIONS), computed once. */
export function platformSecurityHeaders(): Readonly<Record<string, string>> {
  platformHeaders ??= helmetHeaders();
  return platformHeaders;
}

/**
 * The headers an answer starts with, before its route says anything: the route's own security
 * set (`config.securityHeaders`, the public sites') or the platform's, and under the public API
 * `Cache-Control: no-store` — what the JSON API answers about letters and searches must not sit
 * in shared caches; a route that means to be cached sets its own, which replaces this one.
 * Used by the onRequest hook and by the answers Fastify gives before routing (frameworkErrors),
 * which no hook sees.
 */
export function setBaseHeaders(req: FastifyRequest, reply: FastifyReply): void {
  reply.headers(req.routeOptions.config?.securityHeaders ?? platformSecurityHeaders());
  if (req.url.startsWith(PUBLIC_API_PREFIX)) reply.header('cache-control', 'no-store');
}

/**
 * Every answer gets security headers from one onRequest hook, registered before any hook that
 * can refuse (access, overload, text guard, rate limit), so refusals carry them too: the
 * platform's set, or the set a route declares (`config.securityHeaders`: the public pages, with
 * their own CSP, public-headers.ts). Routes declared `helmet: false` that set the public set in
 * their handler get the platform's first, so their early refusals are not bare. @fastify/helmet
 * would run helmet's middleware builder on every request (a few per cent of a small API
 * request's time in the letters benchmark's profile); the headers never change, so they are
 * computed once. The plugin stays registered (not global) for `reply.helmet()` and the
 * `helmet: false` route option.
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, { ...HELMET_OPTIONS, global: false });
  app.addHook('onRequest', (req, reply, done) => {
    setBaseHeaders(req, reply);
    done();
  });
}
