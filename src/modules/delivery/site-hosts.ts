import { domainToASCII, domainToUnicode } from 'node:url';
import type { Db } from '../../db/index.js';
import { listSites, localDomainOf, type SiteKind, type SiteStatus } from '../sites/index.js';

/** What delivery needs of a site: which folder of the page store answers for a host. */
export interface PublicSite {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: SiteKind;
  /** Only an open site's pages are served; the others answer a notice (site-status-page.ts). */
  readonly status: SiteStatus;
  /** `https://<primary domain>`: where a notice sends visitors of a closed site (the portal's). */
  readonly origin: string;
}

/** Site changes (new aliases, new sites) reach the public server within this long. */
export const SITE_HOSTS_TTL_MS = 5000;
const LOCAL = /^([0-9a-z]{10})\.localhost$/;

interface HostMap {
  readonly byHost: ReadonlyMap<string, PublicSite>;
  readonly byCode: ReadonlyMap<string, PublicSite>;
  readonly portal: PublicSite | null;
}

/** Lower case, no port, no trailing dot; `xn--` labels also in Unicode (`.政务` domains). */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  if (colon >= 0) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

async function loadHostMap(db: Db): Promise<HostMap> {
  const byHost = new Map<string, PublicSite>();
  const byCode = new Map<string, PublicSite>();
  let portal: PublicSite | null = null;
  for (const s of await listSites(db)) {
    const site: PublicSite = { id: s.id, code: s.code, name: s.name, kind: s.kind, status: s.status, origin: `https://${s.primaryDomain}` };
    byCode.set(s.code.toLowerCase(), site);
    if (s.kind === 'province_portal' && !portal) portal = site;
    for (const d of [s.primaryDomain, ...s.aliases, s.localDomain, localDomainOf(s.code)]) {
      const host = normalizeHost(d);
      byHost.set(host, site);
      const ascii = domainToASCII(host);
      if (ascii) byHost.set(ascii, site);
    }
  }
  return { byHost, byCode, portal };
}

/**
 * Host → site, from the site registry, kept in memory and refreshed in the background every
 * few seconds: a request never waits for the database once the map is loaded. Primary domain,
 * aliases and `<code>.localhost` (any port) name a site; any other host gets the provincial portal.
 */
export class SiteHosts {
  private map: HostMap | null = null;
  private loadedAt = 0;
  private loading: Promise<HostMap> | null = null;

  constructor(private readonly db: Db, private readonly onError: (err: unknown) => void) {}

  /** The site for a Host header, or null when there is none at all (no portal registered). */
  async resolve(hostHeader: string | undefined): Promise<PublicSite | null> {
    const map = this.map && Date.now() - this.loadedAt < SITE_HOSTS_TTL_MS ? this.map : await this.current();
    const host = normalizeHost(hostHeader ?? '');
    const direct = map.byHost.get(host);
    if (direct) return direct;
    const local = LOCAL.exec(host);
    if (local?.[1]) {
      const byCode = map.byCode.get(local[1]);
      if (byCode) return byCode;
    }
    if (host.startsWith('xn--') || host.includes('.xn--')) {
      const unicode = map.byHost.get(domainToUnicode(host));
      if (unicode) return unicode;
    }
    return map.portal;
  }

  /** The provincial portal (null when none is registered): where a closed site's notice points. */
  async portal(): Promise<PublicSite | null> {
    return (this.map && Date.now() - this.loadedAt < SITE_HOSTS_TTL_MS ? this.map : await this.current()).portal;
  }

  /** The loaded map (refreshing it in the background when old); the first call waits for the load. */
  private async current(): Promise<HostMap> {
    if (!this.loading) {
      this.loading = loadHostMap(this.db).then((m) => {
        this.map = m;
        this.loadedAt = Date.now();
        return m;
      }, (err: unknown) => {
        // A failed refresh keeps the old map for another round; the first load has nothing to keep.
        if (!this.map) throw err;
        this.loadedAt = Date.now();
        this.onError(err);
        return this.map;
      }).finally(() => { this.loading = null; });
    }
    // Serve the old map while the new one loads.
    if (this.map) return this.map;
    return this.loading;
  }
}
