const CONTEXT = 10;

/**
 * The text around a finding, for lists of results: up to 10 characters either side, white
 * space folded to single spaces, "…" where cut. With `mask`, the found digits are masked
 * (first 3 and last 2 kept) so that stored results do not copy personal data around.
 */
export function excerptOf(text: string, start: number, end: number, mask = false): string {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  const found = text.slice(start, end);
  const middle = mask ? maskDigits(found) : found;
  const raw = `${from > 0 ? '…' : ''}${text.slice(from, start)}${middle}${text.slice(end, to)}${to < text.length ? '…' : ''}`;
  return raw.replace(/\s+/g, ' ');
}

/** Keeps the first 3 and the last 2 digits (or X), masks the others with '*'; separators stay. */
export function maskDigits(s: string): string {
  let total = 0;
  for (const ch of s) if (/[0-9Xx０-９]/.test(ch)) total++;
  let seen = 0;
  let out = '';
  for (const ch of s) {
    if (/[0-9Xx０-９]/.test(ch)) {
      seen++;
      out += seen <= 3 || seen > total - 2 ? ch : '*';
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * Full-width digits, letters X/x and spaces mapped to ASCII, one code unit for one, so that
 * number patterns match `１３８…` too and offsets stay valid for the original text.
 */
export function normalizeForNumbers(text: string): string {
  if (!/[\uff10-\uff19\uff38\uff58\u3000\uff0d]/.test(text)) return text;
  return text.replace(/[\uff10-\uff19\uff38\uff58\u3000\uff0d]/g, (ch) => {
    const c = ch.charCodeAt(0);
    if (c === 0x3000) return ' ';
    if (c === 0xff0d) return '-';
    return String.fromCharCode(c - 0xfee0);
  });
}
