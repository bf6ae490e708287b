import { compileAllowList } from './compile-allow-list.js';
import { OutboundRefusedError } from './outbound-refused-error.js';
import { requestPinned } from './request-pinned.js';
import { resolveTarget, type Resolver } from './resolve-target.js';

export interface SafeFetcherOptions {
  /** IPs, CIDRs or hostnames reachable even though private (config JIYUE_NET_ALLOW). */
  readonly allowList?: readonly string[];
  /** Deadline for the whole fetch: DNS, connect, every redirect hop and the body. */
  readonly timeoutMs?: number;
  /** Response body limit in bytes; checked against Content-Length and while streaming. */
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  readonly resolver?: Resolver;
  readonly userAgent?: string;
}

export interface SafeFetchInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Caller cancellation; rejects with the signal's reason, not with net.timeout. */
  readonly signal?: AbortSignal;
  /** false returns the 3xx response itself (e.g. for link checkers). Default true. */
  readonly followRedirects?: boolean;
}

export interface SafeFetchResult {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Final URL after redirects. */
  readonly url: string;
  readonly body: Buffer;
  /** Every URL a redirect sent us to, in order; the last one equals `url`. */
  readonly redirects: string[];
}

export type SafeFetch = (url: string | URL, init?: SafeFetchInit) => Promise<SafeFetchResult>;

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_USER_AGENT = 'Jiyue/0.1 (+outbound fetch)';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Headers that identify the caller to one origin and must not leak to another.
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
// Headers the transport owns; letting callers set them would desync framing or Host.
const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

function positiveInt(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new RangeError(`createSafeFetcher: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer`);
  }
  return value;
}

function normalizeHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (!TRANSPORT_HEADERS.has(lower)) out[lower] = value;
  }
  return out;
}

/**
 * The only sanctioned way for platform code to fetch an outside URL. Every hop
 * is validated and pinned to its validated address; see resolveTarget.
 */
export function createSafeFetcher(options: SafeFetcherOptions = {}): SafeFetch {
  const allowList = compileAllowList(options.allowList ?? []);
  const timeoutMs = positiveInt('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS);
  const maxBytes = positiveInt('maxBytes', options.maxBytes, DEFAULT_MAX_BYTES, true);
  const maxRedirects = positiveInt('maxRedirects', options.maxRedirects, DEFAULT_MAX_REDIRECTS, true);
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const resolver = options.resolver;

  return async function safeFetch(input, init = {}) {
    const controller = new AbortController();
    const startUrl = typeof input === 'string' ? input : input.href;
    const timer = setTimeout(() => {
      controller.abort(
        new OutboundRefusedError('net.timeout', `Fetching ${startUrl} did not complete within ${timeoutMs} ms`, {
          url: startUrl,
        }),
      );
    }, timeoutMs);
    const external = init.signal;
    const forward = (): void => controller.abort(external?.reason);
    if (external?.aborted === true) forward();
    else external?.addEventListener('abort', forward, { once: true });

    try {
      const follow = init.followRedirects ?? true;
      let method = (init.method ?? 'GET').toUpperCase();
      let body = typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
      const headers = normalizeHeaders(init.headers);
      headers['user-agent'] ??= userAgent;
      // We do not decompress; asking for identity keeps maxBytes meaningful.
      headers['accept-encoding'] = 'identity';
      const redirects: string[] = [];
      let current: string | URL = input;

      for (;;) {
        const target = await resolveTarget(current, { allowList, resolver, signal: controller.signal });
        const response = await requestPinned({
          target,
          method,
          headers,
          body,
          signal: controller.signal,
          maxBytes,
          wantBody: (status, h) => !(follow && REDIRECT_STATUSES.has(status) && h['location'] !== undefined),
        });
        const location = response.headers['location'];
        if (!follow || !REDIRECT_STATUSES.has(response.status) || location === undefined) {
          return { ...response, url: target.url.href, redirects };
        }
        if (redirects.length >= maxRedirects) {
          throw new OutboundRefusedError(
            'net.too_many_redirects',
            `Fetching ${startUrl} exceeded the limit of ${maxRedirects} redirects`,
            { url: target.url.href },
          );
        }
        let next: URL;
        try {
          next = new URL(location, target.url);
        } catch (cause) {
          throw new OutboundRefusedError('net.bad_url', `Redirect from ${target.url.href} has an invalid Location`, {
            url: target.url.href,
            cause,
          });
        }
        // Same rules as browsers: 303 always, and 301/302 after POST, become a body-less GET.
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          if (method !== 'HEAD') method = 'GET';
          body = undefined;
          delete headers['content-type'];
        }
        if (next.origin !== target.url.origin) {
          for (const name of ORIGIN_BOUND_HEADERS) delete headers[name];
        }
        redirects.push(next.href);
        current = next;
      }
    } finally {
      clearTimeout(timer);
      external?.removeEventListener('abort', forward);
    }
  };
}
