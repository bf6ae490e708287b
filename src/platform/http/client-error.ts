import http from 'node:http';
import type { Socket } from 'node:net';
import type { Locale } from '../i18n/locale.js';
import { HttpErrors } from './errors.js';
import { problemFor } from './problem.js';

/** A request line longer than this (of a header section too large to read) is taken for a long URL. */
const LONG_REQUEST_LINE = 8_192;

/** The start of a request line (`GET /…`): the chunk that overflowed begins the request. */
const REQUEST_LINE_START = /^[A-Z]+ \S/;

function codeFor(err: NodeJS.ErrnoException & { rawPacket?: unknown }): string {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return HttpErrors['http.request_timeout'];
  if (err.code !== 'HPE_HEADER_OVERFLOW') return HttpErrors['http.bad_request'];
  // Node's parser counts the request line with the headers (16 KiB in all): which one overflowed?
  // `rawPacket` is only the chunk that overflowed, so a long URL is told only when that chunk
  // starts with the request line and holds no line end within 8 KiB; anything else (cookies sent
  // in later segments) is the header section.
  const raw = Buffer.isBuffer(err.rawPacket) ? err.rawPacket : null;
  if (!raw || !REQUEST_LINE_START.test(raw.subarray(0, 64).toString('latin1'))) return HttpErrors['http.headers_too_large'];
  const lineEnd = raw.indexOf('\r\n');
  return lineEnd < 0 || lineEnd > LONG_REQUEST_LINE ? HttpErrors['http.uri_too_long'] : HttpErrors['http.headers_too_large'];
}

/** Whether an answer to an earlier request on this connection has begun (Node's own check, _http_server.js). */
function answerUnderWay(socket: Socket): boolean {
  const message = (socket as Socket & { _httpMessage?: { headersSent?: boolean; _headerSent?: boolean } })._httpMessage;
  return message !== undefined && message !== null && (message.headersSent === true || message._headerSent === true);
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (a header section over 16 KiB,
 * a malformed request line or header, a broken chunked body, a request that never finished):
 * the same problem+json and security headers as every other refusal, instead of Fastify's bare
 * `{"error":"Bad Request"}`. The request could not be read, so the language is the platform's
 * default. The connection is closed after the answer, as Node does.
 */
export function clientErrorHandler(opts: { readonly securityHeaders: Readonly<Record<string, string>>; readonly defaultLocale: Locale }) {
  return (err: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    // A pipelined request that fails while an earlier answer is still being sent: writing now
    // would put the refusal inside that answer's body. Close instead, as Node does.
    if (socket.writable && !answerUnderWay(socket)) {
      const problem = problemFor(codeFor(err), opts.defaultLocale);
      const body = Buffer.from(JSON.stringify(problem));
      const headers = {
        ...opts.securityHeaders, 'content-type': 'application/problem+json; charset=utf-8', 'content-length': String(body.length),
        'cache-control': 'no-store', connection: 'close',
      };
      const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
      socket.write(`HTTP/1.1 ${problem.status} ${http.STATUS_CODES[problem.status] ?? ''}\r\n${head}\r\n\r\n`);
      socket.write(body);
    }
    socket.destroy(err);
  };
}
