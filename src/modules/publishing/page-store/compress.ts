import zlib from 'node:zlib';

export type Variant = 'identity' | 'gzip' | 'br';
export const VARIANT_SUFFIX: Readonly<Record<Exclude<Variant, 'identity'>, string>> = { gzip: '.gz', br: '.br' };

/** Below this size compression costs more (headers, CPU) than it saves. */
const MIN_BYTES = 1024;
/** A variant is kept only when it saves at least this share of the bytes. */
const MIN_SAVING = 0.1;

const COMPRESSIBLE = /^(text\/|application\/(xml|json|rss\+xml|atom\+xml)|image\/svg\+xml)/;

const GZIP_OPTIONS: zlib.ZlibOptions = { level: 6 };
/**
 * The window is sized to the page (brotli's default 4 MB window makes every call allocate and
 * fault in megabytes: half the compression time of a rebuild went to the kernel). A page smaller
 * than the window compresses to the same size either way.
 */
const brotliOptions = (size: number): zlib.BrotliOptions => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    [zlib.constants.BROTLI_PARAM_LGWIN]: Math.max(zlib.constants.BROTLI_MIN_WINDOW_BITS, Math.min(zlib.constants.BROTLI_MAX_WINDOW_BITS, Math.ceil(Math.log2(size + 1)))),
  },
});

/**
 * How to make a body's precompressed variants, or null when none is worth storing. The writer
 * thread (writer-thread.ts) runs it: gzip and brotli with these options, and a variant is kept
 * only when it is at most `maxSize` bytes. Deterministic for the same input (gzip header mtime
 * is 0; brotli has none), so a re-render of unchanged data gives byte-identical files.
 */
export interface CompressionPlan {
  readonly gzip: zlib.ZlibOptions;
  readonly brotli: zlib.BrotliOptions;
  readonly maxSize: number;
}

export function compressionPlan(body: Buffer, contentType: string): CompressionPlan | null {
  return compressionPlanFor(body.length, contentType);
}

/** The plan for a body of `size` bytes (a stored page, known by its manifest entry). */
export function compressionPlanFor(size: number, contentType: string): CompressionPlan | null {
  if (size < MIN_BYTES || !COMPRESSIBLE.test(contentType)) return null;
  return { gzip: GZIP_OPTIONS, brotli: brotliOptions(size), maxSize: Math.floor(size * (1 - MIN_SAVING)) };
}
