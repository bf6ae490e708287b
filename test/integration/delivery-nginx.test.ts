import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { goodPages, htmlPage, PORTAL, storeRoot } from '../support/page-fixtures.js';
import { brotliModuleAvailable, freePort, nginxAvailable, startNginx, type RunningNginx } from '../support/nginx.js';
import { pagesCommand } from '../../src/cli/pages-command.js';
import { pageStoreFor } from '../../src/modules/publishing/page-store/index.js';
import { viewCounterFor } from '../../src/modules/analytics/index.js';

/**
 * `jiyue pages nginx` output, run by the real nginx (Debian package) against the same page
 * store: pages, precompressed variants, the site's 404 page, redirects and withdrawn notices.
 * Skipped (saying so) when nginx is not installed.
 */
const skip = nginxAvailable() ? false : 'nginx not installed (apt-get install nginx libnginx-mod-http-brotli-static)';

/** fetch() decompresses by itself: read the stored variant's bytes as they come. */
function rawGet(port: number, path: string, acceptEncoding: string): Promise<{ enc: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers: { host: 'www.jiangsu.gov.cn', 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ enc: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

for (const engine of selectedEngines()) {
  describe(`nginx serving the page store [${engine}]`, { skip }, () => {
    let ctx: TestContext;
    let nginx: RunningNginx;
    let port = 0;
    let jiyuePort = 0;
    const article = htmlPage('关于印发通知的通知');
    const hantArticle = htmlPage('關於印發通知的通知');
    const url = (p: string) => `http://127.0.0.1:${port}${p}`;
    const fetchAs = (p: string, headers: Record<string, string> = {}) => fetch(url(p), { redirect: 'manual', headers: { host: 'www.jiangsu.gov.cn', ...headers } });

    async function config(extra: string[]): Promise<string> {
      const lines: string[] = [];
      const code = await pagesCommand(['nginx', '--site', PORTAL, '--listen', `127.0.0.1:${port}`, ...extra], ctx.platform.config, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
      assert.equal(code, 0, lines.join('\n'));
      return lines.join('\n');
    }

    before(async () => {
      ctx = await createTestContext(engine);
      // nginx workers run as nobody: let them into the test's data directory.
      fs.chmodSync(ctx.platform.config.dataDir, 0o755);
      const pages = goodPages(ctx.platform);
      await pages.publish(PORTAL, [
        { path: '/', body: htmlPage('江苏省人民政府') },
        { path: '/zwgk/art_1.html', body: article },
        { path: '/zwgk/art_1.zh-hant.html', body: hantArticle },
        { path: '/404.html', body: Buffer.from('<!DOCTYPE html><h1>省政府 404</h1>') },
        { path: '/withdrawn.html', body: Buffer.from('<!DOCTYPE html><h1>该信息已撤回</h1>'), status: 410 },
        { path: '/files/9/1.pdf', body: Buffer.from('<!DOCTYPE html><h1>附件已随稿件撤回</h1>'), status: 410 },
        { path: '/files/9/2.ofd', body: Buffer.from('OFD bytes') },
        { path: '/gone-column/', body: Buffer.from('<!DOCTYPE html><h1>栏目已撤销</h1>'), status: 410 },
      ], [{ path: '/old/', location: '/zwgk/' }, { path: '/旧.html', location: '/zwgk/art_1.html' }]);
      fs.chmodSync(storeRoot(ctx.platform), 0o755);
      port = await freePort();
      const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      jiyuePort = Number(new URL(address).port);
      nginx = await startNginx({ include: await config(brotliModuleAvailable() ? ['--brotli'] : []), port });
    });
    after(async () => {
      await nginx?.stop();
      await ctx?.close();
    });

    test('pages by server_name, with the precompressed variants', async () => {
      const plain = await fetchAs('/zwgk/art_1.html', { 'accept-encoding': 'identity' });
      assert.equal(plain.status, 200);
      assert.deepEqual(Buffer.from(await plain.arrayBuffer()), article);
      assert.match(String(plain.headers.get('content-type')), /^text\/html; charset=utf-8/);
      assert.equal(plain.headers.get('cache-control'), 'max-age=60');
      assert.match(String(plain.headers.get('content-security-policy')), /script-src 'self'/);
      const gz = await rawGet(port, '/zwgk/art_1.html', 'gzip');
      assert.equal(gz.enc, 'gzip');
      assert.deepEqual(zlib.gunzipSync(gz.body), article);
      if (brotliModuleAvailable()) {
        const br = await rawGet(port, '/zwgk/art_1.html', 'br, gzip');
        assert.equal(br.enc, 'br');
        assert.deepEqual(zlib.brotliDecompressSync(br.body), article);
      }
      const home = await fetchAs('/');
      assert.equal(home.status, 200);
      assert.match(await home.text(), /江苏省人民政府/);
    });

    test('a page a full rebuild stored before its variants: nginx compresses it meanwhile, Jiyue sends it as stored', async () => {
      const pending = htmlPage('全站重新发布后尚未压缩的页面');
      await pageStoreFor(ctx.platform).apply(PORTAL, { write: [{ path: '/zwgk/pending.html', body: pending }], deferVariants: true });
      assert.equal((await pageStoreFor(ctx.platform).manifest(PORTAL)).entries.get('/zwgk/pending.html')?.pending, true);
      assert.ok(!fs.existsSync(pageStoreFor(ctx.platform).filePath(PORTAL, '/zwgk/pending.html', 'gzip')), 'no stored .gz yet');
      const gz = await rawGet(port, '/zwgk/pending.html', 'gzip');
      assert.equal(gz.enc, 'gzip', 'nginx gzips it on the fly');
      assert.deepEqual(zlib.gunzipSync(gz.body), pending);
      const direct = await rawGet(jiyuePort, '/zwgk/pending.html', 'br, gzip');
      assert.equal(direct.enc, undefined, 'Jiyue sends the stored bytes, verified against the manifest');
      assert.deepEqual(direct.body, pending);
    });

    test('a visitor who chose 繁體 (cookie jy_script=hant) gets the stored traditional variant; HTML varies on Cookie', async () => {
      const hant = await fetchAs('/zwgk/art_1.html', { cookie: 'jy_elder=1; jy_script=hant', 'accept-encoding': 'identity' });
      assert.equal(hant.status, 200);
      assert.deepEqual(Buffer.from(await hant.arrayBuffer()), hantArticle);
      assert.match(String(hant.headers.get('content-type')), /^text\/html/);
      assert.match(String(hant.headers.get('vary')), /Cookie/);
      const simplified = await fetchAs('/zwgk/art_1.html', { cookie: 'jy_script=hans', 'accept-encoding': 'identity' });
      assert.deepEqual(Buffer.from(await simplified.arrayBuffer()), article);
      // No variant stored yet (and no Jiyue behind): the simplified page, never a 404.
      const home = await fetchAs('/', { cookie: 'jy_script=hant' });
      assert.equal(home.status, 200);
      assert.match(await home.text(), /江苏省人民政府/);
      const notFound = await fetchAs('/404.html');
      assert.match(String(notFound.headers.get('vary') ?? ''), /Cookie/);
    });

    test('redirects, withdrawn notices with 410, the site\'s 404 page, and the manifest hidden', async () => {
      const moved = await fetchAs('/old/');
      assert.equal(moved.status, 301);
      assert.match(String(moved.headers.get('location')), /\/zwgk\/$/);
      const movedZh = await fetchAs(`/${encodeURIComponent('旧')}.html`);
      assert.equal(movedZh.status, 301);
      const gone = await fetchAs('/withdrawn.html');
      assert.equal(gone.status, 410);
      assert.match(await gone.text(), /该信息已撤回/);
      const goneColumn = await fetchAs('/gone-column/');
      assert.equal(goneColumn.status, 410);
      assert.match(await goneColumn.text(), /栏目已撤销/);
      const missing = await fetchAs('/no/such.html');
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /省政府 404/);
      const folder = await fetchAs('/zwgk');
      assert.equal(folder.status, 301);
      assert.equal(folder.headers.get('location'), '/zwgk/');
      assert.equal((await fetchAs('/_manifest/root.json')).status, 404);
      assert.equal((await fetchAs('/admin/')).status, 404);
      // As Jiyue answers: the 404 page by name is a 404; a withdrawn attachment's notice is HTML; OFD has its type.
      const byName = await fetchAs('/404.html');
      assert.equal(byName.status, 404);
      assert.match(await byName.text(), /省政府 404/);
      const goneFile = await fetchAs('/files/9/1.pdf');
      assert.equal(goneFile.status, 410);
      assert.match(String(goneFile.headers.get('content-type')), /^text\/html/);
      assert.match(await goneFile.text(), /附件已随稿件撤回/);
      assert.equal((await fetchAs('/files/9/2.ofd')).headers.get('content-type'), 'application/ofd');
    });

    test('with --upstream, misses and /api/ go to Jiyue', async () => {
      await nginx.stop();
      nginx = await startNginx({ include: await config(['--upstream', `127.0.0.1:${jiyuePort}`]), port });
      assert.equal((await fetchAs('/zwgk/art_1.html')).status, 200);
      const health = await fetchAs('/api/v1/no-such-thing');
      assert.equal(health.status, 404);
      assert.match(String(health.headers.get('content-type')), /problem\+json/);
      // 繁體 without a stored variant: Jiyue makes it (and stores it for nginx next time).
      const hantHome = await fetchAs('/', { cookie: 'jy_script=hant' });
      assert.equal(hantHome.status, 200);
      assert.match(await hantHome.text(), /江蘇省人民政府/);
      assert.ok(fs.existsSync(path.join(storeRoot(ctx.platform), PORTAL, 'index.zh-hant.html')), 'the variant is in the store');
      const storedHant = await fetchAs('/zwgk/art_1.html', { cookie: 'jy_script=hant', 'accept-encoding': 'identity' });
      assert.deepEqual(Buffer.from(await storedHant.arrayBuffer()), hantArticle);
      // A miss is answered by Jiyue, with the site's own 404 page.
      const missing = await fetchAs('/no/such.html');
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /省政府 404/);
      // 访问统计: the view beacon of a page nginx sent reaches Jiyue, and no cache may keep it.
      const counter = viewCounterFor(ctx.platform);
      const before = counter.pendingViews;
      for (let i = 0; i < 2; i++) {
        // http.get, not fetch: fetch sets Referer itself (from its `referrer` option), not from the headers given.
        const beacon = await new Promise<http.IncomingMessage>((resolve, reject) => {
          http.get({ host: '127.0.0.1', port, path: '/_pv.gif', headers: { host: 'www.jiangsu.gov.cn', referer: 'http://www.jiangsu.gov.cn/zwgk/art_1.html' } }, (res) => { res.resume(); res.on('end', () => resolve(res)); }).on('error', reject);
        });
        assert.equal(beacon.statusCode, 200);
        assert.equal(beacon.headers['content-type'], 'image/gif');
        assert.equal(beacon.headers['cache-control'], 'no-store');
        assert.equal(beacon.headers.expires, undefined);
      }
      assert.equal(counter.pendingViews, before + 2);
    });

    test('with --upstream listing several public processes, nginx balances over them and skips one that is down', async () => {
      const down = await freePort();
      const text = await config(['--upstream', `127.0.0.1:${down},127.0.0.1:${jiyuePort}`]);
      assert.ok(text.includes(`upstream jiyue_backend {\n    server 127.0.0.1:${down};\n    server 127.0.0.1:${jiyuePort};\n`), text);
      await nginx.stop();
      nginx = await startNginx({ include: text, port });
      for (let i = 0; i < 4; i++) {
        const res = await fetchAs('/api/v1/no-such-thing');
        assert.equal(res.status, 404);
        assert.match(String(res.headers.get('content-type')), /problem\+json/, 'answered by Jiyue, not nginx');
      }
      const bad: string[] = [];
      assert.equal(await pagesCommand(['nginx', '--upstream', '127.0.0.1:1,no port'], ctx.platform.config, { out: () => undefined, err: (l) => bad.push(l) }), 2);
      assert.match(bad.join('\n'), /several separated by commas/);
    });

    test('with --upstream, a letter with attachments over nginx\'s default 1 MiB reaches Jiyue; X-Forwarded-For is what nginx saw', async () => {
      const text = await config(['--upstream', `127.0.0.1:${jiyuePort}`]);
      // 3 attachments of 5 MiB (the default limit) and 1 MiB for the fields.
      assert.match(text, /^ {4}client_max_body_size 16384k;$/m);
      assert.match(text, /proxy_set_header X-Forwarded-For \$remote_addr;/);
      assert.doesNotMatch(text, /proxy_add_x_forwarded_for/);
      await nginx.stop();
      nginx = await startNginx({ include: text, port });
      const scan = new Blob([Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3 * 1_048_576, 0x20)])], { type: 'application/pdf' });
      for (const target of [`/api/v1/public/sites/${PORTAL}/letters`, '/letters.html']) {
        const form = new FormData();
        form.set('subject', '附件较大的来信');
        form.append('attachments', scan, 'scan.pdf');
        const res = await fetch(url(target), { method: 'POST', body: form, headers: { host: 'www.jiangsu.gov.cn' } });
        // Jiyue's answer (the letter lacks fields), not nginx's 413.
        assert.equal(res.status, 400, `${target}: ${res.status} ${res.headers.get('content-type')} ${(await res.text()).slice(0, 200)}`);
        assert.match(String(res.headers.get('content-type')), target.startsWith('/api/') ? /problem\+json/ : /text\/html/);
      }
    });
  });
}
