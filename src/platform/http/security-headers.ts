import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import helmetMiddleware from 'helmet';

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
export function platformSecurityHeaders(): Readonly<Record<string, string>> {
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

/**
 * Every answer gets the platform's security headers, except routes declared `helmet: false`
 * (the public pages, which set their own set, public-headers.ts). @fastify/helmet would run
 * helmet's middleware builder on every request (a few per cent of a small API request's time in
 * the letters benchmark's profile); the headers never change, so they are computed once and
 * set by one hook. The plugin stays registered (not global) for `reply.helmet()` and the
 * `helmet: false` route option.
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, { ...HELMET_OPTIONS, global: false });
  const headers = platformSecurityHeaders();
  app.addHook('onRequest', (req, reply, done) => {
    const route = (req.routeOptions.config as { helmet?: { skipRoute?: boolean } } | undefined)?.helmet;
    if (route?.skipRoute !== true) reply.headers(headers);
    done();
  });
}
