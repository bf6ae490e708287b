import http from 'node:http';
import type { FastifyServerFactory } from 'fastify';
import { pickLocale, type Locale } from '../i18n/locale.js';
import { problemFor } from './problem.js';

/** Seconds a refused client is asked to wait (Retry-After), the same as the under-pressure plugin's. */
export const OVERLOAD_RETRY_AFTER_SEC = 10;

/**
 * The HTTP server, with overload refused before Fastify sees the request.
 *
 * The under-pressure plugin refuses from an `onRequest` hook: routing, the request and reply
 * objects, the hooks before it and the serializer all still run, so a 503 cost about what a
 * cached article page costs, and a server offered three times what it serves fell behind just
 * the same: requests waited in socket buffers past 10 s (overload benchmark, session 11). Here a
 * refusal is one `writeHead` and `end` of bytes prepared at start-up, decided by the plugin's
 * own state (`isUnderPressure()`, sampled once a second), so refusing costs a fraction of
 * answering. The plugin's hook stays: it answers requests that never pass a socket (`inject`)
 * and any that arrive between a sample and the gate. The refusal is the plugin's: the same
 * problem+json (zh-CN or en by Accept-Language), status, Retry-After and security headers, plus
 * `Cache-Control: no-store`; it is counted in the metrics but not written to the access log.
 * A request with a body is refused with `Connection: close` (and, for `Expect: 100-continue`,
 * before the body is asked for), so a refused upload is never read through.
 *
 * With its own server factory Fastify binds only the first address of `HOST` (for `localhost`,
 * 127.0.0.1 or ::1, not both); the default 127.0.0.1 and any IP address are unaffected.
 */
export interface OverloadGate {
  readonly serverFactory: FastifyServerFactory;
  /** Starts refusing whenever `overloaded()` says so; `refused` is told each refusal (metrics). */
  watch(overloaded: () => boolean, refused: () => void): void;
}

/** The Fastify options its own HTTP/1 server is made from (lib/server.js). */
interface ServerOptions {
  readonly http?: http.ServerOptions;
  readonly keepAliveTimeout?: number;
  readonly requestTimeout?: number;
  readonly connectionTimeout?: number;
  readonly maxRequestsPerSocket?: number;
}

export function createOverloadGate(opts: { readonly securityHeaders: Readonly<Record<string, string>>; readonly defaultLocale: Locale }): OverloadGate {
  const refusal = (locale: Locale) => {
    const body = Buffer.from(JSON.stringify(problemFor('http.overloaded', locale)));
    const headers = {
      ...opts.securityHeaders, 'content-type': 'application/problem+json; charset=utf-8', 'content-length': String(body.length),
      'retry-after': String(OVERLOAD_RETRY_AFTER_SEC), 'cache-control': 'no-store',
    };
    return { body, headers, closing: { ...headers, connection: 'close' } };
  };
  const answers = { 'zh-CN': refusal('zh-CN'), en: refusal('en') } as const;
  let overloaded = (): boolean => false;
  let refused = (): void => undefined;

  const refuse = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    refused();
    const answer = answers[pickLocale(req.headers['accept-language'], opts.defaultLocale)];
    const hasBody = (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;
    res.writeHead(503, hasBody ? answer.closing : answer.headers);
    res.end(answer.body);
  };

  const serverFactory: FastifyServerFactory = (handler, fastifyOptions) => {
    const options = fastifyOptions as ServerOptions;
    const server = http.createServer(options.http ?? {}, (req, res) => {
      if (overloaded()) refuse(req, res);
      else handler(req, res);
    });
    // Without this listener Node sends 100 Continue itself, and the client sends its body.
    server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (overloaded()) {
        refuse(req, res);
        return;
      }
      res.writeContinue();
      handler(req, res);
    });
    // What Fastify sets on the server it would have made (lib/server.js), from the same options.
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout ?? 0);
    if (options.maxRequestsPerSocket !== undefined && options.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };

  return {
    serverFactory,
    watch(check, onRefused) {
      overloaded = check;
      refused = onRefused;
    },
  };
}
