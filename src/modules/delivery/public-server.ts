import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { sm3Hex } from '../../platform/crypto/index.js';
import { problemFor, requestLocale, sendProblem } from '../../platform/http/problem.js';
import { platformSecurityHeaders } from '../../platform/http/security-headers.js';
import { contentTypeOf, hantFileOf, HTML_TYPE, pageFileOf, pageStoreFor, type ManifestEntry, type Variant, type VerifiedManifest } from '../publishing/page-store/index.js';
import { BUILTIN_PAGES, BUILTIN_TYPE, siteStatusPage } from './builtin-pages.js';
import { recordPageAlert, type AlertInput } from './guard/record-alert.js';
import { hasPageRepairer, repairPage } from './guard/page-repairer.js';
import { produceVariant } from './guard/variant-producer.js';
import { dynamicPage } from './dynamic-pages.js';
import { AddressBudget } from './address-budget.js';
import { SiteManifests } from './guard/site-manifests.js';
import { VerifiedReader, type ReadOutcome } from './guard/verified-read.js';
import { chooseVariant } from './http/accept-encoding.js';
import { cacheControlFor } from './http/cache-control.js';
import { ifRangeAllows, matchHolds, noneMatchHits } from './http/conditional.js';
import { SVG_CSP } from './http/public-headers.js';
import { parseRange } from './http/range.js';
import { normalizeHost, SiteHosts, type PublicSite } from './site-hosts.js';
import { viewCounterFor } from '../analytics/index.js';

/** Live-event channel publishing announces a site's new pages on: `{ siteCode }`. */
export const PAGES_CHANGED_CHANNEL = 'pages.changed';

/** Paths that belong to the platform, never to a site: a miss there is the API's own 404. */
export const PLATFORM_PATH = /^\/(api|admin|healthz|metrics)(\/|$)/;
const NOT_FOUND_PAGE = '/404.html';
/** The site's "page not found" page and its 繁體 variant: asked for by name, still a 404 (as every miss that shows it). */
const NOT_FOUND_FILES: ReadonlySet<string> = new Set([NOT_FOUND_PAGE, hantFileOf(NOT_FOUND_PAGE)!]);
const OCTET_STREAM = 'application/octet-stream';
/** What a 410 notice may be besides HTML: the JSON API's `{ gone: true }`. */
const NOTICE_TYPES = /^(text\/html|application\/json)/;

/** A Host field value: a name or IPv4 address, or an IPv6 literal, with an optional port (RFC 9110 §7.2). */
const HOST_VALUE = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(?::\d{1,5})?$/;

/**
 * RFC 9112 §3.2: a request with more than one Host field line, or an invalid Host value, is
 * answered 400 (Node keeps the first of several, which would pick a site the sender may not mean).
 */
function badHost(req: FastifyRequest): boolean {
  const raw = req.raw.rawHeaders;
  let seen = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.length === 4 && raw[i]!.toLowerCase() === 'host') seen += 1;
  // No Host at all is HTTP/1.0 (Node refuses it on HTTP/1.1): such a client gets the portal, as before.
  return seen > 1 || (seen === 1 && !HOST_VALUE.test(req.headers.host ?? ''));
}

/** The reading aid cookie the theme's 繁體 switch sets. */
function wantsHant(req: FastifyRequest): boolean {
  return /(?:^|;\s*)jy_script=hant(?:;|$)/.test(req.headers.cookie ?? '');
}
/** Fastify's default maxParamLength: longer path parameters are refused with 414. */
const MAX_PARAM_LENGTH = 100;
const PUBLISH_SETTLE_MS = 50;

/**
 * The view beacon every page of the default theme loads (`<img src="/_pv.gif">`): a page view is
 * counted when a browser shows the page, whether Jiyue or nginx in front of the page store sent
 * it, and crawlers that do not load images are left out. The page is the Referer's path.
 */
export const VIEW_BEACON_PATH = '/_pv.gif';
/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** The part of the user agent that tells visitors on one address apart. */
const MAX_AGENT = 200;

type Handle = Extract<ReadOutcome, { kind: 'handle' }>;

export interface PublicServer {
  handle(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
  readonly manifests: SiteManifests;
  readonly reader: VerifiedReader;
  /** Stops listening and writes the views counted so far. */
  close(): Promise<void>;
}

export interface PublicServerOptions {
  readonly logError: (err: unknown, msg: string) => void;
}

/**
 * Pages made per request, per address and minute: the public search API's allowance
 * (search.routes.ts), so the search page is no cheaper a way to load the server.
 */
export const DYNAMIC_PAGES_PER_MINUTE = 600;

/** The decoded path of a same-host Referer, or null (another host, not a URL, undecodable). */
function refererPage(referer: string, host: string): string | null {
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return null;
  }
  if (normalizeHost(url.host) !== normalizeHost(host)) return null;
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}

/**
 * The type a stored file is sent with: the manifest's, except where manifests written before the
 * type table knew document types (PDF, Office, OFD…) list them as octet-stream, and where an older
 * 410 entry lists the type of the file it replaced while its stored file is the HTML notice.
 */
function sentTypeOf(file: string, entry: ManifestEntry): string {
  const listed = entry.type ?? contentTypeOf(file);
  const type = listed === OCTET_STREAM ? contentTypeOf(file) : listed;
  return entry.status === 410 && !NOTICE_TYPES.test(type) ? HTML_TYPE : type;
}

/** Location headers are ASCII: a Chinese path in a redirect target is percent-encoded (existing escapes kept). */
function asciiLocation(location: string): string {
  return location.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}

/**
 * The public side: the site by Host, the file by the signed manifest, the bytes only when their
 * SM3 digest matches it. Reads the page store and the site registry, nothing else.
 */
export function createPublicServer(platform: Platform, opts: PublicServerOptions): PublicServer {
  const store = pageStoreFor(platform);
  const alert = (input: AlertInput) => {
    recordPageAlert(platform, input).catch((err: unknown) => opts.logError(err, 'page alert not recorded'));
  };
  const manifests = new SiteManifests(store, (siteCode, problems) => alert({
    siteCode, file: '', kind: 'manifest', detectedBy: 'request', action: 'blocked', detail: problems.join('; '), incident: problems.join('; '),
  }));
  const hosts = new SiteHosts(platform.db, (err) => opts.logError(err, 'site registry not refreshed'));
  const reader = new VerifiedReader(store, platform.config.pageCacheBytes);
  const views = viewCounterFor(platform, (err) => opts.logError(err, 'page views not written'));
  views.start();
  const dynamicBudget = new AddressBudget(DYNAMIC_PAGES_PER_MINUTE, 60_000);
  const unsubscribe = platform.events.subscribe(PAGES_CHANGED_CHANNEL, (data) => {
    const code = (data as { siteCode?: unknown } | null)?.siteCode;
    if (typeof code === 'string') manifests.invalidate(code);
  });

  function builtin(reply: FastifyReply, status: 400 | 404 | 503): FastifyReply {
    if (status === 503) reply.header('retry-after', '30');
    return reply.code(status).header('cache-control', 'no-store').type(BUILTIN_TYPE).send(BUILTIN_PAGES[status]);
  }

  /** A site not open answers its notice at every address; no-store, as the status may change any time. */
  async function statusNotice(reply: FastifyReply, site: PublicSite): Promise<FastifyReply> {
    const portal = await hosts.portal();
    const notice = siteStatusPage(site.status as 'building' | 'offline' | 'closed', site.name, portal && portal.id !== site.id && portal.status === 'open' ? portal : null);
    if (site.status === 'offline') reply.header('retry-after', '3600');
    return reply.code(notice.status).header('cache-control', 'no-store').type(BUILTIN_TYPE).send(notice.body);
  }

  /** Bytes of one stored file, after the tamper check; repaired when the check fails; null when nothing genuine can be had. */
  async function genuine(site: string, file: string, variant: Variant, digest: string, outcome: ReadOutcome & { kind: 'missing' | 'mismatch' }):
    Promise<{ bytes: Buffer; entry: ManifestEntry } | 'republished' | null> {
    // A full rebuild in this process has replaced the page and not listed it yet (it commits its
    // manifest every few batches): the entry it holds vouches for the bytes on disk.
    const held = store.uncommitted(site, file);
    if (held?.sm3 !== undefined) {
      const bytes = await store.read(site, file);
      if (bytes && sm3Hex(bytes) === held.sm3) return { bytes, entry: held };
    }
    // A publish we have not seen yet looks like tampering: look at root.json again first, and
    // once more a moment later (another process may be between its file writes and its root).
    for (const wait of [0, PUBLISH_SETTLE_MS]) {
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const fresh = await manifests.fresh(site);
      const now = fresh.entries.get(file);
      const nowDigest = now ? (variant === 'identity' ? now.sm3 : now[variant]) : undefined;
      if (!fresh.ok || nowDigest !== digest) return 'republished';
    }
    const kind = outcome.kind === 'missing' ? 'missing' : 'modified';
    const diskFile = variant === 'identity' ? file : `${file}${variant === 'gzip' ? '.gz' : '.br'}`;
    const detail = outcome.kind === 'missing' ? 'listed in the manifest but not on disk' : `SM3 ${outcome.actual} instead of ${digest}`;
    const incident = outcome.kind === 'missing' ? 'missing' : outcome.actual;
    if (!hasPageRepairer()) {
      alert({ siteCode: site, file: diskFile, kind, detectedBy: 'request', action: 'blocked', detail: `${detail}; no repairer registered`, incident });
      return null;
    }
    const bytes = await repairPage(site, file).catch((err: unknown) => {
      opts.logError(err, 'page repair failed');
      return null;
    });
    const after = bytes ? (await manifests.fresh(site)).entries.get(file) : undefined;
    if (bytes && after?.sm3 && sm3Hex(bytes) === after.sm3) {
      alert({ siteCode: site, file: diskFile, kind, detectedBy: 'request', action: 'restored', detail, incident });
      return { bytes, entry: after };
    }
    alert({ siteCode: site, file: diskFile, kind, detectedBy: 'request', action: 'failed', detail: `${detail}; the repairer gave no genuine page`, incident });
    return null;
  }

  function sendLarge(req: FastifyRequest, reply: FastifyReply, h: Handle, etag: string, type: string, status: number): FastifyReply {
    const range = status === 200 && req.headers.range !== undefined && ifRangeAllows(req.headers['if-range'] as string | undefined, etag)
      ? parseRange(req.headers.range, h.size) : null;
    reply.type(type);
    if (range === 'unsatisfiable') {
      void h.close();
      return reply.code(416).header('content-range', `bytes */${h.size}`).send();
    }
    const [start, end] = range ? [range.start, range.end] : [0, h.size - 1];
    if (range) reply.header('content-range', `bytes ${start}-${end}/${h.size}`);
    reply.code(range ? 206 : status).header('content-length', String(end - start + 1));
    if (req.method === 'HEAD') {
      void h.close();
      return reply.send();
    }
    return reply.send(h.stream(start, end));
  }

  function sendBytes(req: FastifyRequest, reply: FastifyReply, bytes: Buffer, status: number, etag: string | null, type: string): FastifyReply {
    reply.type(type);
    if (status === 200 && etag && req.headers.range !== undefined && ifRangeAllows(req.headers['if-range'] as string | undefined, etag)) {
      const range = parseRange(req.headers.range, bytes.length);
      if (range === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${bytes.length}`).send();
      if (range) {
        return reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${bytes.length}`).send(bytes.subarray(range.start, range.end + 1));
      }
    }
    return reply.code(status).send(bytes);
  }

  /**
   * Sends a stored file with the given status (200, 410, or 404 for the site's 404 page).
   * Only 200 answers carry validators and honour Range and If-None-Match.
   */
  async function sendStored(req: FastifyRequest, reply: FastifyReply, site: string, file: string, entry: ManifestEntry, status: number, retried: boolean): Promise<FastifyReply> {
    const type = sentTypeOf(file, entry);
    const large = reader.isLarge(entry.size ?? 0);
    const ranged = status === 200 && req.headers.range !== undefined;
    const variant: Variant = large || ranged ? 'identity' : chooseVariant(req.headers['accept-encoding'], entry);
    const digest = variant === 'identity' ? entry.sm3 : entry[variant];
    if (!digest) return status === 404 ? builtin(reply, 404) : builtin(reply, 503);
    const etag = `"${digest}"`;
    // HTML differs by the visitor's script choice (cookie jy_script), so caches must key on it.
    reply.header('vary', type.startsWith('text/html') ? 'Accept-Encoding, Cookie' : 'Accept-Encoding').header('cache-control', cacheControlFor(file, type, status));
    // An SVG opened on its own is a document of the site's origin that could run script: none.
    if (type.startsWith('image/svg+xml')) reply.header('content-security-policy', SVG_CSP);
    if (status === 200) {
      reply.header('etag', etag).header('accept-ranges', variant === 'identity' ? 'bytes' : 'none');
      // If-Match before If-None-Match (RFC 9110 §13.2.2): a client holding another version is told so.
      if (!matchHolds(req.headers['if-match'], etag)) return reply.code(412).send();
      if (noneMatchHits(req.headers['if-none-match'], etag)) return reply.code(304).send();
    }
    let bytes = reader.cached(site, file, variant, digest);
    if (!bytes) {
      const outcome = await reader.read(site, file, variant, digest);
      if (outcome.kind === 'handle') return sendLarge(req, reply, outcome, etag, type, status);
      if (outcome.kind === 'bytes') {
        bytes = outcome.bytes;
      } else {
        const got = await genuine(site, file, variant, digest, outcome);
        if (got === 'republished' && !retried) return serve(req, reply, site, await manifests.fresh(site), true);
        if (got === null || got === 'republished') return status === 404 ? builtin(reply, 404) : builtin(reply, 503);
        // The repaired page goes out uncompressed under its own digest.
        const repairedEtag = `"${got.entry.sm3 ?? ''}"`;
        if (status === 200) reply.header('etag', repairedEtag).header('accept-ranges', 'bytes');
        return sendBytes(req, reply, got.bytes, status, status === 200 ? repairedEtag : null, sentTypeOf(file, got.entry));
      }
    }
    if (variant !== 'identity') reply.header('content-encoding', variant);
    return sendBytes(req, reply, bytes, status, variant === 'identity' ? etag : null, type);
  }

  async function notFound(req: FastifyRequest, reply: FastifyReply, site: string, manifest: VerifiedManifest, retried: boolean): Promise<FastifyReply> {
    const page = manifest.entries.get(NOT_FOUND_PAGE);
    if (page?.status === 200) return sendStored(req, reply, site, NOT_FOUND_PAGE, page, 404, retried);
    return builtin(reply, 404);
  }

  async function serve(req: FastifyRequest, reply: FastifyReply, site: string, manifest: VerifiedManifest, retried: boolean): Promise<FastifyReply> {
    if (!manifest.ok) return builtin(reply, 503);
    const url = req.url;
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    let path: string;
    try {
      path = rawPath.includes('%') ? decodeURIComponent(rawPath) : rawPath;
    } catch {
      return builtin(reply, 400);
    }
    const file = pageFileOf(path);
    const entry = file === null ? undefined : manifest.entries.get(file);
    if (!entry || file === null) {
      // Nothing published for this site yet: the root leads a newcomer to the console.
      if (file === '/index.html' && manifest.root.version === 0) return reply.code(302).header('cache-control', 'no-store').header('location', '/admin/').send();
      // A folder named without its slash: where its index is, the query kept (nginx's static
      // module answers the same, `$uri/?$args`).
      if (file !== null && manifest.entries.has(`${file}/index.html`)) {
        const query = q < 0 || q === url.length - 1 ? '' : asciiLocation(url.slice(q));
        return reply.code(301).header('cache-control', 'public, max-age=600').header('location', `${rawPath}/${query}`).send();
      }
      return notFound(req, reply, site, manifest, retried);
    }
    if (entry.status === 301) {
      return reply.code(301).header('cache-control', 'public, max-age=600').header('location', asciiLocation(entry.location ?? '/')).send();
    }
    // The "page not found" page is found by name too, but it says the page is not there: 404.
    const status = entry.status === 200 && NOT_FOUND_FILES.has(file) ? 404 : entry.status;
    // 繁體: a visitor who chose traditional characters gets the stored variant (made on first request).
    if (entry.status === 200 && wantsHant(req)) {
      const hant = hantFileOf(file);
      if (hant) {
        let variant = manifest.entries.get(hant);
        if (!variant && await produceVariant(site, file)) variant = (await manifests.fresh(site)).entries.get(hant);
        if (variant?.status === 200) return sendStored(req, reply, site, hant, variant, status, retried);
      }
    }
    return sendStored(req, reply, site, file, entry, status, retried);
  }

  /**
   * Counts a view of the page the Referer names when it is a stored HTML page of this very site
   * (the Host the beacon came to): other sites cannot inflate a site's figures with made-up paths.
   */
  async function beacon(req: FastifyRequest, reply: FastifyReply, site: PublicSite): Promise<FastifyReply> {
    const referer = req.headers.referer;
    if (req.method === 'GET' && referer) {
      const page = refererPage(referer, req.host);
      if (page !== null) {
        const manifest = manifests.peek(site.code) ?? await manifests.get(site.code);
        const file = pageFileOf(page);
        const entry = file === null || !manifest.ok ? undefined : manifest.entries.get(file);
        if (file !== null && entry?.status === 200 && (entry.type ?? contentTypeOf(file)).startsWith('text/html')) {
          views.record(site.id, file, `${req.ip}\n${(req.headers['user-agent'] ?? '').slice(0, MAX_AGENT)}`);
        }
      }
    }
    // HEAD too: Node leaves the body out and the headers (Content-Length) stay those of GET.
    return reply.code(200).header('cache-control', 'no-store').type('image/gif').send(PIXEL);
  }

  return {
    manifests, reader,
    async handle(req, reply) {
      const q = req.url.indexOf('?');
      const rawPath = q < 0 ? req.url : req.url.slice(0, q);
      if (PLATFORM_PATH.test(rawPath)) {
        // What the router would have said without this catch-all: an over-long segment is 414, anything else 404.
        const code = rawPath.split('/').some((s) => s.length > MAX_PARAM_LENGTH) ? 'http.uri_too_long' : 'http.not_found';
        // The platform's answer, with the platform's headers in place of the public set the route declares.
        reply.headers(platformSecurityHeaders());
        return sendProblem(reply, { ...problemFor(code, requestLocale(req)), instance: rawPath });
      }
      // The public security headers are already set: the route declares them (public.routes.ts).
      if (badHost(req)) return builtin(reply, 400);
      const site = await hosts.resolve(req.host);
      if (!site) return builtin(reply, 404);
      if (site.status !== 'open') return statusNotice(reply, site);
      if (rawPath === VIEW_BEACON_PATH) return beacon(req, reply, site);
      const dynamic = dynamicPage(rawPath);
      if (dynamic && (req.method === 'GET' || req.method === 'HEAD')) {
        const budget = dynamicBudget.take(req.ip, performance.now());
        if (!budget.ok) {
          return reply.code(429).type(BUILTIN_TYPE).header('retry-after', String(budget.retryAfterSeconds)).header('cache-control', 'no-store').send(BUILTIN_PAGES[429]);
        }
        const out = await dynamic({ siteCode: site.code, query: new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1)) });
        // The page is rendered for HEAD as well and sent: Node leaves the body out of a HEAD answer,
        // so its Content-Length is GET's (RFC 9110 §9.3.2: HEAD has GET's header fields).
        if (out) return reply.code(out.status).type(HTML_TYPE).header('cache-control', 'no-store').header('vary', 'Accept-Encoding, Cookie').send(out.html);
      }
      const manifest = manifests.peek(site.code) ?? await manifests.get(site.code);
      return serve(req, reply, site.code, manifest, false);
    },
    async close() {
      unsubscribe();
      await views.stop();
    },
  };
}
