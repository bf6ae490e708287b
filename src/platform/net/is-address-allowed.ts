import { classifyAddress } from './classify-address.js';
import { matchesAllowedNetwork, toCompiledAllowList, type AllowListInput } from './compile-allow-list.js';

/**
 * May the platform open a connection to `ip`? Public addresses always; any
 * other class only when an allow-list IP/CIDR entry covers it. Hostname
 * entries are deliberately not consulted: they vouch for a name, not for
 * whatever address some other name resolves to.
 */
export function isAddressAllowed(ip: string, allowList: AllowListInput = []): boolean {
  const cls = classifyAddress(ip);
  if (cls === 'invalid') return false;
  if (cls === 'public') return true;
  return matchesAllowedNetwork(ip, toCompiledAllowList(allowList));
}
