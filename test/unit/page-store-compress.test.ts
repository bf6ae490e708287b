/**
 * Precompressed variants, made on the page store's writer thread (page-store/writer-thread.ts,
 * policy in compress.ts): each decompresses to the page, the same page always gives the same
 * bytes (rendering is deterministic, so a rebuild must not change stored variants), many pages
 * in one apply each get their own files, and small, incompressible or binary bodies get none.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { generateSm2KeyPair, sm3Hex } from '../../src/platform/crypto/index.js';
import { createFilePageStore, type PageStore } from '../../src/modules/publishing/page-store/index.js';

const SITE = '3200000001';
const keys = generateSm2KeyPair();
const page = (n: number) => Buffer.from(`<!DOCTYPE html><html lang="zh-CN"><body>${`<p>第${n}号：政务公开信息，依申请公开。</p>`.repeat(40 + n)}</body></html>`);

describe('precompressed variants', () => {
  let dir: string;
  let store: PageStore;
  const variant = (file: string, v: 'gzip' | 'br') => {
    const p = store.filePath(SITE, file, v);
    return fs.existsSync(p) ? fs.readFileSync(p) : null;
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-compress-'));
    store = createFilePageStore(dir, keys);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('gzip and brotli decompress to the page, are listed in the manifest and are the same bytes every time', async () => {
    const body = page(1);
    await store.apply(SITE, { write: [{ path: '/a.html', body }] });
    const gz = variant('/a.html', 'gzip');
    const br = variant('/a.html', 'br');
    assert.ok(gz && br, 'both variants kept');
    assert.deepEqual(zlib.gunzipSync(gz), body);
    assert.deepEqual(zlib.brotliDecompressSync(br), body);
    assert.ok(br.length < body.length / 4);
    const entry = (await store.manifest(SITE)).entries.get('/a.html');
    assert.equal(entry?.sm3, sm3Hex(body));
    assert.equal(entry?.gzip, sm3Hex(gz));
    assert.equal(entry?.br, sm3Hex(br));
    // The same page again under another name gives byte-identical variants.
    await store.apply(SITE, { write: [{ path: '/b.html', body: Buffer.from(body) }] });
    assert.deepEqual(variant('/b.html', 'gzip'), gz);
    assert.deepEqual(variant('/b.html', 'br'), br);
  });

  test('pages written in one apply each get their own variants', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => page(i));
    await store.apply(SITE, { write: bodies.map((body, i) => ({ path: `/p/${i}.html`, body })) });
    bodies.forEach((body, i) => {
      assert.deepEqual(zlib.gunzipSync(variant(`/p/${i}.html`, 'gzip')!), body);
      assert.deepEqual(zlib.brotliDecompressSync(variant(`/p/${i}.html`, 'br')!), body);
    });
    assert.ok((await store.manifest(SITE)).ok);
  });

  test('small, incompressible or binary bodies get no variant, and a page that stops compressing loses its old ones', async () => {
    await store.apply(SITE, { write: [
      { path: '/small.html', body: Buffer.from('<p>短</p>') },
      { path: '/noise.html', body: randomBytes(20_000) },
      { path: '/logo.png', body: page(3) },
      { path: '/later.html', body: page(4) },
    ] });
    for (const file of ['/small.html', '/noise.html', '/logo.png']) {
      assert.equal(variant(file, 'gzip'), null, `${file}: no gzip`);
      assert.equal(variant(file, 'br'), null, `${file}: no brotli`);
    }
    assert.ok(variant('/later.html', 'gzip'));
    await store.apply(SITE, { write: [{ path: '/later.html', body: Buffer.from('<p>短</p>') }] });
    assert.equal(variant('/later.html', 'gzip'), null, 'the stale gzip variant is deleted');
    assert.equal(variant('/later.html', 'br'), null, 'the stale brotli variant is deleted');
    const entry = (await store.manifest(SITE)).entries.get('/later.html');
    assert.equal(entry?.gzip, undefined);
    assert.deepEqual(await store.read(SITE, '/later.html'), Buffer.from('<p>短</p>'));
  });
});
