import fs from 'node:fs';
import path from 'node:path';
import { sm3Hex } from '../../../platform/crypto/index.js';
import { compressionPlan, compressionPlanFor, VARIANT_SUFFIX, type Variant } from './compress.js';
import { canonicalJson, shardBytes, shardOf, signRoot, verifyRoot, type ManifestEntry, type ManifestRoot, type ManifestShard, type ManifestSigner } from './manifest.js';
import { contentTypeOf, hantFileOf, pageFileOf } from './page-path.js';
import { ShardedEntries } from './sharded-entries.js';
import { SPARE_DIR, spareFiles, type SpareFiles, type SpareFilesOptions } from './spare-files.js';
import { StoreWriteError, storePageOnThread, storeVariantsOnThread, writeFilesOnThread, type FileWrite } from './writer-thread.js';
import type { ApplyResult, PageChanges, PageStore, PageWrite, VariantsResult, VerifiedManifest } from './page-store.js';

const MANIFEST_DIR = '_manifest';
const SITE_CODE = /^(\d{10}|bm\d{8})$/;

/**
 * Runs a writer-thread request with up to `count` spares and as many names to keep replaced
 * files under, then returns the spares it did not use and adds the files it kept.
 */
async function withSpares<T extends { readonly kept: readonly string[]; readonly unused: readonly string[] }>(
  spares: SpareFiles, count: number, request: (lease: { spares: string[]; retire: string[] }) => Promise<T>,
): Promise<T> {
  const lease = { spares: await spares.take(count), retire: Array.from({ length: count }, () => spares.name()) };
  try {
    const outcome = await request(lease);
    spares.giveBack(outcome.unused);
    spares.kept(outcome.kept);
    return outcome;
  } catch (e) {
    if (e instanceof StoreWriteError) { spares.giveBack(e.outcome.unused); spares.kept(e.outcome.kept); }
    throw e;
  }
}

async function unlinkQuiet(file: string): Promise<void> {
  try { await fs.promises.unlink(file); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; }
}

/** Runs the tasks with at most `limit` in flight. */
async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => { while (next < items.length) await task(items[next++]!); };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Pages in flight to the writer thread per apply: enough that it never waits for the next one. */
const PAGES_IN_FLIGHT = 24;

/** Manifest shards per message to the writer thread in a commit. */
const SHARDS_PER_WRITE = 32;

/** How often spares are trimmed besides after each apply. */
const TRIM_EVERY_MS = 5 * 60_000;

function readText(file: string): string | null {
  try { return fs.readFileSync(file, 'utf8'); } catch (e) { if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null; throw e; }
}

/**
 * The page store on a local disk: `<root>/<site code>/<page path>` plus `.gz`/`.br` siblings,
 * and `<root>/<site code>/_manifest/` (256 shards of path → digest, a root listing the shards'
 * digests, and the root's SM2 signature). nginx can serve the folders as they are
 * (docs/deploy.md). Changes to one site are applied one at a time in this process; publishing
 * jobs on several processes also hold a database lock per site around apply().
 */
export function createFilePageStore(root: string, signer: ManifestSigner, opts: { readonly spares?: SpareFilesOptions } = {}): PageStore {
  const queues = new Map<string, Promise<unknown>>();
  const pools = new Map<string, SpareFiles>();
  /** Runs `task` after every earlier change to the site in this process. */
  const enqueue = <T>(site: string, task: () => Promise<T>): Promise<T> => {
    const run = (queues.get(site) ?? Promise.resolve()).catch(() => undefined).then(task);
    queues.set(site, run);
    void run.catch(() => undefined).finally(() => { if (queues.get(site) === run) queues.delete(site); });
    return run;
  };
  const sparesOf = (site: string): SpareFiles => {
    let pool = pools.get(site);
    if (!pool) { pool = spareFiles(path.join(root, SPARE_DIR, site), opts.spares); pools.set(site, pool); }
    return pool;
  };
  // A site that goes quiet after a rebuild still gets its spares freed (they expire in an hour).
  setInterval(() => {
    for (const [site, pool] of pools) if (pool.size > 0) void enqueue(site, () => pool.trim()).catch(() => undefined);
  }, TRIM_EVERY_MS).unref();
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
  const readRoot = (site: string): ManifestRoot => JSON.parse(readText(manifestFile(site, 'root.json')) ?? 'null') as ManifestRoot | null ?? { site, version: 0, shards: {} };

  const VARIANTS = ['identity', 'gzip', 'br'] as const;
  /** The stored files of one path: the page and the precompressed variants the entry lists. */
  const storedVariants = (entry: ManifestEntry | undefined): Variant[] =>
    entry === undefined || entry.status === 301 ? [] : VARIANTS.filter((v) => v === 'identity' || entry[v] !== undefined);

  /**
   * Per site, manifest changes of applies made with `holdManifest`: their files are in place,
   * the manifest does not list them yet. The next apply without it writes them with its own.
   */
  const held = new Map<string, Map<string, ManifestEntry | null>>();
  /** The site's held changes, taken out to be committed (none held afterwards). */
  const takeHeld = (site: string): Map<string, ManifestEntry | null> => {
    const h = held.get(site) ?? new Map<string, ManifestEntry | null>();
    held.delete(site);
    return h;
  };

  async function applyNow(site: string, changes: PageChanges): Promise<ApplyResult> {
    const current = readRoot(site);
    const spares = sparesOf(site);
    const heldHere = held.get(site);
    // The shards this change touches, as they were before it (never modified: a change writes new ones).
    const before = new Map<string, ManifestShard>();
    const priorEntry = (file: string): ManifestEntry | undefined => {
      if (heldHere?.has(file)) return heldHere.get(file) ?? undefined;
      const shard = shardOf(file);
      let data = before.get(shard);
      if (!data) { data = loadShard(site, shard).data; before.set(shard, data); }
      return data[file];
    };
    const updates = new Map<string, ManifestEntry | null>();
    /** Removes the stored files of a path that the manifest lists (a path it does not list has none). */
    const removeStored = (file: string) => Promise.all(storedVariants(priorEntry(file)).map((v) => unlinkQuiet(filePath(site, file, v))));
    let written = 0;
    let unchanged = 0;
    // One write per file, the last one given winning (pages are written in parallel below).
    const byFile = new Map<string, PageWrite>();
    for (const page of changes.write ?? []) {
      const file = pageFileOf(page.path);
      if (!file) throw new Error(`not a canonical page path: ${page.path}`);
      byFile.delete(file);
      byFile.set(file, page);
    }
    const pages = [...byFile].map(([file, page]) => ({ page, file, type: page.type ?? contentTypeOf(file) }));
    const hantGone: string[] = [];
    await inParallel(pages, PAGES_IN_FLIGHT, async ({ page, file, type }) => {
      const prior = priorEntry(file);
      const status = page.status ?? 200;
      const plan = compressionPlan(page.body, type);
      const compress = changes.deferVariants ? null : plan;
      const stored = prior !== undefined && prior.status !== 301;
      const outcome = await withSpares(spares, compress ? 3 : 1, (lease) => storePageOnThread({
        ...lease,
        body: page.body,
        compress,
        // Rendering is deterministic: a page that comes out as the manifest already lists it is
        // left alone (a rebuild of an unchanged site writes nothing). A repair passes `force`.
        prior: !changes.force && prior?.sm3 !== undefined && prior.status === status && prior.size === page.body.length ? { sm3: prior.sm3, size: prior.size } : null,
        files: { identity: filePath(site, file), gzip: filePath(site, file, 'gzip'), br: filePath(site, file, 'br') },
        exists: { identity: stored, gzip: prior?.gzip !== undefined, br: prior?.br !== undefined },
        unlinkMissing: { gzip: prior?.gzip !== undefined || changes.force === true, br: prior?.br !== undefined || changes.force === true },
      }));
      if (outcome.unchanged) {
        unchanged++;
        // Same bytes, another type (listed before the type table knew the file's extension, or
        // before notices said they are HTML): the entry is corrected, the file left alone.
        if (prior && prior.type !== type) updates.set(file, { ...prior, type });
        return;
      }
      written++;
      // A page rewritten makes its traditional variant stale: it is made again on next request.
      const hant = hantFileOf(file);
      if (hant) hantGone.push(hant);
      updates.set(file, {
        status, type, size: page.body.length, sm3: outcome.sm3,
        ...(outcome.gzip ? { gzip: outcome.gzip } : {}), ...(outcome.br ? { br: outcome.br } : {}),
        ...(plan !== null && compress === null ? { pending: true } : {}),
      });
    });
    for (const hant of hantGone) {
      if (updates.has(hant)) continue;
      if (priorEntry(hant) !== undefined) await removeStored(hant);
      updates.set(hant, null);
    }
    for (const r of changes.redirect ?? []) {
      const file = pageFileOf(r.path);
      if (!file) throw new Error(`not a canonical page path: ${r.path}`);
      await removeStored(file);
      updates.set(file, { status: 301, location: r.location });
    }
    for (const p of changes.remove ?? []) {
      const file = pageFileOf(p);
      if (!file) continue;
      await Promise.all(VARIANTS.map((v) => unlinkQuiet(filePath(site, file, v))));
      updates.set(file, null);
    }
    // Entries that would not change (a stale 繁體 entry never listed) leave the manifest as it is.
    for (const [file, entry] of updates) if (entry === null && priorEntry(file) === undefined) updates.delete(file);
    if (changes.holdManifest) {
      const h = heldHere ?? new Map<string, ManifestEntry | null>();
      for (const [file, entry] of updates) h.set(file, entry);
      if (h.size > 0) held.set(site, h);
      return { written, unchanged, version: current.version };
    }
    const all = takeHeld(site);
    for (const [file, entry] of updates) all.set(file, entry);
    try {
      return { written, unchanged, version: await commitManifest(site, current, before, all) };
    } catch (e) {
      // Not written: kept for the next commit (the files they describe are in place).
      held.set(site, all);
      throw e;
    }
  }

  /**
   * Writes the shards the updates touch (built on the shards as `before` holds them, or as
   * stored), the SM2 signature and the new root; returns the manifest's version after.
   */
  async function commitManifest(site: string, current: ManifestRoot, before: ReadonlyMap<string, ManifestShard>, updates: ReadonlyMap<string, ManifestEntry | null>): Promise<number> {
    if (updates.size === 0) return current.version;
    const spares = sparesOf(site);
    const byShard = new Map<string, [string, ManifestEntry | null][]>();
    for (const [file, entry] of updates) byShard.set(shardOf(file), [...(byShard.get(shardOf(file)) ?? []), [file, entry]]);
    const shards = { ...current.shards };
    const cacheAfter: [string, string, ManifestShard][] = [];
    const shardWrites: FileWrite[] = [];
    for (const [shard, entries] of byShard) {
      const data = { ...before.get(shard) ?? loadShard(site, shard).data };
      for (const [file, entry] of entries) { if (entry) data[file] = entry; else delete data[file]; }
      const bytes = shardBytes(data);
      const file = manifestFile(site, `${shard}.json`);
      shardWrites.push({ target: file, bytes, exists: current.shards[shard] !== undefined });
      shards[shard] = sm3Hex(bytes);
      cacheAfter.push([shard, file, data]);
    }
    // Shards, then the signature, then the root, in this order: a reader that sees the new root
    // also finds its shards and signature (a reader in between sees the old root with a new
    // signature and simply retries). Every shard is serialised before the first is replaced, so
    // readers meet new shards under the old root only for the time of the writes; they go to the
    // writer thread SHARDS_PER_WRITE at a time, so a large site's manifest (tens of MB at
    // 100,000 documents) is not copied into one message as well.
    for (let i = 0; i < shardWrites.length; i += SHARDS_PER_WRITE) {
      const chunk = shardWrites.slice(i, i + SHARDS_PER_WRITE);
      await withSpares(spares, chunk.length, (lease) => writeFilesOnThread({ ...lease, groups: [chunk] }));
    }
    const next: ManifestRoot = { site, version: current.version + 1, shards };
    const rootBytes = canonicalJson(next);
    await withSpares(spares, 2, (lease) => writeFilesOnThread({
      ...lease,
      groups: [
        [{ target: manifestFile(site, 'root.sig'), bytes: signRoot(rootBytes, signer), exists: current.version > 0 }],
        [{ target: manifestFile(site, 'root.json'), bytes: rootBytes, exists: current.version > 0 }],
      ],
    }));
    for (const [shard, file, data] of cacheAfter) shardCache.set(`${site}/${shard}`, { digest: shards[shard]!, stamp: stampOf(file) ?? '', data });
    return next.version;
  }

  async function addVariantsNow(site: string, limit: number): Promise<VariantsResult> {
    const current = readRoot(site);
    const spares = sparesOf(site);
    const before = new Map<string, ManifestShard>();
    // Changes still held are committed with this step (their listed entries are stale).
    const updates = takeHeld(site);
    const todo: [string, ManifestEntry][] = [];
    let remaining = 0;
    for (const shard of Object.keys(current.shards).sort()) {
      const data = loadShard(site, shard).data;
      before.set(shard, data);
      for (const [file, entry] of Object.entries(data)) {
        if (entry.pending !== true || updates.has(file)) continue;
        if (todo.length < limit) todo.push([file, entry]);
        else remaining++;
      }
    }
    const heldCount = updates.size;
    await inParallel(todo, PAGES_IN_FLIGHT, async ([file, entry]) => {
      const { pending: _pending, ...rest } = entry;
      const compress = entry.sm3 !== undefined && entry.size !== undefined ? compressionPlanFor(entry.size, entry.type ?? contentTypeOf(file)) : null;
      if (compress === null || entry.sm3 === undefined) {
        updates.set(file, rest);
        return;
      }
      const outcome = await withSpares(spares, 2, (lease) => storeVariantsOnThread({
        ...lease, sm3: entry.sm3!, compress,
        files: { identity: filePath(site, file), gzip: filePath(site, file, 'gzip'), br: filePath(site, file, 'br') },
      }));
      // A page changed on disk since it was listed is the tamper guard's to restore; it keeps
      // waiting here until then.
      if (outcome.stale) return;
      updates.set(file, { ...rest, ...(outcome.gzip ? { gzip: outcome.gzip } : {}), ...(outcome.br ? { br: outcome.br } : {}) });
    });
    await commitManifest(site, current, before, updates);
    const done = updates.size - heldCount;
    return { done, remaining: remaining + todo.length - done };
  }

  return {
    root,
    filePath,
    apply(site, changes) {
      const run = enqueue(site, () => applyNow(site, changes));
      // Spares past their limits are freed after the apply, before the next one starts.
      void enqueue(site, () => sparesOf(site).trim()).catch(() => undefined);
      return run;
    },
    async idle(site) {
      // Applies queued while waiting are waited for too; the last one settled is the end.
      for (;;) {
        const q = queues.get(site);
        if (!q) return;
        await q.catch(() => undefined);
        if (queues.get(site) === q) return;
      }
    },
    uncommitted(site, file) {
      const h = held.get(site);
      return h?.has(file) ? h.get(file) ?? null : undefined;
    },
    addVariants(site, limit) {
      return enqueue(site, () => addVariantsNow(site, limit));
    },
    async manifest(site): Promise<VerifiedManifest> {
      const rootBytes = readText(manifestFile(site, 'root.json'));
      if (rootBytes === null) return { ok: true, root: { site, version: 0, shards: {} }, entries: new Map(), problems: [] };
      const signature = readText(manifestFile(site, 'root.sig')) ?? '';
      const problems: string[] = [];
      if (!verifyRoot(rootBytes, signature, signer.publicKey)) problems.push('root.json: SM2 signature does not verify');
      const rootData = JSON.parse(rootBytes) as ManifestRoot;
      const shards = new Map<string, ManifestShard>();
      for (const [shard, digest] of Object.entries(rootData.shards)) {
        const loaded = loadShard(site, shard);
        if (loaded.digest !== digest) { problems.push(`${MANIFEST_DIR}/${shard}.json: digest differs from the signed root`); continue; }
        shards.set(shard, loaded.data);
      }
      return { ok: problems.length === 0, root: rootData, entries: new ShardedEntries(shards), problems };
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
