import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { goodPages, htmlPage, PORTAL, tamper, waitFor, type GoodPages } from '../support/page-fixtures.js';
import { sm3Hex } from '../../src/platform/crypto/index.js';
import { registerPageRepairer } from '../../src/modules/delivery/index.js';

/**
 * Attachments above 8 MiB are streamed from disk, verified once per change of their inode stamp;
 * with the verified cache switched off every small file is read and hashed per request. Either
 * way only bytes matching the manifest go out.
 */
for (const engine of selectedEngines()) {
  describe(`public sites: large files and no cache [${engine}]`, () => {
    let ctx: TestContext;
    let pages: GoodPages;
    let unregister: () => void = () => undefined;
    const big = Buffer.alloc(9 * 1024 * 1024 + 123);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE(i, i);
    const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
      ctx.app.inject({ method, url, headers: { host: 'www.jiangsu.gov.cn', ...headers } });

    before(async () => {
      ctx = await createTestContext(engine, { config: { pageCacheBytes: 0 } });
      pages = goodPages(ctx.platform);
      await pages.publish(PORTAL, [
        { path: '/files/big.bin', body: big },
        { path: '/files/big2.bin', body: big },
        { path: '/small.html', body: htmlPage('小页面') },
      ]);
      unregister = registerPageRepairer(pages.repairer);
      // Files changed in the last 2 s are read whole (their stamp is not trusted yet): wait, so
      // the tests below take the streaming path.
      await new Promise((r) => setTimeout(r, 2100));
    });
    after(async () => {
      unregister();
      await ctx.close();
    });

    test('a large file streams whole, by range, and as HEAD, with its digest as ETag', async () => {
      const etag = `"${sm3Hex(big)}"`;
      const full = await get('/files/big.bin');
      assert.equal(full.statusCode, 200);
      assert.equal(full.headers['content-length'], String(big.length));
      assert.equal(full.headers.etag, etag);
      assert.ok(full.rawPayload.equals(big));
      const part = await get('/files/big.bin', { range: 'bytes=8388600-8388700' });
      assert.equal(part.statusCode, 206);
      assert.equal(part.headers['content-range'], `bytes 8388600-8388700/${big.length}`);
      assert.equal(part.headers['content-length'], '101');
      assert.ok(part.rawPayload.equals(big.subarray(8388600, 8388701)));
      assert.equal((await get('/files/big.bin', { range: `bytes=${big.length}-` })).statusCode, 416);
      const head = await get('/files/big.bin', {}, 'HEAD');
      assert.equal(head.statusCode, 200);
      assert.equal(head.headers['content-length'], String(big.length));
      assert.equal(head.rawPayload.length, 0);
      assert.equal((await get('/files/big.bin', { 'if-none-match': etag })).statusCode, 304);
    });

    test('a large file changed in place after it was verified is checked again and never sent changed', async () => {
      assert.ok((await get('/files/big2.bin')).rawPayload.equals(big));
      const disk = pages.diskPath(PORTAL, '/files/big2.bin');
      // Same size, one byte different, written in place (same inode).
      const fd = fs.openSync(disk, 'r+');
      fs.writeSync(fd, Buffer.from([0xff]), 0, 1, 5_000_000);
      fs.closeSync(fd);
      const res = await get('/files/big2.bin');
      assert.equal(res.statusCode, 200);
      assert.ok(res.rawPayload.equals(big), 'the genuine file (repaired) was sent');
      await waitFor('the alert', async () => (await ctx.platform.db.selectFrom('page_alerts').select('id').where('file', '=', '/files/big2.bin').execute()).length > 0);
      assert.equal(sm3Hex(fs.readFileSync(disk)), sm3Hex(big), 'and rewritten on disk');
    });

    test('with the cache off, a small file changed between two requests is caught on the second', async () => {
      const good = pages.body(PORTAL, '/small.html');
      assert.deepEqual((await get('/small.html')).rawPayload, good);
      tamper(pages.diskPath(PORTAL, '/small.html'), '<h1>defaced</h1>');
      const res = await get('/small.html');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.rawPayload, good);
    });
  });
}
