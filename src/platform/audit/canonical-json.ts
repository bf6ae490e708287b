/** A JSON value as the audit module stores it: plain data, no undefined, no functions. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * JSON with object keys sorted, so the same data always gives the same bytes (and the
 * same SM3 hash) whatever order a caller built its object in, on any engine or Node version.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(',')}}`;
}

// Array.isArray does not narrow readonly arrays.
function isArray(v: JsonValue): v is readonly JsonValue[] {
  return Array.isArray(v);
}
