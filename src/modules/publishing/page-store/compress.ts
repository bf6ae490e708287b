import zlib from 'node:zlib';
import { promisify } from 'node:util';

export type Variant = 'identity' | 'gzip' | 'br';
export const VARIANT_SUFFIX: Readonly<Record<Exclude<Variant, 'identity'>, string>> = { gzip: '.gz', br: '.br' };

/** Below this size compression costs more (headers, CPU) than it saves. */
const MIN_BYTES = 1024;
/** A variant is kept only when it saves at least this share of the bytes. */
const MIN_SAVING = 0.1;

const COMPRESSIBLE = /^(text\/|application\/(xml|json|rss\+xml|atom\+xml)|image\/svg\+xml)/;

const GZIP_OPTIONS: zlib.ZlibOptions = { level: 6 };
const brotliOptions = (size: number): zlib.BrotliOptions => ({
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size },
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
 * Precompressed variants worth storing, compressed on libuv's thread pool (a batch of pages
 * compresses on every core). Deterministic for the same input (gzip header mtime is 0; brotli
 * has none), so a re-render of unchanged data gives byte-identical files.
 */
export async function compressedVariantsAsync(body: Buffer, contentType: string): Promise<CompressedVariants> {
  if (!worthCompressing(body, contentType)) return {};
  const [gz, br] = await Promise.all([gzipAsync(body, GZIP_OPTIONS), brotliAsync(body, brotliOptions(body.length))]);
  return keepWorthwhile(body, gz, br);
}
