import { classifyAddress } from './classify-address.js';
import { isHostAllowListed, normalizeHostname, toCompiledAllowList, type AllowListInput } from './compile-allow-list.js';
import { isAddressAllowed } from './is-address-allowed.js';
import { OutboundRefusedError } from './outbound-refused-error.js';
import { parseHostToIp } from './parse-host-to-ip.js';

export interface CheckUrlOptions {
  readonly allowList?: AllowListInput;
}

export interface CheckedUrl {
  readonly url: URL;
  /** Hostname without IPv6 brackets, lowercase, trailing dot removed. */
  readonly hostname: string;
  /** Canonical IP if the URL names an IP literal (in any spelling), else null. */
  readonly ip: string | null;
  /** True if a hostname allow-list entry vouches for this host. */
  readonly hostAllowListed: boolean;
}

// Generous for real links, small enough that nobody stores a megabyte "URL".
const MAX_URL_LENGTH = 8192;

function describe(url: URL): string {
  return url.origin;
}

/**
 * Synchronous validation without DNS, suitable for form input: syntax,
 * scheme, credentials, IP literals in every spelling and `localhost` names.
 * Passing this is necessary but not sufficient: a DNS name can still resolve
 * to a refused address, which resolveTarget / safeFetch check at fetch time.
 */
export function checkUrl(input: string | URL, options: CheckUrlOptions = {}): CheckedUrl {
  const text = typeof input === 'string' ? input : input.href;
  if (text.length > MAX_URL_LENGTH) {
    throw new OutboundRefusedError('net.bad_url', `URL is longer than ${MAX_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new OutboundRefusedError('net.bad_url', 'Not a valid absolute URL', { url: text, cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundRefusedError(
      'net.bad_scheme',
      `Scheme "${url.protocol.replace(/:$/, '')}" is not allowed; only http and https URLs can be fetched`,
      { url: url.href },
    );
  }
  // Credentials in fetched URLs end up in logs and redirect chains; make the
  // caller configure authentication explicitly instead.
  if (url.username !== '' || url.password !== '') {
    throw new OutboundRefusedError('net.bad_url', 'URLs with embedded credentials (user:password@) are not allowed', {
      url: `${url.protocol}//${url.host}${url.pathname}`,
    });
  }

  const allowList = toCompiledAllowList(options.allowList);
  const raw = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const ip = parseHostToIp(raw);
  if (ip !== null) {
    if (!isAddressAllowed(ip, allowList)) {
      throw new OutboundRefusedError(
        'net.refused_address',
        `Refusing to connect to ${describe(url)}: address ${ip} is ${classifyAddress(ip)}, not a public address`,
        { url: url.href, address: ip },
      );
    }
    return { url, hostname: ip, ip, hostAllowListed: false };
  }

  const hostname = normalizeHostname(raw);
  const hostAllowListed = isHostAllowListed(hostname, allowList);
  // RFC 6761: localhost names must resolve to loopback; refuse them without
  // asking a resolver that might be misconfigured or attacker-influenced.
  if (!hostAllowListed && (hostname === 'localhost' || hostname.endsWith('.localhost'))) {
    throw new OutboundRefusedError(
      'net.refused_address',
      `Refusing to connect to ${describe(url)}: "${hostname}" is a loopback name`,
      { url: url.href },
    );
  }
  return { url, hostname, ip: null, hostAllowListed };
}
