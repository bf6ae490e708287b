import { hmacSm3 } from '../../platform/crypto/index.js';

/**
 * A visitor's two 32-bit hash halves for the sketch. The key is derived per site and per day
 * from the installation's secret (HMAC-SM3), so the same person gives unrelated values on two
 * sites or two days: the platform cannot follow anyone across sites (SPEC §6) or across days.
 * The per-request hash itself is a fast non-cryptographic mix (cyrb53's rounds): it only has
 * to spread well, the secrecy is in the key, and it runs on every page view.
 */
export interface VisitorKey {
  readonly a: number;
  readonly b: number;
}

export function visitorKey(secret: Buffer, siteId: number, day: string): VisitorKey {
  const k = hmacSm3(secret, `jiyue-analytics-visitor|${siteId}|${day}`);
  return { a: k.readUInt32LE(0), b: k.readUInt32LE(4) };
}

/** Hash of `text` under `key`: [lo, hi]. */
export function visitorHash(key: VisitorKey, text: string): [number, number] {
  let h1 = 0xdeadbeef ^ key.a;
  let h2 = 0x41c6ce57 ^ key.b;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}
