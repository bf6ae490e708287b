import { sm3Hex } from '../../../platform/crypto/index.js';
import { sm2Sign, sm2Verify } from '../../../platform/crypto/sm2-signer.js';

/** One served path: a file (200 page or 410 notice) or a redirect (no file). */
export interface ManifestEntry {
  /** HTTP status the path answers with. */
  readonly status: 200 | 301 | 410;
  readonly type?: string;
  readonly size?: number;
  /** SM3 of the stored bytes (hex); also the ETag. */
  readonly sm3?: string;
  /** SM3 of the precompressed variants, when stored. */
  readonly gzip?: string;
  readonly br?: string;
  /** For 301: where to. */
  readonly location?: string;
  /**
   * The precompressed variants are still to be made: a full rebuild stores its pages without
   * them so the site is live sooner, then adds them (PageStore.addVariants). Served as stored.
   */
  readonly pending?: true;
}

export type ManifestShard = Record<string, ManifestEntry>;

export interface ManifestRoot {
  readonly site: string;
  /** Increases with every change; caches compare it. */
  readonly version: number;
  /** SM3 of each shard file's bytes, by shard name. */
  readonly shards: Record<string, string>;
}

/**
 * Paths are spread over 256 shards, so one publish rewrites a few small shards and the root,
 * however large the site (about 400 entries a shard at 100,000 pages; 32 shards made each
 * publish rewrite megabytes there).
 */
export const SHARD_COUNT = 256;

/**
 * Shard names of recently looked-up paths: the public server asks for the shard of every page it
 * serves, and an SM3 per request was about a sixth of serving a cached page (CPU profile of the
 * delivery benchmark). Bounded; emptied when full (the popular pages come back at once).
 */
const shardMemo = new Map<string, string>();
const SHARD_MEMO_MAX = 50_000;

export function shardOf(path: string): string {
  let shard = shardMemo.get(path);
  if (shard === undefined) {
    shard = String(parseInt(sm3Hex(path).slice(0, 2), 16) % SHARD_COUNT).padStart(3, '0');
    if (shardMemo.size >= SHARD_MEMO_MAX) shardMemo.clear();
    shardMemo.set(path, shard);
  }
  return shard;
}

/** JSON with sorted keys at every level: the same manifest always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** An entry's fields in sorted order (canonicalJson's order). */
const ENTRY_KEYS = ['br', 'gzip', 'location', 'pending', 'size', 'sm3', 'status', 'type'] as const;

/**
 * canonicalJson of one entry, written field by field. A cache of each entry's string (kept while
 * the entry lived) was a sixth of a 100,000-document rebuild's peak heap; this costs about as
 * little as the cache look-up did. An entry with a field this store never writes (read from an
 * older or foreign manifest) takes the generic path.
 */
function entryJsonOf(entry: ManifestEntry): string {
  let out = '{';
  let fields = 0;
  for (const key of ENTRY_KEYS) {
    const value = entry[key];
    if (value === undefined) continue;
    out += `${fields === 0 ? '' : ','}"${key}":${JSON.stringify(value)}`;
    fields++;
  }
  let defined = 0;
  for (const key in entry) if ((entry as unknown as Record<string, unknown>)[key] !== undefined) defined++;
  return defined === fields ? `${out}}` : canonicalJson(entry);
}

/**
 * A shard's canonical JSON as UTF-8 bytes (the same bytes as `canonicalJson(shard)`), reusing
 * each entry's serialisation: a rebuild writes every shard once per batch of pages, so without
 * this every entry of the site was serialised again for each batch (about 80 ms a batch at
 * 10,000 pages). Written piece by piece into one buffer, not joined into a string first: at
 * 100,000 documents the shards of one batch come to about 60 MB, and as strings each batch left
 * that much garbage in V8's old generation, which then grew to several times the live heap
 * (peak RSS of a full rebuild 2.9× that at 10,000 documents; bench/build-growth.bench.ts).
 */
export function shardBytes(shard: ManifestShard): Buffer {
  const pieces = Object.keys(shard).sort().map((path) => `${JSON.stringify(path)}:${entryJsonOf(shard[path]!)}`);
  let length = 2 + Math.max(0, pieces.length - 1);
  for (const piece of pieces) length += Buffer.byteLength(piece, 'utf8');
  const out = Buffer.allocUnsafeSlow(length);
  let at = out.write('{', 0, 'latin1');
  pieces.forEach((piece, i) => {
    if (i > 0) at += out.write(',', at, 'latin1');
    at += out.write(piece, at, 'utf8');
  });
  out.write('}', at, 'latin1');
  return out;
}

/** shardBytes as a string. */
export function shardJson(shard: ManifestShard): string {
  return shardBytes(shard).toString('utf8');
}

export interface ManifestSigner {
  readonly privateKey: string;
  readonly publicKey: string;
}

export function signRoot(rootBytes: string, signer: ManifestSigner): string {
  return sm2Sign(rootBytes, signer.privateKey, signer.publicKey);
}

export function verifyRoot(rootBytes: string, signatureHex: string, publicKey: string): boolean {
  return sm2Verify(rootBytes, signatureHex.trim(), publicKey);
}
