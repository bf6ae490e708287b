import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { OutboundRefusedError } from './outbound-refused-error.js';
import type { ResolvedTarget } from './resolve-target.js';

export interface PinnedRequest {
  readonly target: ResolvedTarget;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | undefined;
  readonly signal: AbortSignal;
  readonly maxBytes: number;
  /** Called with the response head; false means "discard the body" (redirect hops). */
  readonly wantBody: (status: number, headers: Readonly<Record<string, string>>) => boolean;
}

export interface PinnedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * net.connect calls this instead of DNS. It hands back only the addresses
 * resolveTarget already validated, so the socket cannot end up anywhere a
 * second (possibly rebound) DNS answer points to. Node 20 asks with
 * `all: true` when autoSelectFamily is on, and with a single answer otherwise.
 */
function pinnedLookup(expectedHost: string, addresses: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = addresses
      .map((address) => ({ address, family: isIP(address) }))
      .filter((a) => a.family !== 0 && (family === 0 || a.family === family));
    const first = usable[0];
    if (hostname !== expectedHost || first === undefined) {
      const err: NodeJS.ErrnoException = new Error(`No validated address for "${hostname}"`);
      err.code = 'ENOTFOUND';
      callback(err, '', 0);
      return;
    }
    if (options.all === true) callback(null, usable);
    else callback(null, first.address, first.family);
  };
}

/** One HTTP exchange to exactly the validated address(es) of `target`. */
export function requestPinned(req: PinnedRequest): Promise<PinnedResponse> {
  const { target, signal, maxBytes } = req;
  const { url } = target;
  const isHttps = url.protocol === 'https:';
  return new Promise<PinnedResponse>((resolve, reject) => {
    let settled = false;
    let response: IncomingMessage | undefined;

    const cleanup = (): void => {
      signal.removeEventListener('abort', onAbort);
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      cleanup();
      // Late errors from the torn-down socket must not become unhandled 'error' events.
      request.on('error', () => undefined);
      response?.on('error', () => undefined);
      response?.destroy();
      request.destroy();
      reject(err);
    };
    const succeed = (value: PinnedResponse): void => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(value);
    };
    function onAbort(): void {
      fail(signal.reason);
    }

    const request = (isHttps ? https : http).request({
      protocol: url.protocol,
      host: target.hostname,
      port: url.port === '' ? (isHttps ? 443 : 80) : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: req.method,
      // Host keeps the original name (and port) so virtual hosting works even
      // though the socket goes to a pre-resolved IP.
      headers: { ...req.headers, host: url.host },
      // A private agent: no pooled socket that was connected for another name can be reused.
      agent: false,
      lookup: pinnedLookup(target.hostname, target.addresses),
      // SNI and certificate checks use the name, never the IP; SNI forbids IP literals.
      ...(isHttps && target.ip === null ? { servername: target.hostname } : {}),
    });

    if (signal.aborted) {
      fail(signal.reason);
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('error', fail);

    request.on('response', (res) => {
      response = res;
      const status = res.statusCode ?? 0;
      const headers = flattenHeaders(res.headers);
      if (!req.wantBody(status, headers)) {
        succeed({ status, headers, body: Buffer.alloc(0) });
        res.on('error', () => undefined);
        res.destroy();
        request.destroy();
        return;
      }
      const tooLarge = (): OutboundRefusedError =>
        new OutboundRefusedError('net.too_large', `Response from ${url.origin} exceeds the ${maxBytes}-byte limit`, {
          url: url.href,
        });
      const declared = headers['content-length'];
      if (declared !== undefined && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > maxBytes) {
        fail(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          fail(tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => succeed({ status, headers, body: Buffer.concat(chunks, size) }));
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete) fail(new Error(`Connection to ${url.origin} closed before the response was complete`));
      });
    });

    if (req.body !== undefined) request.end(req.body);
    else request.end();
  });
}
