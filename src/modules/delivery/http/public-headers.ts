/**
 * The platform's CSP (security-headers.ts) is made for the console. Public pages load their own
 * theme CSS and JS ('self'), show images and media that articles take from other government
 * sites (https:), and are embedded by nobody else; scripts stay limited to the site itself.
 */
export const PUBLIC_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "media-src 'self' https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Every public answer's security headers: the platform's own set (security-headers.ts, the same
 * values helmet writes there) with the public CSP, and a cross-origin resource policy so a portal
 * can show images and attachments of its department sites (other origins of the same site group).
 * Written as one constant because helmet rebuilds its middleware on every request, which cost
 * public pages a third of their serving time; delivery-serving.test.ts checks the two sets agree.
 * The public route declares it (`config.securityHeaders`), so the platform's first onRequest
 * hook sets it before anything can refuse the request (security-headers.ts).
 */
export const PUBLIC_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': PUBLIC_CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

/** Headers that differ on purpose between public pages and the console. */
export const PUBLIC_ONLY_HEADERS: readonly string[] = ['content-security-policy', 'cross-origin-resource-policy'];

/**
 * The CSP of an SVG file. Opened on its own (not as an <img>, where it never runs script) an SVG
 * is a document of the site's origin: no script at all (`sandbox`), nothing loaded from elsewhere.
 */
export const SVG_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "frame-ancestors 'self'",
  'sandbox',
].join('; ');
