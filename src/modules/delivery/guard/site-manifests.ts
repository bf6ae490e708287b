import fs from 'node:fs';
import path from 'node:path';
import type { PageStore, VerifiedManifest } from '../../publishing/page-store/index.js';

/** How often a site's root.json is stat()ed at most: a publish shows within a second. */
const STAT_EVERY_MS = 1000;
/** A publish writes root.sig just before root.json; a reader in between retries this often. */
const RETRIES = 4;
const RETRY_MS = 40;

const EMPTY_ROOT = (site: string): VerifiedManifest => ({ ok: true, root: { site, version: 0, shards: {} }, entries: new Map(), problems: [] });

interface SiteState {
  manifest: VerifiedManifest | null;
  stamp: string;
  checkedAt: number;
  loading: Promise<VerifiedManifest> | null;
}

export type InvalidManifestListener = (siteCode: string, problems: readonly string[], stamp: string) => void;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Identity of root.json and its signature: any rewrite changes it (rename gives a new inode). */
export async function manifestStamp(store: PageStore, site: string): Promise<string> {
  const dir = path.join(store.root, site, '_manifest');
  const one = async (name: string) => {
    try {
      const st = await fs.promises.stat(path.join(dir, name), { bigint: true });
      return `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
    } catch {
      return '-';
    }
  };
  return `${await one('root.json')}|${await one('root.sig')}`;
}

/**
 * Each site's manifest, verified (SM2 signature, shard digests) when loaded and kept in memory.
 * Reloaded when root.json changes (checked at most once a second, or at once after
 * `invalidate`, which the `pages.changed` event calls). A manifest that does not verify is
 * kept as such (ok: false): the site answers 503 until a good one is published.
 */
export class SiteManifests {
  private readonly sites = new Map<string, SiteState>();

  constructor(private readonly store: PageStore, private readonly onInvalid: InvalidManifestListener) {}

  /** The manifest to serve from now: the in-memory one unless root.json changed. */
  async get(site: string): Promise<VerifiedManifest> {
    const state = this.sites.get(site);
    if (state?.manifest && Date.now() - state.checkedAt < STAT_EVERY_MS) return state.manifest;
    return this.fresh(site);
  }

  /** The in-memory manifest if it was checked within the last second (no await on the hot path). */
  peek(site: string): VerifiedManifest | null {
    const state = this.sites.get(site);
    return state?.manifest && Date.now() - state.checkedAt < STAT_EVERY_MS ? state.manifest : null;
  }

  /** Checks root.json now and reloads when it changed (before concluding a file was tampered with). */
  async fresh(site: string): Promise<VerifiedManifest> {
    let state = this.sites.get(site);
    if (!state) {
      state = { manifest: null, stamp: '', checkedAt: 0, loading: null };
      this.sites.set(site, state);
    }
    if (state.loading) return state.loading;
    const s = state;
    s.loading = (async () => {
      s.checkedAt = Date.now();
      const stamp = await manifestStamp(this.store, site);
      if (s.manifest && stamp === s.stamp) return s.manifest;
      const { manifest, stamp: loadedStamp } = await loadManifest(this.store, site);
      s.manifest = manifest;
      s.stamp = loadedStamp;
      s.checkedAt = Date.now();
      if (!manifest.ok) this.onInvalid(site, manifest.problems, loadedStamp);
      return manifest;
    })().finally(() => { s.loading = null; });
    return s.loading;
  }

  /** Forgets when root.json was last checked, so the next request looks again. */
  invalidate(site: string): void {
    const state = this.sites.get(site);
    if (state) state.checkedAt = 0;
  }
}

/**
 * Reads and verifies a site's manifest, reading again while root.json or its signature change
 * underneath (a publish in progress). A signature without root.json counts as not verifying.
 */
export async function loadManifest(store: PageStore, site: string): Promise<{ manifest: VerifiedManifest; stamp: string }> {
  let last: { manifest: VerifiedManifest; stamp: string } | null = null;
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    if (attempt > 0) await sleep(RETRY_MS);
    const stamp = await manifestStamp(store, site);
    let manifest: VerifiedManifest;
    try {
      if (stamp === '-|-') manifest = EMPTY_ROOT(site);
      // A signature without its root: root.json was deleted (a site that was never published has neither).
      else if (stamp.startsWith('-|')) manifest = { ...EMPTY_ROOT(site), ok: false, problems: ['root.json missing while root.sig exists'] };
      else manifest = await store.manifest(site);
    } catch (err) {
      manifest = { ok: false, root: { site, version: 0, shards: {} }, entries: new Map(), problems: [`manifest unreadable: ${err instanceof Error ? err.message : String(err)}`] };
    }
    // Unchanged while we read it, and verified: done. Changed underneath: read again.
    if (manifest.ok && stamp === (await manifestStamp(store, site))) return { manifest, stamp };
    last = { manifest, stamp };
  }
  return last ?? { manifest: EMPTY_ROOT(site), stamp: '' };
}
