/**
 * Inode reuse in the page store (page-store/spare-files.ts): a replaced page file is kept as a
 * spare instead of being freed, a reader that opened the old page still reads it whole, a spare
 * takes a later write only after the grace period, a spare that is still some page's file is
 * never overwritten, and spares past the limits are freed.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSm2KeyPair } from '../../src/platform/crypto/index.js';
import { createFilePageStore, type PageStore } from '../../src/modules/publishing/page-store/index.js';
import { SPARE_DIR } from '../../src/modules/publishing/page-store/spare-files.js';

const SITE = '3200000001';
const page = (text: string) => Buffer.from(`<!DOCTYPE html><html lang="zh-CN"><body>${`<p>${text}：政务公开。</p>`.repeat(60)}</body></html>`);
const keys = generateSm2KeyPair();

describe('page store spares', () => {
  let dir: string;
  let clock: number;
  const open = (opts: { graceMs?: number; max?: number; maxAgeMs?: number } = {}): PageStore =>
    createFilePageStore(dir, keys, { spares: { graceMs: 60_000, ...opts, now: () => clock } });
  const spareDir = () => path.join(dir, SPARE_DIR, SITE);
  const spares = () => (fs.existsSync(spareDir()) ? fs.readdirSync(spareDir()) : []);
  const inode = (store: PageStore, file: string) => fs.statSync(store.filePath(SITE, file)).ino;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-spares-'));
    clock = 1_000_000;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a replaced page is kept as a spare and takes a write only after the grace period', async () => {
    const store = open();
    await store.apply(SITE, { write: [{ path: '/a.html', body: page('甲') }] });
    const first = inode(store, '/a.html');
    const reader = fs.openSync(store.filePath(SITE, '/a.html'), 'r');
    try {
      await store.apply(SITE, { write: [{ path: '/a.html', body: page('乙') }] });
      assert.notEqual(inode(store, '/a.html'), first, 'the new bytes went to another file');
      const kept = spares().map((f) => fs.statSync(path.join(spareDir(), f)).ino);
      assert.ok(kept.includes(first), 'the replaced page is a spare, not freed');
      // Within the grace period a spare is not reused: the open reader still reads the old page.
      await store.apply(SITE, { write: [{ path: '/b.html', body: page('丙') }] });
      assert.notEqual(inode(store, '/b.html'), first);
      assert.equal(fs.readFileSync(reader, 'utf8'), page('甲').toString(), 'a reader of the replaced page reads it whole');
    } finally {
      fs.closeSync(reader);
    }
    clock += 60_000;
    await store.apply(SITE, { write: [{ path: '/c.html', body: page('丁') }] });
    const reused = (['identity', 'gzip', 'br'] as const).map((v) => fs.statSync(store.filePath(SITE, '/c.html', v)).ino);
    assert.ok(reused.includes(first), 'after the grace period a spare holds the next write');
    assert.deepEqual(fs.readFileSync(store.filePath(SITE, '/c.html')), page('丁'));
    const m = await store.manifest(SITE);
    assert.ok(m.ok, m.problems.join('; '));
    for (const [file, body] of [['/a.html', page('乙')], ['/b.html', page('丙')], ['/c.html', page('丁')]] as const) {
      assert.deepEqual(await store.read(SITE, file), body, `${file} holds its own bytes`);
    }
  });

  test('a spare that is still a page (left linked twice by a crash) is never overwritten', async () => {
    const store = open({ graceMs: 0 });
    await store.apply(SITE, { write: [{ path: '/live.html', body: page('在线') }] });
    // As if the process died between keeping the old file and renaming the new one over it.
    fs.mkdirSync(spareDir(), { recursive: true });
    fs.linkSync(store.filePath(SITE, '/live.html'), path.join(spareDir(), 'left-by-a-crash'));
    const restarted = open({ graceMs: 0 });
    await restarted.apply(SITE, { write: [{ path: '/other.html', body: page('其他') }] });
    assert.deepEqual(fs.readFileSync(restarted.filePath(SITE, '/live.html')), page('在线'), 'the live page is untouched');
    assert.ok(!spares().includes('left-by-a-crash'), 'the doubly linked name is dropped');
  });

  test('the spares folder may be deleted at any time: writes go on with temp files', async () => {
    const store = open({ graceMs: 0 });
    await store.apply(SITE, { write: [{ path: '/x.html', body: page('一') }] });
    await store.apply(SITE, { write: [{ path: '/x.html', body: page('二') }] });
    assert.ok(spares().length > 0);
    fs.rmSync(path.join(dir, SPARE_DIR), { recursive: true, force: true });
    await store.apply(SITE, { write: [{ path: '/x.html', body: page('三') }, { path: '/y/z.html', body: page('四') }] });
    assert.deepEqual(await store.read(SITE, '/x.html'), page('三'));
    assert.deepEqual(await store.read(SITE, '/y/z.html'), page('四'));
    assert.ok((await store.manifest(SITE)).ok);
    const files = fs.readdirSync(path.join(dir, SITE), { recursive: true }) as string[];
    assert.deepEqual(files.filter((f) => f.endsWith('.tmp')), [], 'no temp file left behind');
  });

  test('two processes writing one site in turn never share or overwrite a live file', async () => {
    // Each process keeps its own pool and adopts the other's spares; the site lock makes their
    // applies take turns (site-lock.ts), which is what this does.
    const a = open({ graceMs: 0 });
    const b = open({ graceMs: 0 });
    const expected = new Map<string, Buffer>();
    for (let round = 0; round < 12; round++) {
      const store = round % 2 === 0 ? a : b;
      const write = Array.from({ length: 6 }, (_, i) => ({ path: `/r/${(round + i) % 8}.html`, body: page(`第${round}轮 ${i}`) }));
      await store.apply(SITE, { write });
      for (const w of write) expected.set(w.path, w.body);
      if (round === 5) fs.rmSync(path.join(dir, SPARE_DIR), { recursive: true, force: true });
    }
    const m = await a.manifest(SITE);
    assert.ok(m.ok, m.problems.join('; '));
    const inodes = new Map<number, string>();
    for (const [file, body] of expected) {
      assert.deepEqual(await a.read(SITE, file), body, `${file} holds its last bytes`);
      for (const v of ['identity', 'gzip', 'br'] as const) {
        const p = a.filePath(SITE, file, v);
        if (!fs.existsSync(p)) continue;
        const st = fs.statSync(p);
        assert.equal(st.nlink, 1, `${p} is linked once`);
        assert.ok(!inodes.has(st.ino), `${p} shares its file with ${inodes.get(st.ino)}`);
        inodes.set(st.ino, p);
      }
    }
  });

  test('spares beyond the limit or older than the maximum age are freed after an apply', async () => {
    const store = open({ max: 4, maxAgeMs: 3_600_000 });
    const bodies = (n: number) => Array.from({ length: 5 }, (_, i) => ({ path: `/p${i}.html`, body: page(`第${n}版 ${i}`) }));
    await store.apply(SITE, { write: bodies(1) });
    await store.apply(SITE, { write: bodies(2) });
    await store.apply(SITE, { write: [] });
    assert.ok(spares().length <= 4, `at most 4 spares kept, found ${spares().length}`);
    assert.ok(spares().length > 0);
    const old = new Set(spares());
    clock += 3_600_001;
    await store.apply(SITE, { write: [{ path: '/new.html', body: page('新') }] });
    await store.apply(SITE, { write: [] });
    assert.deepEqual(spares().filter((f) => old.has(f)), [], 'an hour later the old spares are reused or freed');
    const m = await store.manifest(SITE);
    assert.ok(m.ok, m.problems.join('; '));
    for (const { path: p, body } of bodies(2)) assert.deepEqual(await store.read(SITE, p), body);
  });
});
