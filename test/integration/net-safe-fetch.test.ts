import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createSafeFetcher } from '../../src/platform/net/create-safe-fetcher.js';
import { OutboundRefusedError, type OutboundRefusedCode } from '../../src/platform/net/outbound-refused-error.js';
import type { Resolver } from '../../src/platform/net/resolve-target.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

const seen: Seen[] = [];
let connections = 0;
let port = 0;
let server: http.Server;

const MAX = 1024;

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const path = url.pathname;
  const redirect = (status: number, location: string): void => {
    res.writeHead(status, { location });
    res.end('moved');
  };
  if (path === '/hello') {
    res.writeHead(200, { 'content-type': 'text/plain', 'x-multi': ['a', 'b'] });
    res.end('hello world');
  } else if (path.startsWith('/chain/')) {
    const n = Number(path.slice('/chain/'.length));
    if (n > 0) redirect(302, `/chain/${n - 1}`);
    else res.end('end of chain');
  } else if (path === '/redirect-to') {
    redirect(Number(url.searchParams.get('status') ?? '302'), url.searchParams.get('to') ?? '/');
  } else if (path === '/echo') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null }));
    });
  } else if (path === '/hang') {
    // Never answers: only the client's deadline ends this.
  } else if (path === '/slow-body') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
  } else if (path === '/big-declared') {
    res.writeHead(200, { 'content-length': String(MAX + 1) });
    res.end(Buffer.alloc(MAX + 1, 0x61));
  } else if (path === '/big-chunked') {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    // Chunked, no Content-Length: the limit must be enforced while streaming.
    for (let i = 0; i < 8; i++) res.write(Buffer.alloc(MAX / 2, 0x62));
    res.end();
  } else if (path === '/exact') {
    res.end(Buffer.alloc(MAX, 0x63));
  } else {
    res.writeHead(404);
    res.end();
  }
}

function fakeResolver(table: Readonly<Record<string, string[]>>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (hostname: string): Promise<string[]> => {
    calls.push(hostname);
    const hit = table[hostname];
    if (hit === undefined) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return hit;
  };
  return Object.assign(fn, { calls });
}

async function expectCode(promise: Promise<unknown>, code: OutboundRefusedCode): Promise<OutboundRefusedError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof OutboundRefusedError, `expected OutboundRefusedError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected ${code}, but the fetch succeeded`);
}

const base = (): string => `http://127.0.0.1:${port}`;

before(async () => {
  server = http.createServer(handler);
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

beforeEach(() => {
  seen.length = 0;
  connections = 0;
});

describe('safeFetch against a loopback server', () => {
  it('refuses 127.0.0.1 without an allow-list before connecting', async () => {
    const safeFetch = createSafeFetcher();
    for (const url of [`${base()}/hello`, `http://2130706433:${port}/hello`, `http://[::ffff:127.0.0.1]:${port}/hello`]) {
      const err = await expectCode(safeFetch(url), 'net.refused_address');
      assert.match(err.message, /loopback/);
    }
    assert.equal(seen.length, 0);
    assert.equal(connections, 0);
  });

  it('fetches when 127.0.0.1 is allow-listed', async () => {
    const safeFetch = createSafeFetcher({ allowList: ['127.0.0.1'], userAgent: 'jiyue-test' });
    const res = await safeFetch(`${base()}/hello`);
    assert.equal(res.status, 200);
    assert.equal(res.body.toString('utf8'), 'hello world');
    assert.equal(res.headers['content-type'], 'text/plain');
    assert.equal(res.headers['x-multi'], 'a, b');
    assert.equal(res.url, `${base()}/hello`);
    assert.deepEqual(res.redirects, []);
    assert.equal(seen[0]?.headers['user-agent'], 'jiyue-test');
    assert.equal(seen[0]?.headers.host, `127.0.0.1:${port}`);
  });

  it('refuses a DNS name that resolves to 127.0.0.1 without connecting', async () => {
    const resolver = fakeResolver({ 'innocent.test': ['127.0.0.1'] });
    const safeFetch = createSafeFetcher({ resolver });
    const err = await expectCode(safeFetch(`http://innocent.test:${port}/hello`), 'net.refused_address');
    assert.match(err.message, /innocent\.test.*127\.0\.0\.1/);
    assert.equal(err.address, '127.0.0.1');
    assert.equal(connections, 0);
  });

  it('pins the connection to the validated address and keeps the Host header', async () => {
    // 'allowed.test' is not resolvable by the system: success proves our lookup was used.
    const resolver = fakeResolver({ 'allowed.test': ['127.0.0.1'] });
    const safeFetch = createSafeFetcher({ resolver, allowList: ['Allowed.Test'] });
    const res = await safeFetch(`http://allowed.test:${port}/hello`);
    assert.equal(res.status, 200);
    assert.deepEqual(resolver.calls, ['allowed.test']);
    assert.equal(seen[0]?.headers.host, `allowed.test:${port}`);
  });

  it('refuses a redirect from an allowed host to a non-allowed address', async () => {
    const resolver = fakeResolver({ 'allowed.test': ['127.0.0.1'], 'sneaky.test': ['127.0.0.1'] });
    const safeFetch = createSafeFetcher({ resolver, allowList: ['allowed.test'] });
    for (const to of [`http://127.0.0.1:${port}/hello`, `http://sneaky.test:${port}/hello`, `http://0x7f000001:${port}/hello`]) {
      seen.length = 0;
      const first = `http://allowed.test:${port}/redirect-to?to=${encodeURIComponent(to)}`;
      const err = await expectCode(safeFetch(first), 'net.refused_address');
      assert.match(err.message, /not a public address/);
      // The first hop happened, the redirect target was never requested.
      assert.deepEqual(
        seen.map((s) => s.url),
        [`/redirect-to?to=${encodeURIComponent(to)}`],
      );
    }
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const safeFetch = createSafeFetcher({ allowList: ['127.0.0.1'] });
    await expectCode(safeFetch(`${base()}/redirect-to?to=${encodeURIComponent('file:///etc/passwd')}`), 'net.bad_scheme');
  });

  it('follows allowed redirects and reports the chain', async () => {
    const safeFetch = createSafeFetcher({ allowList: ['127.0.0.1'] });
    const res = await safeFetch(`${base()}/chain/3`);
    assert.equal(res.body.toString(), 'end of chain');
    assert.equal(res.url, `${base()}/chain/0`);
    assert.deepEqual(res.redirects, [`${base()}/chain/2`, `${base()}/chain/1`, `${base()}/chain/0`]);
  });

  it('can return the redirect itself instead of following it', async () => {
    const safeFetch = createSafeFetcher({ allowList: ['127.0.0.1'] });
    const res = await safeFetch(`${base()}/chain/1`, { followRedirects: false });
    assert.equal(res.status, 302);
    assert.equal(res.headers['location'], '/chain/0');
    assert.equal(seen.length, 1);
  });

  it('turns POST into GET on 303 and keeps it on 307', async () => {
    const safeFetch = createSafeFetcher({ allowList: ['127.0.0.1'] });
    const r303 = await safeFetch(`${base()}/redirect-to?status=303&to=/echo`, { method: 'POST', body: 'x=1' });
    assert.deepEqual(JSON.parse(r303.body.toString()), { method: 'GET', body: '', auth: null });
    const r307 = await safeFetch(`${base()}/redirect-to?status=307&to=/echo`, { method: 'POST', body: 'x=1' });
    assert.deepEqual(JSON.parse(r307.body.toString()), { method: 'POST', body: 'x=1', auth: null });
  });

  it('drops Authorization on a cross-origin redirect', async () => {
    const resolver = fakeResolver({ 'allowed.test': ['127.0.0.1'] });
    const safeFetch = createSafeFetcher({ resolver, allowList: ['127.0.0.1', 'allowed.test'] });
    const headers = { Authorization: 'Bearer secret' };
    const same = await safeFetch(`${base()}/redirect-to?to=/echo`, { headers });
    assert.equal((JSON.parse(same.body.toString()) as { auth: string | null }).auth, 'Bearer secret');
    const cross = await safeFetch(`${base()}/redirect-to?to=${encodeURIComponent(`http://allowed.test:${port}/echo`)}`, { headers });
    assert.equal((JSON.parse(cross.body.toString()) as { auth: string | null }).auth, null);
  });

  it('stops after maxRedirects', async () => {
    const safeFetch = createSafeFetcher({ allowList: ['127.0.0.1'], maxRedirects: 2 });
    assert.equal((await safeFetch(`${base()}/chain/2`)).status, 200);
    seen.length = 0;
    await expectCode(safeFetch(`${base()}/chain/3`), 'net.too_many_redirects');
    assert.equal(seen.length, 3);
    const noRedirects = createSafeFetcher({ allowList: ['127.0.0.1'], maxRedirects: 0 });
    await expectCode(noRedirects(`${base()}/chain/1`), 'net.too_many_redirects');
  });

  it('times out on a server that never answers', async () => {
    const safeFetch = createSafeFetcher({ allowList: ['127.0.0.1'], timeoutMs: 300 });
    for (const path of ['/hang', '/slow-body']) {
      const started = performance.now();
      await expectCode(safeFetch(`${base()}${path}`), 'net.timeout');
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 250 && elapsed < 2000, `${path}: ${elapsed} ms`);
    }
  });

  it('times out on a resolver that never answers', async () => {
    const safeFetch = createSafeFetcher({ resolver: () => new Promise<string[]>(() => undefined), timeoutMs: 300 });
    await expectCode(safeFetch('http://slow-dns.test/'), 'net.timeout');
  });

  it('rejects with the caller abort reason, not net.timeout', async () => {
    const safeFetch = createSafeFetcher({ allowList: ['127.0.0.1'], timeoutMs: 5000 });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 50);
    await assert.rejects(safeFetch(`${base()}/hang`, { signal: controller.signal }), (e) => e === reason);
  });

  it('enforces maxBytes with and without Content-Length', async () => {
    const safeFetch = createSafeFetcher({ allowList: ['127.0.0.1'], maxBytes: MAX });
    await expectCode(safeFetch(`${base()}/big-declared`), 'net.too_large');
    await expectCode(safeFetch(`${base()}/big-chunked`), 'net.too_large');
    const exact = await safeFetch(`${base()}/exact`);
    assert.equal(exact.body.length, MAX);
  });

  it('a HEAD request returns headers only', async () => {
    const safeFetch = createSafeFetcher({ allowList: ['127.0.0.1'] });
    const res = await safeFetch(`${base()}/hello`, { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 0);
  });

  it('validates options', () => {
    assert.throws(() => createSafeFetcher({ timeoutMs: 0 }), RangeError);
    assert.throws(() => createSafeFetcher({ maxRedirects: -1 }), RangeError);
    assert.throws(() => createSafeFetcher({ allowList: ['10.0.0.0/99'] }), TypeError);
  });
});
