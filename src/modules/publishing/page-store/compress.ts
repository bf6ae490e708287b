import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { compressOnThread } from './compress-thread.js';

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
const gzipAsync = promisify(zlib.gzip);
const brotliAsync = promisify(zlib.brotliCompress);

export type CompressedVariants = Partial<Record<'gzip' | 'br', Buffer>>;

const worthCompressing = (body: Buffer, contentType: string) => body.length >= MIN_BYTES && COMPRESSIBLE.test(contentType);

function keepWorthwhile(body: Buffer, gz: Buffer, br: Buffer): CompressedVariants {
  const out: CompressedVariants = {};
  if (gz.length <= body.length * (1 - MIN_SAVING)) out.gzip = gz;
  if (br.length <= body.length * (1 - MIN_SAVING)) out.br = br;
  return out;
}

/**
 * Precompressed variants worth storing, compressed on the compression thread (compress-thread.ts)
 * or, when it cannot run, on libuv's thread pool. Deterministic for the same input (gzip header
 * mtime is 0; brotli has none), so a re-render of unchanged data gives byte-identical files.
 */
export async function compressedVariantsAsync(body: Buffer, contentType: string): Promise<CompressedVariants> {
  if (!worthCompressing(body, contentType)) return {};
  const brotli = brotliOptions(body.length);
  const threaded = await compressOnThread(body, GZIP_OPTIONS, brotli)?.catch(() => null);
  const [gz, br] = threaded ?? await Promise.all([gzipAsync(body, GZIP_OPTIONS), brotliAsync(body, brotli)]);
  return keepWorthwhile(body, gz, br);
}
