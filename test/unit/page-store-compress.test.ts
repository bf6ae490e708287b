/**
 * Precompressed variants (page-store/compress.ts, made on the compression thread): each
 * decompresses to the page, the same page always gives the same bytes (rendering is
 * deterministic, so a rebuild must not change stored variants), many pages in flight each get
 * their own result, and small or incompressible bodies get none.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { compressedVariantsAsync } from '../../src/modules/publishing/page-store/index.js';

const page = (n: number) => Buffer.from(`<!DOCTYPE html><html lang="zh-CN"><body>${`<p>第${n}号：政务公开信息，依申请公开。</p>`.repeat(40 + n)}</body></html>`);

describe('precompressed variants', () => {
  test('gzip and brotli decompress to the page and are the same bytes every time', async () => {
    const body = page(1);
    const a = await compressedVariantsAsync(body, 'text/html; charset=utf-8');
    const b = await compressedVariantsAsync(Buffer.from(body), 'text/html; charset=utf-8');
    assert.ok(a.gzip && a.br, 'both variants kept');
    assert.deepEqual(zlib.gunzipSync(a.gzip), body);
    assert.deepEqual(zlib.brotliDecompressSync(a.br), body);
    assert.ok(a.gzip.equals(b.gzip!) && a.br.equals(b.br!), 'deterministic');
    assert.ok(a.br.length < body.length / 4);
  });

  test('pages compressed concurrently each get their own variants', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => page(i));
    const out = await Promise.all(bodies.map((b) => compressedVariantsAsync(b, 'text/html')));
    out.forEach((v, i) => {
      assert.deepEqual(zlib.gunzipSync(v.gzip!), bodies[i]);
      assert.deepEqual(zlib.brotliDecompressSync(v.br!), bodies[i]);
    });
  });

  test('small, incompressible or binary bodies get no variant', async () => {
    assert.deepEqual(await compressedVariantsAsync(Buffer.from('<p>短</p>'), 'text/html'), {});
    assert.deepEqual(await compressedVariantsAsync(randomBytes(20_000), 'text/html'), {});
    assert.deepEqual(await compressedVariantsAsync(page(3), 'image/png'), {});
  });
});
