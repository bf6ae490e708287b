import { stripZone } from './classify-address.js';
import { parseHostToIp } from './parse-host-to-ip.js';
import { parseIpLiteral, type IpLiteral } from './parse-ip-literal.js';

export interface AllowedNetwork {
  readonly family: 4 | 6;
  readonly bytes: Uint8Array;
  readonly bits: number;
}

/**
 * Pre-parsed allow-list (config JIYUE_NET_ALLOW). Parsing once at start-up
 * means a typo fails loudly at boot instead of silently never matching.
 */
export interface CompiledAllowList {
  readonly networks: readonly AllowedNetwork[];
  /** Lowercase, no trailing dot, IDN in punycode (as URL.hostname reports it). */
  readonly hosts: ReadonlySet<string>;
}

export type AllowListInput = readonly string[] | CompiledAllowList;

/** Lowercase + strip trailing dots, so `Allowed.Test.` and `allowed.test` are one host. */
export function normalizeHostname(hostname: string): string {
  return hostname.toLowerCase().replace(/\.+$/, '');
}

function parseNetwork(entry: string): AllowedNetwork | null {
  const slash = entry.lastIndexOf('/');
  const addrText = slash === -1 ? entry : entry.slice(0, slash);
  const canonical = parseHostToIp(addrText);
  if (canonical === null) return null;
  const lit = parseIpLiteral(canonical);
  if (lit === null) return null;
  const max = lit.family === 4 ? 32 : 128;
  if (slash === -1) return { ...lit, bits: max };
  const prefix = entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
    throw new TypeError(`Invalid allow-list CIDR "${entry}": prefix must be 0-${max}`);
  }
  return { ...lit, bits: Number(prefix) };
}

function parseHostEntry(entry: string): string | null {
  if (/[/\\?#@:*\s]/.test(entry)) return null;
  try {
    // Run through the URL parser so IDN / case / width variants match URL.hostname.
    return normalizeHostname(new URL(`http://${entry}/`).hostname);
  } catch {
    return null;
  }
}

export function compileAllowList(entries: readonly string[]): CompiledAllowList {
  const networks: AllowedNetwork[] = [];
  const hosts = new Set<string>();
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const net = parseNetwork(entry);
    if (net !== null) {
      networks.push(net);
      continue;
    }
    const host = entry.includes('/') ? null : parseHostEntry(entry);
    if (host === null || host === '') {
      throw new TypeError(`Invalid allow-list entry "${raw}": expected an IP, a CIDR or a hostname`);
    }
    hosts.add(host);
  }
  return Object.freeze({ networks: Object.freeze(networks), hosts });
}

/** Splits the JIYUE_NET_ALLOW setting ("127.0.0.1, 10.0.0.0/8 intranet.example"). */
export function parseAllowListSetting(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.split(/[\s,;]+/).filter((s) => s !== '');
}

export function toCompiledAllowList(input: AllowListInput | undefined): CompiledAllowList {
  if (input === undefined) return compileAllowList([]);
  return isCompiled(input) ? input : compileAllowList(input);
}

function isCompiled(input: AllowListInput): input is CompiledAllowList {
  return !Array.isArray(input);
}

function inNetwork(lit: IpLiteral, net: AllowedNetwork): boolean {
  if (lit.family !== net.family) return false;
  for (let bit = 0; bit < net.bits; bit += 8) {
    const take = Math.min(8, net.bits - bit);
    const m = (0xff << (8 - take)) & 0xff;
    const i = bit / 8;
    if (((lit.bytes[i] ?? 0) & m) !== ((net.bytes[i] ?? 0) & m)) return false;
  }
  return true;
}

/** True if an IP-literal-or-CIDR entry covers `ip` (also via its IPv4-mapped twin). */
export function matchesAllowedNetwork(ip: string, allowList: CompiledAllowList): boolean {
  const canonical = parseHostToIp(stripZone(ip));
  const lit = canonical === null ? null : parseIpLiteral(canonical);
  if (lit === null) return false;
  const candidates: IpLiteral[] = [lit];
  const b = lit.bytes;
  if (lit.family === 6 && b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) {
    candidates.push({ family: 4, bytes: b.subarray(12, 16) });
  }
  return allowList.networks.some((net) => candidates.some((c) => inNetwork(c, net)));
}

/** Hostname entries: exact, case-insensitive, trailing-dot-insensitive; no wildcards. */
export function isHostAllowListed(hostname: string, allowList: AllowListInput): boolean {
  const compiled = toCompiledAllowList(allowList);
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return compiled.hosts.has(normalizeHostname(bare));
}
