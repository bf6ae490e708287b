/**
 * Public face of the page store: where published pages live, with their signed manifests.
 * Publishing writes through it; delivery, the tamper watcher and `jiyue pages` read it.
 */
import path from 'node:path';
import type { Platform } from '../../../platform/platform.js';
import { createFilePageStore } from './file-page-store.js';
import type { ManifestSigner } from './manifest.js';
import type { PageStore } from './page-store.js';

export { createFilePageStore } from './file-page-store.js';
export { VARIANT_SUFFIX, type Variant } from './compress.js';
export { writerThreadBusyMs } from './writer-thread.js';
export { canonicalJson, shardOf, SHARD_COUNT, verifyRoot, type ManifestEntry, type ManifestRoot, type ManifestShard, type ManifestSigner } from './manifest.js';
export { CONTENT_TYPES, contentTypeOf, hantFileOf, HTML_TYPE, isCanonicalPagePath, isHantFile, pageFileOf, RESERVED_PREFIX } from './page-path.js';
export type { ApplyResult, PageChanges, PageStore, PageWrite, VariantsResult, VerifiedManifest } from './page-store.js';

/** Folder of the page store inside the data directory. */
export const PAGE_STORE_DIR = 'pages';

/** The page store of an installation's data directory, signed with its SM2 key. */
export function pageStoreAt(dataDir: string, signer: ManifestSigner): PageStore {
  return createFilePageStore(path.resolve(dataDir, PAGE_STORE_DIR), signer);
}

const stores = new WeakMap<Platform, PageStore>();

/**
 * The platform's page store. One instance per platform, so every writer in this process shares
 * its per-site apply queue (publishing, the repairer) and every reader sees the same root.
 */
export function pageStoreFor(platform: Platform): PageStore {
  let store = stores.get(platform);
  if (!store) {
    store = pageStoreAt(platform.config.dataDir, platform.keys.sm2);
    stores.set(platform, store);
  }
  return store;
}
