import { formatIpLiteral, parseIpv4Dotted, parseIpv6 } from './parse-ip-literal.js';

// Characters that would change the structure of `http://${host}/` and so let a
// "hostname" smuggle a different authority past the parser (e.g. `a@127.0.0.1`).
const STRUCTURAL = /[/\\?#@]/;

/**
 * Returns the canonical IP (dotted quad or compressed IPv6) if `hostname` is an
 * IP literal in ANY spelling a URL may carry, otherwise null (it is a DNS name
 * or garbage).
 *
 * The WHATWG URL host parser is the reference here on purpose: it is what
 * turns `127.1`, `2130706433`, `0x7f.1`, `0177.0.0.1`, `127。0。0。1` or
 * percent-encoded digits into 127.0.0.1, so agreeing with it means no spelling
 * can be "a name" to us and "an address" to the connection layer.
 */
export function parseHostToIp(hostname: string): string | null {
  const bracketed = hostname.startsWith('[') && hostname.endsWith(']');
  const bare = bracketed ? hostname.slice(1, -1) : hostname;
  if (bare.includes(':')) {
    const bytes = parseIpv6(bare);
    return bytes === null ? null : formatIpLiteral({ family: 6, bytes });
  }
  if (bracketed || bare === '' || STRUCTURAL.test(bare)) return null;

  let normalized: string;
  try {
    normalized = new URL(`http://${bare}/`).hostname;
  } catch {
    return null;
  }
  if (normalized.startsWith('[')) {
    const bytes = parseIpv6(normalized.slice(1, -1));
    return bytes === null ? null : formatIpLiteral({ family: 6, bytes });
  }
  return parseIpv4Dotted(normalized) === null ? null : normalized;
}
