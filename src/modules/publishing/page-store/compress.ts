import zlib from 'node:zlib';

export type Variant = 'identity' | 'gzip' | 'br';
export const VARIANT_SUFFIX: Readonly<Record<Exclude<Variant, 'identity'>, string>> = { gzip: '.gz', br: '.br' };

/** Below this size compression costs more (headers, CPU) than it saves. */
const MIN_BYTES = 1024;
/** A variant is kept only when it saves at least this share of the bytes. */
const MIN_SAVING = 0.1;

const COMPRESSIBLE = /^(text\/|application\/(xml|json|rss\+xml|atom\+xml)|image\/svg\+xml)/;

/**
 * Precompressed variants worth storing. Deterministic for the same input (gzip header mtime is
 * 0; brotli has none), so a re-render of unchanged data writes byte-identical files.
 */
export function compressedVariants(body: Buffer, contentType: string): Partial<Record<'gzip' | 'br', Buffer>> {
  if (body.length < MIN_BYTES || !COMPRESSIBLE.test(contentType)) return {};
  const out: Partial<Record<'gzip' | 'br', Buffer>> = {};
  const gz = zlib.gzipSync(body, { level: 6 });
  if (gz.length <= body.length * (1 - MIN_SAVING)) out.gzip = gz;
  const br = zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  if (br.length <= body.length * (1 - MIN_SAVING)) out.br = br;
  return out;
}
