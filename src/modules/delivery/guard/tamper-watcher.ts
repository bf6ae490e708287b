import fs from 'node:fs';
import path from 'node:path';
import type { Stats } from 'node:fs';
import type { Platform } from '../../../platform/platform.js';
import { pageStoreFor, type PageStore, type VerifiedManifest } from '../../publishing/page-store/index.js';
import { hasPageRepairer, repairPage } from './page-repairer.js';
import { recordPageAlert, type AlertInput } from './record-alert.js';
import { loadManifest } from './site-manifests.js';
import { checkPath, expectedFiles, listSite, MANIFEST_DIR, scanSite, sm3OfFile, type FileFinding, type Hasher } from './store-scan.js';

export interface PageWatcherOptions {
  /** Full-scan interval (default: the JIYUE_PAGE_WATCH_SCAN_MS setting). */
  readonly scanMs?: number;
  /** A finding must still stand this long later, against a freshly read manifest, before anything is changed. */
  readonly graceMs?: number;
  /** Use file-system events as well as the scan (default true). */
  readonly watchEvents?: boolean;
  readonly log?: (message: string, err?: unknown) => void;
}

export interface PageWatcher {
  /** Runs one full scan now (and acts on what it finds); resolves when done. */
  scanNow(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_GRACE_MS = 1500;
const EVENT_DEBOUNCE_MS = 150;
/** inotify watches are a per-user resource: beyond this many folders the scan alone keeps guard. */
const MAX_DIR_WATCHES = 4096;
/** Digests cached by stat stamp are trusted only for files unchanged this long (a write in the same clock tick keeps ctime). */
const RACY_MS = 2000;
const SITE_DIR = /^(\d{10}|bm\d{8})$/;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function stampOf(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

function defaultLog(platform: Platform): (message: string, err?: unknown) => void {
  return (message, err) => {
    if (platform.config.logLevel === 'silent' || platform.config.logLevel === 'fatal') return;
    process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), msg: `page watcher: ${message}`, err: err instanceof Error ? err.message : err })}\n`);
  };
}

/**
 * 网页防篡改 watcher for the page store: notices a file changed, added or deleted behind the
 * platform's back, puts the genuine one back (through the registered repairer) or deletes the
 * stranger, and raises an alert with an audit event. File-system events make it quick; a full
 * scan every few seconds makes it certain. Files are hashed only when their stat stamp changed.
 * Runs in the process that runs the worker role.
 */
export function startPageWatcher(platform: Platform, opts: PageWatcherOptions = {}): PageWatcher {
  const store: PageStore = pageStoreFor(platform);
  const scanMs = opts.scanMs ?? platform.config.pageWatchScanMs;
  const graceMs = opts.graceMs ?? DEFAULT_GRACE_MS;
  const log = opts.log ?? defaultLog(platform);
  const digests = new Map<string, { stamp: string; digest: string }>();
  const manifests = new Map<string, { stamp: string; manifest: VerifiedManifest }>();
  const watches = new Map<string, fs.FSWatcher>();
  const pending = new Set<string>();
  let stopped = false;
  let scanTimer: NodeJS.Timeout | null = null;
  let eventTimer: NodeJS.Timeout | null = null;
  let cycle: Promise<void> | null = null;
  const busy = new Set<Promise<void>>();

  const hash: Hasher = async (abs, st) => {
    const stamp = stampOf(st);
    const known = digests.get(abs);
    if (known && known.stamp === stamp && Date.now() - st.ctimeMs > RACY_MS) return known.digest;
    const digest = await sm3OfFile(abs);
    digests.set(abs, { stamp, digest });
    return digest;
  };

  const alert = (input: AlertInput) => recordPageAlert(platform, input).then(() => undefined, (err: unknown) => log('alert not recorded', err));
  const siteDir = (site: string) => path.join(store.root, site);

  /** Stamps of every manifest file: shards included, so a changed shard is noticed too. */
  async function manifestDirStamp(site: string): Promise<string> {
    const dir = path.join(siteDir(site), MANIFEST_DIR);
    try {
      const names = (await fs.promises.readdir(dir)).sort();
      const parts = await Promise.all(names.map(async (n) => {
        try { return `${n}=${stampOf(await fs.promises.lstat(path.join(dir, n)))}`; } catch { return `${n}=-`; }
      }));
      return parts.join('|');
    } catch {
      return '-';
    }
  }

  async function manifestOf(site: string): Promise<VerifiedManifest> {
    const stamp = await manifestDirStamp(site);
    const known = manifests.get(site);
    if (known && known.stamp === stamp) return known.manifest;
    const { manifest } = await loadManifest(store, site);
    manifests.set(site, { stamp, manifest });
    return manifest;
  }

  /** Null when the manifest can be trusted to judge files by; otherwise the alert is raised here. */
  async function trustedManifest(site: string, hasFiles: boolean): Promise<VerifiedManifest | null> {
    let manifest = await manifestOf(site);
    if (!manifest.ok) {
      const detail = manifest.problems.join('; ');
      await alert({ siteCode: site, file: '', kind: 'manifest', detectedBy: 'watcher', action: 'blocked', detail, incident: detail });
      return null;
    }
    // Files but no manifest at all: never delete a whole site on that evidence. A site's first
    // publish writes its files before its manifest, so look again after the grace period.
    if (manifest.root.version === 0) {
      if (!hasFiles) return null;
      await sleep(graceMs);
      manifest = await manifestOf(site);
      if (manifest.ok && manifest.root.version > 0) return manifest;
      const detail = manifest.ok ? 'files present but no manifest (root.json)' : manifest.problems.join('; ');
      if (!stopped) await alert({ siteCode: site, file: '', kind: 'manifest', detectedBy: 'watcher', action: 'blocked', detail, incident: detail });
      return null;
    }
    return manifest;
  }

  async function act(site: string, f: FileFinding): Promise<void> {
    const abs = path.join(siteDir(site), ...f.rel.split('/'));
    const file = `/${f.rel}`;
    if (f.kind === 'added') {
      await fs.promises.rm(abs, { force: true });
      digests.delete(abs);
      await alert({ siteCode: site, file, kind: 'added', detectedBy: 'watcher', action: 'removed', detail: 'a file the manifest does not list; deleted', incident: f.incident });
      return;
    }
    const detail = f.kind === 'missing' ? 'listed in the manifest but not on disk' : `SM3 ${f.actual} instead of ${f.expected}`;
    const incident = f.kind === 'missing' ? 'missing' : f.actual;
    if (!hasPageRepairer()) {
      await alert({ siteCode: site, file, kind: f.kind, detectedBy: 'watcher', action: 'blocked', detail: `${detail}; no repairer registered`, incident });
      return;
    }
    if (f.kind === 'modified' && f.actual === 'a directory') await fs.promises.rm(abs, { recursive: true, force: true });
    await repairPage(site, f.file).catch((err: unknown) => { log(`repair of ${site}${f.file} failed`, err); return null; });
    const manifest = await manifestOf(site);
    const still = await checkPath(siteDir(site), f.rel, expectedFiles(manifest).get(f.rel), hash);
    await alert({
      siteCode: site, file, kind: f.kind, detectedBy: 'watcher', action: still ? 'failed' : 'restored',
      detail: still ? `${detail}; the repairer did not restore it` : detail, incident,
    });
  }

  /** Waits, reads the manifest again, and acts only on findings that still stand (a publish in flight resolves itself). */
  async function confirmAndAct(site: string, findings: readonly FileFinding[]): Promise<void> {
    if (findings.length === 0) return;
    await sleep(graceMs);
    // A change still being applied in this process (a rebuild's batch) finishes first.
    await store.idle(site);
    if (stopped) return;
    const manifest = await trustedManifest(site, true);
    if (!manifest) return;
    const expected = expectedFiles(manifest);
    for (const f of findings) {
      // Written by a rebuild in this process that has not listed it yet (holdManifest).
      if (store.uncommitted(site, `/${f.rel.replace(/\.(gz|br)$/, '')}`) !== undefined) continue;
      const still = await checkPath(siteDir(site), f.rel, expected.get(f.rel), hash);
      if (still && !stopped) await act(site, still);
    }
  }

  async function scanOne(site: string, seen: Set<string>): Promise<string[]> {
    const listing = await listSite(siteDir(site));
    for (const rel of listing.files) seen.add(path.join(siteDir(site), ...rel.split('/')));
    const manifest = await trustedManifest(site, listing.files.length > 0);
    if (!manifest) return listing.dirs;
    const { findings } = await scanSite(siteDir(site), manifest, hash);
    await confirmAndAct(site, findings);
    return listing.dirs;
  }

  function watchDirs(dirs: readonly string[]): void {
    if (opts.watchEvents === false) return;
    const wanted = new Set(dirs);
    for (const [dir, w] of watches) {
      if (!wanted.has(dir)) {
        w.close();
        watches.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watches.has(dir) || watches.size >= MAX_DIR_WATCHES) continue;
      try {
        const w = fs.watch(dir, { persistent: false }, (_event, name) => {
          if (name) queue(path.join(dir, name.toString()));
        });
        w.on('error', () => { w.close(); watches.delete(dir); });
        watches.set(dir, w);
      } catch {
        // ENOSPC (no inotify watches left) or the folder vanished: the scan still covers it.
      }
    }
  }

  function queue(abs: string): void {
    if (stopped) return;
    pending.add(abs);
    if (eventTimer) return;
    eventTimer = setTimeout(() => {
      eventTimer = null;
      const paths = [...pending];
      pending.clear();
      track(checkEvents(paths));
    }, EVENT_DEBOUNCE_MS);
  }

  /** Paths named by file-system events: checked at once, grouped per site. */
  async function checkEvents(paths: readonly string[]): Promise<void> {
    const bySite = new Map<string, string[]>();
    for (const abs of paths) {
      const rel = path.relative(store.root, abs).split(path.sep);
      const [site, ...rest] = rel;
      if (!site || !SITE_DIR.test(site) || rest.length === 0) continue;
      bySite.set(site, [...(bySite.get(site) ?? []), rest.join('/')]);
    }
    for (const [site, rels] of bySite) {
      if (rels.some((r) => r === MANIFEST_DIR || r.startsWith(`${MANIFEST_DIR}/`))) {
        await trustedManifest(site, true);
      }
      const fileRels = rels.filter((r) => r !== MANIFEST_DIR && !r.startsWith(`${MANIFEST_DIR}/`));
      if (fileRels.length === 0) continue;
      const manifest = await trustedManifest(site, true);
      if (!manifest) continue;
      const expected = expectedFiles(manifest);
      const findings: FileFinding[] = [];
      const newDirs: string[] = [];
      for (const rel of fileRels) {
        const abs = path.join(siteDir(site), ...rel.split('/'));
        const isDir = await fs.promises.lstat(abs).then((st) => st.isDirectory(), () => false);
        if (isDir && !expected.has(rel)) {
          // A new folder: watch it and look at what is already inside.
          const inner = await listSite(abs);
          newDirs.push(...inner.dirs);
          for (const f of inner.files) {
            const found = await checkPath(siteDir(site), `${rel}/${f}`, expected.get(`${rel}/${f}`), hash);
            if (found) findings.push(found);
          }
          continue;
        }
        const found = await checkPath(siteDir(site), rel, expected.get(rel), hash);
        if (found) findings.push(found);
      }
      watchDirs([...watches.keys(), ...newDirs]);
      await confirmAndAct(site, findings);
    }
  }

  function track(p: Promise<void>): void {
    const guarded = p.catch((err: unknown) => log('check failed', err));
    busy.add(guarded);
    void guarded.finally(() => busy.delete(guarded));
  }

  async function fullScan(): Promise<void> {
    const dirs: string[] = [store.root];
    const seen = new Set<string>();
    for (const site of await store.sites()) {
      if (stopped) return;
      try {
        dirs.push(...await scanOne(site, seen));
      } catch (err) {
        log(`scan of site ${site} failed`, err);
      }
    }
    if (stopped) return;
    watchDirs(dirs);
    // Forget the digests of files that are gone.
    for (const abs of digests.keys()) if (!seen.has(abs)) digests.delete(abs);
  }

  function schedule(delay: number): void {
    if (stopped) return;
    scanTimer = setTimeout(() => {
      scanTimer = null;
      void runCycle().finally(() => schedule(scanMs));
    }, delay);
  }

  function runCycle(): Promise<void> {
    if (!cycle) cycle = fullScan().catch((err: unknown) => log('scan failed', err)).finally(() => { cycle = null; });
    return cycle;
  }

  schedule(0);
  return {
    scanNow: () => runCycle(),
    async stop() {
      stopped = true;
      if (scanTimer) clearTimeout(scanTimer);
      if (eventTimer) clearTimeout(eventTimer);
      for (const w of watches.values()) w.close();
      watches.clear();
      await cycle;
      await Promise.all([...busy]);
    },
  };
}
