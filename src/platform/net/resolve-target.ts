import { lookup } from 'node:dns/promises';
import { checkUrl, type CheckedUrl } from './check-url.js';
import { classifyAddress, stripZone } from './classify-address.js';
import { toCompiledAllowList, type AllowListInput } from './compile-allow-list.js';
import { isAddressAllowed } from './is-address-allowed.js';
import { OutboundRefusedError } from './outbound-refused-error.js';
import { parseHostToIp } from './parse-host-to-ip.js';

/** Returns every address the name resolves to (IPv4 and/or IPv6 text). */
export type Resolver = (hostname: string) => Promise<string[]>;

export const defaultResolver: Resolver = async (hostname) => {
  const results = await lookup(hostname, { all: true, verbatim: true });
  return results.map((r) => r.address);
};

export interface ResolveTargetOptions {
  readonly allowList?: AllowListInput;
  readonly resolver?: Resolver;
  readonly signal?: AbortSignal;
}

export interface ResolvedTarget extends CheckedUrl {
  /** Validated addresses; the connection must go to one of these and nowhere else. */
  readonly addresses: readonly string[];
}

function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * checkUrl + DNS: resolves the hostname ourselves and checks EVERY address,
 * so a name with one public and one private record cannot be used to reach
 * the private one. The returned addresses are what the connection is pinned
 * to, which is the DNS-rebinding defence: there is no second lookup.
 */
export async function resolveTarget(input: string | URL, options: ResolveTargetOptions = {}): Promise<ResolvedTarget> {
  const allowList = toCompiledAllowList(options.allowList);
  const checked = checkUrl(input, { allowList });
  if (checked.ip !== null) return { ...checked, addresses: [checked.ip] };

  const resolver = options.resolver ?? defaultResolver;
  let raw: string[];
  try {
    raw = await raceSignal(resolver(checked.hostname), options.signal);
  } catch (cause) {
    if (options.signal?.aborted === true && cause === options.signal.reason) throw cause;
    throw new OutboundRefusedError('net.unresolvable', `Could not resolve host "${checked.hostname}"`, {
      url: checked.url.href,
      cause,
    });
  }
  if (raw.length === 0) {
    throw new OutboundRefusedError('net.unresolvable', `Host "${checked.hostname}" resolved to no addresses`, {
      url: checked.url.href,
    });
  }

  const addresses: string[] = [];
  for (const entry of raw) {
    const bare = stripZone(entry.trim());
    const canonical = parseHostToIp(bare);
    if (canonical === null) {
      throw new OutboundRefusedError(
        'net.refused_address',
        `Refusing ${checked.url.origin}: resolver returned "${entry}", which is not an IP address`,
        { url: checked.url.href },
      );
    }
    if (!checked.hostAllowListed && !isAddressAllowed(canonical, allowList)) {
      throw new OutboundRefusedError(
        'net.refused_address',
        `Refusing to connect to ${checked.url.origin}: "${checked.hostname}" resolves to ${canonical}, ` +
          `which is ${classifyAddress(canonical)}, not a public address`,
        { url: checked.url.href, address: canonical },
      );
    }
    // Keep a zone id only where it is meaningful (link-local reached via the allow-list).
    const zone = entry.trim().slice(bare.length);
    addresses.push(canonical + zone);
  }
  return { ...checked, addresses };
}
