import type { ManifestEntry, Variant } from '../../publishing/page-store/index.js';

interface Offer { br: number; gzip: number }

const parsed = new Map<string, Offer>();
const MAX_REMEMBERED = 256;

/** q-values for br and gzip from an Accept-Encoding header ("*" counts for both). */
function offer(header: string): Offer {
  const known = parsed.get(header);
  if (known) return known;
  const q: Record<string, number> = {};
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p);
      if (m) weight = Number(m[1]);
    }
    if (name) q[name.trim()] = weight;
  }
  const star = q['*'] ?? 0;
  const result = { br: q.br ?? star, gzip: q.gzip ?? q['x-gzip'] ?? star };
  if (parsed.size >= MAX_REMEMBERED) parsed.clear();
  parsed.set(header, result);
  return result;
}

/** br > gzip > identity, among the variants stored for this file and accepted by the client. */
export function chooseVariant(header: string | undefined, entry: ManifestEntry): Variant {
  if (!header || (!entry.br && !entry.gzip)) return 'identity';
  const o = offer(header);
  if (entry.br && o.br > 0 && o.br >= o.gzip) return 'br';
  if (entry.gzip && o.gzip > 0) return 'gzip';
  if (entry.br && o.br > 0) return 'br';
  return 'identity';
}
