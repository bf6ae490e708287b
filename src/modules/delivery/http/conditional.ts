/** Whether If-None-Match names this entity tag (weak comparison, as RFC 9110 §13.1.2 asks for GET). */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  for (const raw of header.split(',')) {
    const tag = raw.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === opaque) return true;
  }
  return false;
}

/** If-Range with our strong tag lets the Range stand; anything else (another tag, a date) asks for the whole file. */
export function ifRangeAllows(header: string | undefined, etag: string): boolean {
  return header === undefined || header.trim() === etag;
}

/**
 * Whether If-Match lets the request go on (RFC 9110 §13.1.1): absent, `*` (a current
 * representation exists), or one of the listed tags equal to ours by the strong comparison
 * (a weak tag never matches). Otherwise the answer is 412.
 */
export function matchHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  if (header.trim() === '*') return true;
  if (etag.startsWith('W/')) return false;
  return header.split(',').some((raw) => raw.trim() === etag);
}
