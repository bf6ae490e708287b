import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { goodPages, htmlPage, NANJING, PORTAL, storeRoot } from '../support/page-fixtures.js';

/**
 * Whatever path a visitor sends — dot segments raw or encoded once or twice, backslashes, NUL,
 * doubled slashes, Unicode — the answer is below 500 and is either a file the requested site
 * published or no file at all. Secrets planted next to the page store and in another site's
 * folder never come back. Requests go over a real socket, byte for byte as written (inject()
 * would normalise the dot segments away). JIYUE_FUZZ_RUNS / JIYUE_FUZZ_SEED as in fuzz-routes.
 */
const RUNS = Number(process.env.JIYUE_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.JIYUE_FUZZ_SEED ?? 20_261_126);
const SECRET = 'TOP-SECRET-6b1f0c';

interface RawResponse { status: number; headers: string; body: Buffer }

/** One request written to the socket exactly as given; the raw answer. */
function rawGet(port: number, target: string, host: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const headers = all.subarray(0, split < 0 ? all.length : split).toString('latin1');
      let body = split < 0 ? Buffer.alloc(0) : all.subarray(split + 4);
      if (/\r\ntransfer-encoding: chunked/i.test(headers)) {
        const parts: Buffer[] = [];
        for (let at = 0; ;) {
          const eol = body.indexOf('\r\n', at);
          const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
          if (!size) break;
          parts.push(body.subarray(eol + 2, eol + 2 + size));
          at = eol + 2 + size + 2;
        }
        body = Buffer.concat(parts);
      }
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? 0), headers, body });
    });
    socket.write(Buffer.concat([Buffer.from(`GET `), Buffer.from(target, 'utf8'), Buffer.from(` HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)]));
  });
}

const SEGMENTS = [
  '..', '.', '...', '%2e%2e', '%2E%2E', '%2e.', '.%2e', '%252e%252e', '%25252e', '..%2f', '..%2F', '%2e%2e%2f', '..%5c', '%5c', '..\\', '\\',
  '%00', '%2500', '', '%2f', '%c0%ae%c0%ae', '%e0%80%ae', '..;', '%u002e', '~', '.git', '_manifest', 'root.json', 'root.sig', '00.json',
  'pages', 'secret.txt', 'secret.key', NANJING, PORTAL, 'nanjing-secret.html', 'zwgk', 'art_1.html', 'index.html', '404.html',
  '中文', encodeURIComponent('中文'), 'ｚｗｇｋ', 'art_1.html.gz', 'art_1.html.br', 'index.html%00.png', '%ff', '%', '%zz', '?x=..', '#frag',
];
const segment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SEGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 6 }).map((s) => s.replace(/[\s\r\n]/g, '')) },
);
const separator = fc.constantFrom('/', '/', '/', '//', '\\', '/./', '%2f');
const requestPath = fc.array(fc.tuple(separator, segment), { minLength: 1, maxLength: 7 })
  .map((parts) => parts.map(([sep, seg]) => sep + seg).join(''))
  .map((p) => (p.startsWith('/') ? p : `/${p}`));

for (const engine of selectedEngines()) {
  describe(`public sites: no path leaves the site's folder [${engine}]`, () => {
    let ctx: TestContext;
    let port = 0;
    const genuine = new Set<string>();

    before(async () => {
      ctx = await createTestContext(engine);
      const pages = goodPages(ctx.platform);
      const portal = [
        { path: '/', body: htmlPage('江苏省人民政府') },
        { path: '/zwgk/', body: htmlPage('政务公开') },
        { path: '/zwgk/art_1.html', body: htmlPage('关于印发通知的通知') },
        { path: '/中文/', body: htmlPage('中文栏目') },
        { path: '/404.html', body: Buffer.from('<h1>404</h1>') },
      ];
      await pages.publish(PORTAL, portal);
      for (const p of portal) genuine.add(p.body.toString('hex'));
      // Another site's published page and an unpublished file in its folder, next to the store and inside it.
      await pages.publish(NANJING, [{ path: '/nanjing-secret.html', body: Buffer.from(`<p>${SECRET} nanjing page</p>`) }]);
      const root = storeRoot(ctx.platform);
      fs.writeFileSync(path.join(root, NANJING, 'unpublished.html'), `${SECRET} unpublished`);
      fs.writeFileSync(path.join(root, 'secret.txt'), `${SECRET} store root`);
      fs.writeFileSync(path.join(ctx.platform.config.dataDir, 'secret.txt'), `${SECRET} data dir`);
      fs.writeFileSync(path.join(root, PORTAL, 'zwgk', 'planted.html'), `${SECRET} planted in the portal`);
      const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      port = Number(new URL(address).port);
    });
    after(async () => { await ctx.close(); });

    test('known traversal attempts are refused', async () => {
      for (const target of ['/../secret.txt', '/../../secret.txt', `/../${NANJING}/nanjing-secret.html`, '/%2e%2e/secret.txt', '/%252e%252e/secret.txt',
        '/..%2fsecret.txt', '/..%5csecret.txt', '/zwgk/../../secret.key', '/_manifest/root.json', '/zwgk/planted.html', '/%00', '//secret.txt']) {
        const res = await rawGet(port, target, 'www.jiangsu.gov.cn');
        assert.ok(res.status >= 300 && res.status < 500, `${target} → ${res.status}`);
        assert.ok(!res.body.includes(SECRET), `${target} leaked`);
      }
    });

    test('random paths: below 500, and a 200 is always one of the site\'s own published files', async () => {
      const secretKey = fs.readFileSync(path.join(ctx.platform.config.dataDir, 'secret.key'));
      const statuses = new Map<number, number>();
      await fc.assert(fc.asyncProperty(requestPath, fc.constantFrom('www.jiangsu.gov.cn', `${PORTAL}.localhost:8080`, 'unknown.example'), async (target, host) => {
        const res = await rawGet(port, target, host);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        assert.ok(res.status > 0 && res.status < 500, `${target} → ${res.status} ${res.headers}`);
        assert.ok(!res.body.includes(SECRET), `${target} leaked a planted file`);
        assert.ok(!res.body.includes(secretKey.subarray(0, 32)), `${target} leaked the key file`);
        if (res.status === 200) assert.ok(genuine.has(res.body.toString('hex')), `${target} → 200 with bytes the portal never published`);
      }), { numRuns: RUNS, seed: SEED });
      // The generator reached real pages and refusals both.
      for (const status of [200, 400, 404]) assert.ok((statuses.get(status) ?? 0) > 0, `${status}: ${JSON.stringify(Object.fromEntries(statuses))}`);
    });
  });
}
