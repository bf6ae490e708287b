import type { Variant } from './compress.js';
import type { ManifestEntry, ManifestRoot } from './manifest.js';

/** A page to (re)write. The path is canonical (see page-path.ts); `/x/` is stored as `/x/index.html`. */
export interface PageWrite {
  readonly path: string;
  readonly body: Buffer;
  /** 410 for the notice that replaces a withdrawn document or a deleted column. */
  readonly status?: 200 | 410;
  /**
   * The body's content type when the path's extension does not tell it: the HTML notice stored
   * at a withdrawn attachment's or feed's address. Default: by extension (contentTypeOf).
   */
  readonly type?: string;
}

export interface PageChanges {
  readonly write?: readonly PageWrite[];
  /** Old paths that now answer 301 (moved columns). */
  readonly redirect?: readonly { readonly path: string; readonly location: string }[];
  readonly remove?: readonly string[];
  /**
   * Write every page even when the manifest already lists the same bytes (a repair: the file on
   * disk may be the one that was tampered with).
   */
  readonly force?: boolean;
  /**
   * Store the pages without their precompressed variants, marked `pending` in the manifest:
   * a full rebuild makes the whole site live first, and addVariants adds the variants after.
   */
  readonly deferVariants?: boolean;
  /**
   * Write the files but keep the manifest changes in this process until the next apply without
   * it: a full rebuild of a large site commits its manifest every few batches, not after each
   * (every batch touches nearly every shard, so committing each one grew with the square of the
   * site). The public server in this process trusts such files by `uncommitted`.
   */
  readonly holdManifest?: boolean;
}

export interface VariantsResult {
  /** Pages that got their variants (or were found not to gain from any) in this call. */
  readonly done: number;
  /** Pages still waiting for theirs. */
  readonly remaining: number;
}

export interface ApplyResult {
  /** Files written. */
  readonly written: number;
  /** Pages left alone because the manifest already lists the same bytes. */
  readonly unchanged: number;
  readonly version: number;
}

export interface VerifiedManifest {
  /** False when the signature or a shard digest does not verify: serve nothing from it unchecked. */
  readonly ok: boolean;
  readonly root: ManifestRoot;
  /** Stored file path → entry. */
  readonly entries: ReadonlyMap<string, ManifestEntry>;
  readonly problems: readonly string[];
}

/**
 * Where published pages live. The local-disk implementation is the default; an object store
 * can implement the same interface later. Every write also updates the site's signed manifest.
 */
export interface PageStore {
  /** Local folder of the store (for nginx and the tamper watcher). */
  readonly root: string;
  apply(siteCode: string, changes: PageChanges): Promise<ApplyResult>;
  /**
   * Resolves once no change to the site is being applied in this process. An apply renames its
   * files into place before it writes the manifest that lists them; the tamper watcher waits for
   * this before judging a file the manifest does not list yet (a rebuild's apply of thousands of
   * files can take longer than the watcher's grace period).
   */
  idle(siteCode: string): Promise<void>;
  /**
   * Makes the precompressed variants of up to `limit` pages stored with `deferVariants`, and
   * lists them in the manifest (a page replaced in between is left to its own write).
   */
  addVariants(siteCode: string, limit: number): Promise<VariantsResult>;
  /**
   * What an apply of this process wrote for the file but holds back from the manifest
   * (`holdManifest`): its entry, null when removed, undefined when nothing is held.
   */
  uncommitted(siteCode: string, file: string): ManifestEntry | null | undefined;
  manifest(siteCode: string): Promise<VerifiedManifest>;
  read(siteCode: string, file: string, variant?: Variant): Promise<Buffer | null>;
  filePath(siteCode: string, file: string, variant?: Variant): string;
  sites(): Promise<string[]>;
}
