import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { goodPages, htmlPage, NANJING, PORTAL, type GoodPages } from '../support/page-fixtures.js';
import { sm3Hex } from '../../src/platform/crypto/index.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { getSiteByCode, sitesDeps, updateSite } from '../../src/modules/sites/index.js';
import { PAGES_CHANGED_CHANNEL, PUBLIC_CSP, PUBLIC_ONLY_HEADERS, PUBLIC_SECURITY_HEADERS } from '../../src/modules/delivery/index.js';

/** Site chosen by Host, files from the signed manifest: validators, negotiation, ranges, redirects, notices. */
for (const engine of selectedEngines()) {
  describe(`public sites: serving [${engine}]`, () => {
    let ctx: TestContext;
    let pages: GoodPages;
    const home = htmlPage('江苏省人民政府');
    const article = htmlPage('关于印发通知的通知');
    const nanjingHome = htmlPage('南京市人民政府');
    const attachment = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
      ctx.app.inject({ method, url, headers: { host: 'www.jiangsu.gov.cn', ...headers } });

    before(async () => {
      ctx = await createTestContext(engine);
      // Aliases first: the host map is read on the first public request.
      const portal = await getSiteByCode(ctx.platform.db, PORTAL);
      await updateSite({ db: ctx.platform.db, actor: systemActor('test'), siteId: portal!.id, input: { aliases: ['jiangsu.gov.cn'] }, deps: sitesDeps(ctx.platform) });
      pages = goodPages(ctx.platform);
      await pages.publish(PORTAL, [
        { path: '/', body: home },
        { path: '/zwgk/', body: htmlPage('政务公开') },
        { path: '/zwgk/art_1.html', body: article },
        { path: '/404.html', body: Buffer.from('<!DOCTYPE html><title>省政府 404</title><h1>页面不存在</h1>') },
        { path: '/withdrawn.html', body: Buffer.from('<!DOCTYPE html><h1>该信息已撤回</h1>'), status: 410 },
        { path: '/assets/site.3f9a0c1d.css', body: Buffer.from('body{color:#222}') },
        { path: '/files/report.png', body: attachment },
      ], [{ path: '/old/', location: '/zwgk/' }, { path: '/旧栏目/', location: '/新栏目/' }]);
      await pages.publish(NANJING, [{ path: '/', body: nanjingHome }, { path: '/404.html', body: Buffer.from('<h1>南京 404</h1>') }]);
    });
    after(async () => { await ctx.close(); });

    test('Host picks the site: primary domain, alias, <code>.localhost with or without port; unknown hosts get the provincial portal', async () => {
      for (const host of ['www.jiangsu.gov.cn', 'WWW.Jiangsu.gov.cn.', 'jiangsu.gov.cn', `${PORTAL}.localhost`, `${PORTAL}.localhost:8080`, 'unknown.example.com', 'localhost:8080', '127.0.0.1']) {
        const res = await get('/', { host });
        assert.equal(res.statusCode, 200, host);
        assert.deepEqual(res.rawPayload, home, host);
      }
      for (const host of ['www.nanjing.gov.cn', `${NANJING}.localhost`, `${NANJING}.localhost:3000`]) {
        const res = await get('/', { host });
        assert.equal(res.statusCode, 200, host);
        assert.deepEqual(res.rawPayload, nanjingHome, host);
      }
    });

    test('200 with the manifest digest as ETag; If-None-Match gives 304; HEAD has the headers and no body', async () => {
      const res = await get('/zwgk/art_1.html');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.rawPayload, article);
      const etag = `"${sm3Hex(article)}"`;
      assert.equal(res.headers.etag, etag);
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(res.headers['cache-control'], 'public, max-age=60');
      // HTML also varies by the visitor's script choice (cookie jy_script: 繁體 variants).
      assert.equal(res.headers.vary, 'Accept-Encoding, Cookie');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /style-src 'self'/);
      assert.match(csp, /object-src 'none'/);
      for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const cached = await get('/zwgk/art_1.html', { 'if-none-match': inm });
        assert.equal(cached.statusCode, 304, inm);
        assert.equal(cached.rawPayload.length, 0);
        assert.equal(cached.headers.etag, etag);
      }
      assert.equal((await get('/zwgk/art_1.html', { 'if-none-match': '"nope"' })).statusCode, 200);
      const head = await get('/zwgk/art_1.html', {}, 'HEAD');
      assert.equal(head.statusCode, 200);
      assert.equal(head.rawPayload.length, 0);
      assert.equal(head.headers['content-length'], String(article.length));
      assert.equal(head.headers.etag, etag);
    });

    test('a directory path serves its index.html (without the slash: a redirect to it); fingerprinted assets are cached for a year', async () => {
      const res = await get('/zwgk/');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /政务公开/);
      const bare = await get('/zwgk?x=1');
      assert.equal(bare.statusCode, 301);
      assert.equal(bare.headers.location, '/zwgk/?x=1', 'the query kept, as nginx does');
      const css = await get('/assets/site.3f9a0c1d.css');
      assert.equal(css.statusCode, 200);
      assert.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    });

    test('Accept-Encoding: br before gzip before identity, each with its own digest as ETag', async () => {
      const store = pages.store;
      const entry = (await store.manifest(PORTAL)).entries.get('/zwgk/art_1.html')!;
      assert.ok(entry.gzip && entry.br, 'the fixture page has both variants');
      const br = await get('/zwgk/art_1.html', { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(br.headers.etag, `"${entry.br}"`);
      assert.deepEqual(zlib.brotliDecompressSync(br.rawPayload), article);
      const gz = await get('/zwgk/art_1.html', { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gz.headers.etag, `"${entry.gzip}"`);
      assert.deepEqual(zlib.gunzipSync(gz.rawPayload), article);
      const noBr = await get('/zwgk/art_1.html', { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
      assert.equal(noBr.headers['content-encoding'], 'gzip');
      const plain = await get('/zwgk/art_1.html', { 'accept-encoding': 'identity' });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.deepEqual(plain.rawPayload, article);
      assert.equal((await get('/zwgk/art_1.html', { 'accept-encoding': 'br', 'if-none-match': `"${entry.br}"` })).statusCode, 304);
      // A PNG is stored without variants whatever the client accepts.
      assert.equal((await get('/files/report.png', { 'accept-encoding': 'br, gzip' })).headers['content-encoding'], undefined);
    });

    test('Range: one range gives 206 with Content-Range; past the end 416; several ranges or a stale If-Range give the whole file', async () => {
      const etag = `"${sm3Hex(attachment)}"`;
      const part = await get('/files/report.png', { range: 'bytes=100-199' });
      assert.equal(part.statusCode, 206);
      assert.equal(part.headers['content-range'], `bytes 100-199/${attachment.length}`);
      assert.deepEqual(part.rawPayload, attachment.subarray(100, 200));
      assert.equal(part.headers.etag, etag);
      const tail = await get('/files/report.png', { range: 'bytes=-10' });
      assert.deepEqual(tail.rawPayload, attachment.subarray(attachment.length - 10));
      const open = await get('/files/report.png', { range: 'bytes=69990-' });
      assert.equal(open.headers['content-range'], `bytes 69990-69999/${attachment.length}`);
      const past = await get('/files/report.png', { range: `bytes=${attachment.length}-` });
      assert.equal(past.statusCode, 416);
      assert.equal(past.headers['content-range'], `bytes */${attachment.length}`);
      const multi = await get('/files/report.png', { range: 'bytes=0-1,5-6' });
      assert.equal(multi.statusCode, 200);
      assert.equal(multi.rawPayload.length, attachment.length);
      const stale = await get('/files/report.png', { range: 'bytes=0-9', 'if-range': '"an-older-version"' });
      assert.equal(stale.statusCode, 200);
      const fresh = await get('/files/report.png', { range: 'bytes=0-9', 'if-range': etag });
      assert.equal(fresh.statusCode, 206);
      // Ranges are served from the identity bytes even when compression is accepted.
      const htmlPart = await get('/zwgk/art_1.html', { range: 'bytes=0-14', 'accept-encoding': 'br' });
      assert.equal(htmlPart.statusCode, 206);
      assert.equal(htmlPart.headers['content-encoding'], undefined);
      assert.equal(htmlPart.body, '<!DOCTYPE html>');
    });

    test('301 entries redirect, 410 entries serve the stored notice, misses get the site\'s own 404 page', async () => {
      const moved = await get('/old/');
      assert.equal(moved.statusCode, 301);
      assert.equal(moved.headers.location, '/zwgk/');
      const movedZh = await get(`/${encodeURIComponent('旧栏目')}/`);
      assert.equal(movedZh.statusCode, 301);
      assert.equal(movedZh.headers.location, `/${encodeURIComponent('新栏目')}/`);
      const gone = await get('/withdrawn.html');
      assert.equal(gone.statusCode, 410);
      assert.match(gone.body, /该信息已撤回/);
      assert.equal(gone.headers.etag, undefined);
      const missing = await get('/no/such/page.html');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /省政府 404/);
      assert.match(String(missing.headers['content-type']), /^text\/html/);
      const nanjingMissing = await get('/nothing.html', { host: 'www.nanjing.gov.cn' });
      assert.equal(nanjingMissing.statusCode, 404);
      assert.match(nanjingMissing.body, /南京 404/);
      // Not canonical (a doubled slash, the manifest, a NUL): the 404 page too, never a file. (inject() resolves
      // dot segments itself; delivery-paths.test.ts sends them raw over a socket.)
      for (const url of ['//zwgk/art_1.html', '/zwgk//art_1.html', '/_manifest/root.json', '/zwgk/art_1.html%00', '/zwgk/art_1.html%2500']) {
        const res = await get(url);
        assert.ok(res.statusCode === 404 || res.statusCode === 400, `${url} → ${res.statusCode}`);
        assert.ok(!res.body.includes('关于印发通知的通知'), url);
      }
    });

    test('a site with no 404 page of its own gets the built-in Chinese one; a site never published sends / to the console', async () => {
      const res = await get('/missing.html', { host: '3202000001.localhost' });
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /页面不存在/);
      assert.equal(res.headers['cache-control'], 'no-store');
      const root = await get('/', { host: '3202000001.localhost' });
      assert.equal(root.statusCode, 302);
      assert.equal(root.headers.location, '/admin/');
    });

    test('public pages carry every security header the platform sets, with the public CSP and resource policy', async () => {
      const platformRes = await get('/healthz');
      const page = await get('/zwgk/art_1.html');
      const securityHeaders = Object.keys(platformRes.headers).filter((h) => /^(content-security-policy|cross-origin-|origin-agent-cluster|referrer-policy|strict-transport-security|x-)/.test(h));
      assert.ok(securityHeaders.length >= 10, securityHeaders.join(', '));
      for (const h of securityHeaders) {
        if (PUBLIC_ONLY_HEADERS.includes(h)) continue;
        assert.equal(page.headers[h], platformRes.headers[h], h);
      }
      assert.deepEqual(Object.keys(PUBLIC_SECURITY_HEADERS).sort(), [...securityHeaders].sort(), 'the same header names');
      assert.equal(page.headers['content-security-policy'], PUBLIC_CSP);
      assert.equal(page.headers['cross-origin-resource-policy'], 'cross-origin');
      assert.equal(page.headers['x-powered-by'], undefined);
      // Refusals of the public route carry them too.
      for (const url of ['/no/such/page.html', '/withdrawn.html', '/old/']) assert.equal((await get(url)).headers['x-frame-options'], 'SAMEORIGIN', url);
    });

    test('platform paths keep their own answers: API misses are problem+json, /healthz and /admin still work', async () => {
      const api = await get('/api/v1/no-such-thing');
      assert.equal(api.statusCode, 404);
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
      assert.equal(api.json().code, 'http.not_found');
      assert.equal((await get('/healthz/extra')).json().code, 'http.not_found');
      assert.equal((await get('/healthz')).statusCode, 200);
      const admin = await get('/admin');
      assert.equal(admin.statusCode, 302);
      assert.equal(admin.headers.location, '/admin/');
      // The console and API keep the platform's own CSP.
      assert.match(String(api.headers['content-security-policy']), /script-src 'self'/);
      assert.doesNotMatch(String(api.headers['content-security-policy']), /https:/);
    });

    test('a publish shows at once after the pages.changed event (and within a second without it)', async () => {
      const v2 = htmlPage('关于印发通知的通知（修订）');
      await pages.publish(PORTAL, [{ path: '/zwgk/art_1.html', body: v2 }]);
      // On PostgreSQL the event comes back through LISTEN/NOTIFY: wait until it is delivered here
      // (the public server subscribed earlier, so it has seen it by then).
      const delivered = new Promise<void>((resolve) => {
        const stop = ctx.platform.events.subscribe(PAGES_CHANGED_CHANNEL, () => { stop(); resolve(); });
      });
      await ctx.platform.events.publish({ channel: PAGES_CHANGED_CHANNEL, data: { siteCode: PORTAL } });
      await delivered;
      const res = await get('/zwgk/art_1.html');
      assert.deepEqual(res.rawPayload, v2);
      const v3 = htmlPage('第三版');
      await pages.publish(PORTAL, [{ path: '/zwgk/art_1.html', body: v3 }]);
      await new Promise((r) => setTimeout(r, 1100));
      assert.deepEqual((await get('/zwgk/art_1.html')).rawPayload, v3);
    });
  });
}
