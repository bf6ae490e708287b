import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sm3Hex } from '../../../platform/crypto/index.js';
import { compressedVariants, VARIANT_SUFFIX, type Variant } from './compress.js';
import { canonicalJson, shardOf, signRoot, verifyRoot, type ManifestEntry, type ManifestRoot, type ManifestShard, type ManifestSigner } from './manifest.js';
import { contentTypeOf, hantFileOf, pageFileOf } from './page-path.js';
import type { ApplyResult, PageChanges, PageStore, VerifiedManifest } from './page-store.js';

const MANIFEST_DIR = '_manifest';
const SITE_CODE = /^(\d{10}|bm\d{8})$/;

/** Write then rename: a reader sees the old file or the new one, never half of either. */
function writeAtomic(target: string, bytes: Buffer | string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, bytes, { mode: 0o644 });
  fs.renameSync(tmp, target);
}

function unlinkQuiet(file: string): void {
  try { fs.unlinkSync(file); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; }
}

function readText(file: string): string | null {
  try { return fs.readFileSync(file, 'utf8'); } catch (e) { if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null; throw e; }
}

/**
 * The page store on a local disk: `<root>/<site code>/<page path>` plus `.gz`/`.br` siblings,
 * and `<root>/<site code>/_manifest/` (32 shards of path → digest, a root listing the shards'
 * digests, and the root's SM2 signature). nginx can serve the folders as they are
 * (docs/deploy.md). Changes to one site are applied one at a time in this process; publishing
 * jobs on several processes also hold a database lock per site around apply().
 */
export function createFilePageStore(root: string, signer: ManifestSigner): PageStore {
  const queues = new Map<string, Promise<unknown>>();
  const siteDir = (site: string) => {
    if (!SITE_CODE.test(site)) throw new Error(`not a website identifier code: ${site}`);
    return path.join(root, site);
  };
  const filePath = (site: string, file: string, variant: Variant = 'identity') =>
    path.join(siteDir(site), ...file.slice(1).split('/')) + (variant === 'identity' ? '' : VARIANT_SUFFIX[variant]);
  const manifestFile = (site: string, name: string) => path.join(siteDir(site), MANIFEST_DIR, name);

  // Parsed shards kept between reads and writes, trusted only while the file on disk is the one
  // that was hashed (same inode, size and mtime) and its digest is the one the signed root lists.
  const shardCache = new Map<string, { digest: string; stamp: string; data: ManifestShard }>();
  const stampOf = (file: string): string | null => {
    try { const st = fs.statSync(file, { bigint: true }); return `${st.ino}:${st.size}:${st.mtimeNs}`; } catch { return null; }
  };
  /** A shard's entries and the SM3 of its bytes, from the cache when the file is unchanged. */
  const loadShard = (site: string, shard: string): { digest: string; data: ManifestShard } => {
    const file = manifestFile(site, `${shard}.json`);
    const key = `${site}/${shard}`;
    const stamp = stampOf(file);
    const cached = shardCache.get(key);
    if (cached && stamp !== null && cached.stamp === stamp) return cached;
    const bytes = readText(file);
    if (bytes === null) { shardCache.delete(key); return { digest: sm3Hex(''), data: {} }; }
    const loaded = { digest: sm3Hex(bytes), stamp: stamp ?? '', data: JSON.parse(bytes) as ManifestShard };
    shardCache.set(key, loaded);
    return loaded;
  };
  const readShard = (site: string, shard: string): ManifestShard => ({ ...loadShard(site, shard).data });
  const readRoot = (site: string): ManifestRoot => JSON.parse(readText(manifestFile(site, 'root.json')) ?? 'null') as ManifestRoot | null ?? { site, version: 0, shards: {} };

  function applyNow(site: string, changes: PageChanges): ApplyResult {
    const updates = new Map<string, ManifestEntry | null>();
    let written = 0;
    for (const page of changes.write ?? []) {
      const file = pageFileOf(page.path);
      if (!file) throw new Error(`not a canonical page path: ${page.path}`);
      const type = contentTypeOf(file);
      const variants = compressedVariants(page.body, type);
      writeAtomic(filePath(site, file), page.body);
      for (const v of ['gzip', 'br'] as const) {
        const bytes = variants[v];
        if (bytes) writeAtomic(filePath(site, file, v), bytes); else unlinkQuiet(filePath(site, file, v));
      }
      written++;
      // A page rewritten makes its traditional variant stale: it is made again on next request.
      const hant = hantFileOf(file);
      if (hant && !updates.has(hant)) {
        for (const v of ['identity', 'gzip', 'br'] as const) unlinkQuiet(filePath(site, hant, v));
        updates.set(hant, null);
      }
      updates.set(file, {
        status: page.status ?? 200, type, size: page.body.length, sm3: sm3Hex(page.body),
        ...(variants.gzip ? { gzip: sm3Hex(variants.gzip) } : {}), ...(variants.br ? { br: sm3Hex(variants.br) } : {}),
      });
    }
    for (const r of changes.redirect ?? []) {
      const file = pageFileOf(r.path);
      if (!file) throw new Error(`not a canonical page path: ${r.path}`);
      for (const v of ['identity', 'gzip', 'br'] as const) unlinkQuiet(filePath(site, file, v));
      updates.set(file, { status: 301, location: r.location });
    }
    for (const p of changes.remove ?? []) {
      const file = pageFileOf(p);
      if (!file) continue;
      for (const v of ['identity', 'gzip', 'br'] as const) unlinkQuiet(filePath(site, file, v));
      updates.set(file, null);
    }
    if (updates.size === 0) return { written, version: readRoot(site).version };
    const byShard = new Map<string, [string, ManifestEntry | null][]>();
    for (const [file, entry] of updates) byShard.set(shardOf(file), [...(byShard.get(shardOf(file)) ?? []), [file, entry]]);
    const current = readRoot(site);
    const shards = { ...current.shards };
    for (const [shard, entries] of byShard) {
      const data = readShard(site, shard);
      for (const [file, entry] of entries) { if (entry) data[file] = entry; else delete data[file]; }
      const bytes = canonicalJson(data);
      const file = manifestFile(site, `${shard}.json`);
      writeAtomic(file, bytes);
      shards[shard] = sm3Hex(bytes);
      shardCache.set(`${site}/${shard}`, { digest: shards[shard], stamp: stampOf(file) ?? '', data });
    }
    const next: ManifestRoot = { site, version: current.version + 1, shards };
    const rootBytes = canonicalJson(next);
    // Signature first, root second: a reader that sees the new root also finds its signature
    // (a reader in between sees the old root with a new signature and simply retries).
    writeAtomic(manifestFile(site, 'root.sig'), signRoot(rootBytes, signer));
    writeAtomic(manifestFile(site, 'root.json'), rootBytes);
    return { written, version: next.version };
  }

  return {
    root,
    filePath,
    apply(site, changes) {
      const previous = queues.get(site) ?? Promise.resolve();
      const run = previous.catch(() => undefined).then(() => applyNow(site, changes));
      queues.set(site, run);
      return run.finally(() => { if (queues.get(site) === run) queues.delete(site); });
    },
    async manifest(site): Promise<VerifiedManifest> {
      const rootBytes = readText(manifestFile(site, 'root.json'));
      if (rootBytes === null) return { ok: true, root: { site, version: 0, shards: {} }, entries: new Map(), problems: [] };
      const signature = readText(manifestFile(site, 'root.sig')) ?? '';
      const problems: string[] = [];
      if (!verifyRoot(rootBytes, signature, signer.publicKey)) problems.push('root.json: SM2 signature does not verify');
      const rootData = JSON.parse(rootBytes) as ManifestRoot;
      const entries = new Map<string, ManifestEntry>();
      for (const [shard, digest] of Object.entries(rootData.shards)) {
        const loaded = loadShard(site, shard);
        if (loaded.digest !== digest) { problems.push(`${MANIFEST_DIR}/${shard}.json: digest differs from the signed root`); continue; }
        for (const [file, entry] of Object.entries(loaded.data)) entries.set(file, entry);
      }
      return { ok: problems.length === 0, root: rootData, entries, problems };
    },
    async read(site, file, variant = 'identity') {
      try { return await fs.promises.readFile(filePath(site, file, variant)); } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') return null;
        throw e;
      }
    },
    async sites() {
      try {
        return fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && SITE_CODE.test(d.name)).map((d) => d.name).sort();
      } catch (e) { if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []; throw e; }
    },
  };
}
