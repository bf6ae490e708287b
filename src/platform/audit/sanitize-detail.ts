import { canonicalJson, type JsonValue } from './canonical-json.js';

/**
 * Key names that may carry secrets. Keys are compared lower-cased with separators removed,
 * so `newPassword`, `csrf_token`, `totp-code` and `clientSecret` are all caught.
 */
const SECRET_WORDS = ['password', 'passwd', 'token', 'secret', 'totp', 'privatekey', 'recoverycode'] as const;

const MAX_DEPTH = 8;
/** A detail larger than this is replaced by a marker: the audit log is not a document store. */
export const MAX_DETAIL_CHARS = 32_000;

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z]/g, '');
  return SECRET_WORDS.some((w) => k.includes(w));
}

/**
 * Turns a caller's detail object into canonical JSON text. Keys that may hold secrets are
 * dropped at every depth (an audit log is read by auditors and exported to Excel, so it must
 * never hold a password, token or TOTP secret); values JSON cannot hold are dropped or
 * converted, so what is hashed is exactly what is stored and read back.
 */
export function sanitizeDetail(detail: Readonly<Record<string, unknown>> | undefined): string {
  const clean = cleanValue(detail ?? {}, 0, new WeakSet());
  const text = canonicalJson(clean !== undefined && clean !== null && typeof clean === 'object' && !Array.isArray(clean) ? clean : {});
  if (text.length <= MAX_DETAIL_CHARS) return text;
  return canonicalJson({ _truncated: true, _chars: text.length });
}

function cleanValue(v: unknown, depth: number, seen: WeakSet<object>): JsonValue | undefined {
  if (v === null) return null;
  switch (typeof v) {
    case 'string': return wellFormed(v);
    case 'boolean': return v;
    case 'number': return Number.isFinite(v) ? v : String(v);
    case 'bigint': return v.toString();
    case 'undefined': case 'function': case 'symbol': return undefined;
    default: break;
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v !== 'object') return undefined;
  if (seen.has(v)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(v);
  try {
    if (Array.isArray(v)) return v.map((x) => cleanValue(x, depth + 1, seen) ?? null);
    if (v instanceof Map) return cleanEntries([...v.entries()].map(([k, x]) => [String(k), x]), depth, seen);
    if (v instanceof Set) return [...v].map((x) => cleanValue(x, depth + 1, seen) ?? null);
    return cleanEntries(Object.entries(v), depth, seen);
  } finally {
    seen.delete(v);
  }
}

function cleanEntries(entries: readonly (readonly [string, unknown])[], depth: number, seen: WeakSet<object>): JsonValue {
  const out: [string, JsonValue][] = [];
  for (const [k, x] of entries) {
    if (isSecretKey(k)) continue;
    const c = cleanValue(x, depth + 1, seen);
    if (c !== undefined) out.push([wellFormed(k), c]);
  }
  // fromEntries defines own properties, so a key named "__proto__" stays plain data.
  return Object.fromEntries(out) as JsonValue;
}

/**
 * Replaces lone UTF-16 surrogates: the database stores UTF-8, which cannot hold them, so the
 * text read back would differ from the text hashed.
 */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
