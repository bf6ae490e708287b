import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Stats } from 'node:fs';
import { VARIANT_SUFFIX, type Variant, type VerifiedManifest } from '../../publishing/page-store/index.js';

/** A file the manifest says must be on disk, by its path relative to the site folder. */
export interface ExpectedFile {
  /** The stored page path (`/zwgk/index.html`); for a variant, the page it belongs to. */
  readonly file: string;
  readonly variant: Variant;
  readonly digest: string;
}

export type FileFinding =
  | { readonly kind: 'modified'; readonly rel: string; readonly file: string; readonly variant: Variant; readonly expected: string; readonly actual: string }
  | { readonly kind: 'missing'; readonly rel: string; readonly file: string; readonly variant: Variant; readonly expected: string }
  | { readonly kind: 'added'; readonly rel: string; readonly incident: string };

/** Digest of a regular file (the caller has lstat()ed it). */
export type Hasher = (abs: string, st: Stats) => Promise<string>;

export const MANIFEST_DIR = '_manifest';
/** The page store's write-then-rename temporaries; younger than this they belong to a write in progress. */
const TEMP_FILE = /\.[0-9a-f]{12}\.tmp$/;
const TEMP_GRACE_MS = 60_000;

const expectedCache = new WeakMap<VerifiedManifest, Map<string, ExpectedFile>>();

/** Every file the manifest promises: each page or notice and its stored variants (redirects have none). */
export function expectedFiles(manifest: VerifiedManifest): Map<string, ExpectedFile> {
  const known = expectedCache.get(manifest);
  if (known) return known;
  const map = new Map<string, ExpectedFile>();
  for (const [file, e] of manifest.entries) {
    if (e.status === 301 || !e.sm3) continue;
    const rel = file.slice(1);
    map.set(rel, { file, variant: 'identity', digest: e.sm3 });
    if (e.gzip) map.set(`${rel}${VARIANT_SUFFIX.gzip}`, { file, variant: 'gzip', digest: e.gzip });
    if (e.br) map.set(`${rel}${VARIANT_SUFFIX.br}`, { file, variant: 'br', digest: e.br });
  }
  expectedCache.set(manifest, map);
  return map;
}

export async function sm3OfFile(abs: string): Promise<string> {
  const hash = createHash('sm3');
  await pipeline(fs.createReadStream(abs), hash);
  return hash.digest('hex');
}

export interface SiteListing {
  /** Relative paths ('/' separated) of everything that is not a directory, outside `_manifest/`. */
  readonly files: string[];
  /** Absolute paths of the site folder and every folder below it (for file-system watches). */
  readonly dirs: string[];
}

/** Lists a site folder without following symbolic links (a link is listed as a file, never entered). */
export async function listSite(siteDir: string): Promise<SiteListing> {
  const files: string[] = [];
  const dirs: string[] = [];
  const walk = async (abs: string, rel: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(abs, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return;
      throw err;
    }
    dirs.push(abs);
    for (const e of entries) {
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (rel === '' && e.name === MANIFEST_DIR) continue;
        await walk(path.join(abs, e.name), childRel);
      } else {
        files.push(childRel);
      }
    }
  };
  await walk(siteDir, '');
  return { files, dirs };
}

/**
 * Compares one path of a site folder with what the manifest expects there. Null when all is
 * well (or the path is a temporary of a write in progress).
 */
export async function checkPath(siteDir: string, rel: string, expected: ExpectedFile | undefined, hash: Hasher): Promise<FileFinding | null> {
  const abs = path.join(siteDir, ...rel.split('/'));
  let st: Stats;
  try {
    st = await fs.promises.lstat(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR') throw err;
    return expected ? { kind: 'missing', rel, file: expected.file, variant: expected.variant, expected: expected.digest } : null;
  }
  if (!expected) {
    if (st.isDirectory()) return null;
    if (TEMP_FILE.test(rel) && Date.now() - st.mtimeMs < TEMP_GRACE_MS) return null;
    return { kind: 'added', rel, incident: `${st.ino}:${st.size}:${st.mtimeMs}` };
  }
  const modified = (actual: string): FileFinding => ({ kind: 'modified', rel, file: expected.file, variant: expected.variant, expected: expected.digest, actual });
  if (st.isDirectory()) return modified('a directory');
  if (st.isSymbolicLink()) return modified('a symbolic link');
  if (!st.isFile()) return modified('not a regular file');
  let actual: string;
  try {
    actual = await hash(abs, st);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', rel, file: expected.file, variant: expected.variant, expected: expected.digest };
    throw err;
  }
  return actual === expected.digest ? null : modified(actual);
}

/** Every finding of one site folder against its (verified) manifest. */
export async function scanSite(siteDir: string, manifest: VerifiedManifest, hash: Hasher, onFile?: () => void): Promise<{ findings: FileFinding[]; checked: number; listing: SiteListing }> {
  const expected = expectedFiles(manifest);
  const listing = await listSite(siteDir);
  const findings: FileFinding[] = [];
  const onDisk = new Set(listing.files);
  let checked = 0;
  for (const rel of listing.files) {
    const f = await checkPath(siteDir, rel, expected.get(rel), hash);
    if (f) findings.push(f);
    checked++;
    onFile?.();
  }
  for (const [rel, exp] of expected) {
    if (onDisk.has(rel)) continue;
    const f = await checkPath(siteDir, rel, exp, hash);
    if (f) findings.push(f);
    checked++;
    onFile?.();
  }
  return { findings, checked, listing };
}
