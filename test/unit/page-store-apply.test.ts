/**
 * The page store's apply on a real folder: a page that comes out exactly as the signed manifest
 * lists it is not written again (a rebuild of an unchanged site writes nothing), a changed,
 * missing or resized file is, a repair (`force`) always is, and compressed variants the
 * manifest lists are removed when a page stops having them. A full rebuild's pages stored with
 * `deferVariants` get their variants later from addVariants.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { generateSm2KeyPair, sm3Hex } from '../../src/platform/crypto/index.js';
import { createFilePageStore, type PageStore } from '../../src/modules/publishing/page-store/index.js';

const SITE = '3200000001';
const long = (title: string) => Buffer.from(`<!DOCTYPE html><html lang="zh-CN"><body>${`<p>${title}：政务公开信息。</p>`.repeat(80)}</body></html>`);

describe('page store apply', () => {
  let dir: string;
  let store: PageStore;
  const mtime = (file: string) => fs.statSync(store.filePath(SITE, file)).mtimeMs;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-store-'));
    store = createFilePageStore(dir, generateSm2KeyPair());
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the same bytes again write nothing and leave the manifest version alone', async () => {
    const pages = [{ path: '/a.html', body: long('甲') }, { path: '/col/', body: long('乙') }];
    const first = await store.apply(SITE, { write: pages });
    assert.equal(first.written, 2);
    const gz = store.filePath(SITE, '/a.html', 'gzip');
    assert.equal(zlib.gunzipSync(fs.readFileSync(gz)).toString(), pages[0]!.body.toString(), 'the gzip variant holds the page');
    const again = await store.apply(SITE, { write: pages });
    assert.deepEqual({ written: again.written, unchanged: again.unchanged, version: again.version }, { written: 0, unchanged: 2, version: first.version });
    const changed = await store.apply(SITE, { write: [{ path: '/a.html', body: long('丙') }, pages[1]!] });
    assert.deepEqual({ written: changed.written, unchanged: changed.unchanged }, { written: 1, unchanged: 1 });
    assert.ok(changed.version > first.version);
    const m = await store.manifest(SITE);
    assert.ok(m.ok, m.problems.join('; '));
    assert.equal(m.entries.size, 2);
  });

  test('a missing or resized file is written again; a repair always writes', async () => {
    const page = { path: '/b.html', body: long('丁') };
    await store.apply(SITE, { write: [page] });
    fs.unlinkSync(store.filePath(SITE, '/b.html'));
    assert.equal((await store.apply(SITE, { write: [page] })).written, 1);
    assert.deepEqual(fs.readFileSync(store.filePath(SITE, '/b.html')), page.body);
    fs.writeFileSync(store.filePath(SITE, '/b.html'), 'defaced');
    assert.equal((await store.apply(SITE, { write: [page] })).written, 1);
    assert.deepEqual(fs.readFileSync(store.filePath(SITE, '/b.html')), page.body);
    // Same size, other bytes: only a stat would not see it; the repairer passes force.
    const same = Buffer.from(page.body);
    same[same.length - 10] = 0x21;
    fs.writeFileSync(store.filePath(SITE, '/b.html'), same);
    const before = mtime('/b.html');
    assert.equal((await store.apply(SITE, { write: [page], force: true })).written, 1);
    assert.deepEqual(fs.readFileSync(store.filePath(SITE, '/b.html')), page.body);
    assert.ok(mtime('/b.html') >= before);
  });

  test('the same path twice in one change: the last one is stored and listed', async () => {
    const first = long('己');
    const last = long('庚庚');
    await store.apply(SITE, { write: Array.from({ length: 20 }, (_, i) => ({ path: '/twice.html', body: i === 19 ? last : first })) });
    assert.deepEqual(fs.readFileSync(store.filePath(SITE, '/twice.html')), last);
    assert.equal((await store.manifest(SITE)).entries.get('/twice.html')?.size, last.length);
  });

  test('a page that no longer pays for compression loses its variants; a new folder is made on demand', async () => {
    await store.apply(SITE, { write: [{ path: '/deep/new/c.html', body: long('戊') }] });
    assert.ok(fs.existsSync(store.filePath(SITE, '/deep/new/c.html', 'br')));
    await store.apply(SITE, { write: [{ path: '/deep/new/c.html', body: Buffer.from('<p>短</p>') }] });
    assert.ok(!fs.existsSync(store.filePath(SITE, '/deep/new/c.html', 'br')));
    assert.ok(!fs.existsSync(store.filePath(SITE, '/deep/new/c.html', 'gzip')));
    const entry = (await store.manifest(SITE)).entries.get('/deep/new/c.html');
    assert.equal(entry?.br, undefined);
    assert.deepEqual(fs.readdirSync(path.dirname(store.filePath(SITE, '/deep/new/c.html'))), ['c.html'], 'no temp files left behind');
  });

  test('deferred variants: pages stored plain and marked pending, then addVariants makes and lists them', async () => {
    const site = '3200000002';
    const small = { path: '/small.html', body: Buffer.from('<p>短</p>') };
    const pages = Array.from({ length: 7 }, (_, i) => ({ path: `/zwgk/p${i}.html`, body: long(`第${i}篇`) }));
    // An earlier ordinary write with variants: deferring removes the stale ones.
    await store.apply(site, { write: [pages[0]!] });
    assert.ok(fs.existsSync(store.filePath(site, pages[0]!.path, 'br')));
    const changed = { path: pages[0]!.path, body: long('第0篇（改）') };
    await store.apply(site, { write: [changed, ...pages.slice(1), small], deferVariants: true });
    let m = await store.manifest(site);
    assert.ok(m.ok, m.problems.join('; '));
    for (const p of [changed, ...pages.slice(1)]) {
      const e = m.entries.get(p.path);
      assert.equal(e?.pending, true, `${p.path} waits for its variants`);
      assert.equal(e?.gzip, undefined);
      assert.ok(!fs.existsSync(store.filePath(site, p.path, 'gzip')) && !fs.existsSync(store.filePath(site, p.path, 'br')), `${p.path} has no variant files yet`);
    }
    assert.equal(m.entries.get('/small.html')?.pending, undefined, 'a page too small to compress is never pending');

    // A page changed on disk behind the store's back is not compressed (the tamper guard restores it first).
    fs.writeFileSync(store.filePath(site, '/zwgk/p6.html'), long('篡改'));
    const first = await store.addVariants(site, 3);
    assert.deepEqual(first, { done: 3, remaining: 4 });
    const rest = await store.addVariants(site, 100);
    assert.deepEqual(rest, { done: 3, remaining: 1 }, 'the tampered page stays pending');
    m = await store.manifest(site);
    assert.ok(m.ok, m.problems.join('; '));
    for (const p of [changed, ...pages.slice(1, 6)]) {
      const e = m.entries.get(p.path)!;
      assert.equal(e.pending, undefined);
      const gz = fs.readFileSync(store.filePath(site, p.path, 'gzip'));
      const br = fs.readFileSync(store.filePath(site, p.path, 'br'));
      assert.deepEqual(zlib.gunzipSync(gz), p.body);
      assert.deepEqual(zlib.brotliDecompressSync(br), p.body);
      assert.equal(e.gzip, sm3Hex(gz), 'the manifest lists the gzip variant by its SM3');
      assert.equal(e.br, sm3Hex(br));
    }
    assert.equal(m.entries.get('/zwgk/p6.html')?.pending, true);
    assert.ok(!fs.existsSync(store.filePath(site, '/zwgk/p6.html', 'br')));
  });

  test('held manifest changes: files in place, listed only by the next apply without holdManifest', async () => {
    const site = '3200000003';
    const a = { path: '/held/a.html', body: long('甲甲') };
    const b = { path: '/held/b.html', body: long('乙乙') };
    const first = await store.apply(site, { write: [a], holdManifest: true });
    assert.equal(first.version, 0, 'no manifest written');
    assert.deepEqual(fs.readFileSync(store.filePath(site, a.path)), a.body, 'the file is in place');
    assert.equal((await store.manifest(site)).entries.get(a.path), undefined);
    assert.equal(store.uncommitted(site, a.path)?.sm3, sm3Hex(a.body), 'this process knows what it wrote');
    // The same bytes again are recognised from the held entry, not written twice.
    assert.deepEqual(await store.apply(site, { write: [a], holdManifest: true }).then((r) => r.unchanged), 1);
    const last = await store.apply(site, { write: [b] });
    assert.ok(last.version > 0);
    const m = await store.manifest(site);
    assert.ok(m.ok, m.problems.join('; '));
    assert.equal(m.entries.get(a.path)?.sm3, sm3Hex(a.body), 'the held entry is listed with the next commit');
    assert.equal(m.entries.get(b.path)?.sm3, sm3Hex(b.body));
    assert.equal(store.uncommitted(site, a.path), undefined, 'nothing held any more');
  });
});
