import path from 'node:path';
import type { PageStore } from '../publishing/page-store/index.js';
import { loadManifest } from './guard/site-manifests.js';
import { listSite, scanSite, sm3OfFile } from './guard/store-scan.js';

export interface StoreProblem {
  readonly site: string;
  readonly kind: 'manifest' | 'modified' | 'missing' | 'unknown';
  /** Path relative to the site folder ('' for the manifest as a whole). */
  readonly file: string;
  readonly detail: string;
}

export interface StoreReport {
  readonly sites: number;
  readonly files: number;
  readonly problems: readonly StoreProblem[];
}

export interface VerifyOptions {
  readonly site?: string | undefined;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * `jiyue pages verify`: every site's manifest (SM2 signature, shard digests) and every stored
 * file and variant against its SM3 digest; files missing from disk and files nobody published.
 * Hashes everything, with no cache: the answer is about the disk as it is now.
 */
export async function verifyPageStore(store: PageStore, opts: VerifyOptions = {}): Promise<StoreReport> {
  const all = await store.sites();
  const sites = opts.site ? all.filter((s) => s === opts.site) : all;
  if (opts.site && sites.length === 0) {
    return { sites: 0, files: 0, problems: [{ site: opts.site, kind: 'manifest', file: '', detail: 'no such site folder in the page store' }] };
  }
  const problems: StoreProblem[] = [];
  const checks: { site: string; manifest: Awaited<ReturnType<typeof loadManifest>>['manifest'] }[] = [];
  let total = 0;
  for (const site of sites) {
    const { manifest } = await loadManifest(store, site);
    const listing = await listSite(path.join(store.root, site));
    if (!manifest.ok) {
      for (const p of manifest.problems) problems.push({ site, kind: 'manifest', file: '', detail: p });
      problems.push({ site, kind: 'manifest', file: '', detail: 'files not checked: the manifest does not verify' });
      continue;
    }
    if (manifest.root.version === 0 && listing.files.length > 0) {
      problems.push({ site, kind: 'manifest', file: '', detail: `${listing.files.length} files but no manifest (root.json)` });
      continue;
    }
    total += new Set([...listing.files, ...[...manifest.entries].flatMap(([f, e]) => (e.status === 301 ? [] : [f.slice(1)]))]).size;
    checks.push({ site, manifest });
  }
  let done = 0;
  opts.onProgress?.(0, total);
  for (const { site, manifest } of checks) {
    const { findings } = await scanSite(path.join(store.root, site), manifest, (abs) => sm3OfFile(abs), () => {
      done++;
      opts.onProgress?.(Math.min(done, total), Math.max(total, done));
    });
    for (const f of findings) {
      if (f.kind === 'added') problems.push({ site, kind: 'unknown', file: f.rel, detail: 'not listed in the manifest' });
      else if (f.kind === 'missing') problems.push({ site, kind: 'missing', file: f.rel, detail: `expected SM3 ${f.expected}` });
      else problems.push({ site, kind: 'modified', file: f.rel, detail: `SM3 ${f.actual}, manifest ${f.expected}` });
    }
  }
  return { sites: sites.length, files: done, problems };
}
