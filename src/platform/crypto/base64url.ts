const B64URL_RE = /^[A-Za-z0-9_-]*$/;

/**
 * Strict base64url decoding: Buffer.from(s, 'base64url') ignores stray
 * characters and non-zero trailing bits, so several strings would decode to
 * the same bytes. Requiring the canonical encoding keeps tokens unmalleable.
 * Returns undefined for anything that is not canonical.
 */
export function decodeBase64UrlStrict(s: string): Buffer | undefined {
  if (!B64URL_RE.test(s)) return undefined;
  const bytes = Buffer.from(s, 'base64url');
  return bytes.toString('base64url') === s ? bytes : undefined;
}
