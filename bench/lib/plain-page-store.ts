/**
 * A PageStore that only writes each page's bytes to `<root>/<page path>` (mkdir, writeFile), as a
 * static site generator does: no gzip/brotli variants, no SM3 digests, no manifest, no SM2
 * signature, no temp-file-and-rename. The rebuild comparison runs Jiyue's real rebuild code
 * against it to show what the page store's extras cost. Never used outside benchmarks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pageFileOf, type PageStore, type VerifiedManifest } from '../../src/modules/publishing/page-store/index.js';

export function createPlainPageStore(root: string): PageStore {
  const filePath = (_site: string, file: string) => path.join(root, ...file.slice(1).split('/'));
  const empty = (site: string): VerifiedManifest => ({ ok: true, root: { site, version: 0, shards: {} }, entries: new Map(), problems: [] });
  return {
    root,
    filePath,
    async apply(site, changes) {
      let written = 0;
      for (const page of changes.write ?? []) {
        const file = pageFileOf(page.path);
        if (!file) throw new Error(`not a canonical page path: ${page.path}`);
        const target = filePath(site, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, page.body);
        written++;
      }
      return { written, unchanged: 0, version: 0 };
    },
    async idle() { /* writes complete within apply */ },
    async addVariants() { return { done: 0, remaining: 0 }; },
    uncommitted() { return undefined; },
    async manifest(site) { return empty(site); },
    async read(site, file) {
      try { return fs.readFileSync(filePath(site, file)); } catch { return null; }
    },
    async sites() { return []; },
  };
}
