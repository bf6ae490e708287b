import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { rawRequest, type RawAnswer } from '../support/raw-http.js';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a header section over 16 KiB, a
 * byte a request line may not hold, a broken chunked body) get the platform's problem+json with
 * its security headers, like every other refusal. Over a real socket: inject() has no parser.
 */
/** The request in several writes, apart in time: on a real network a large header section comes in segments. */
function sendInParts(port: number, parts: readonly Buffer[]): Promise<RawAnswer> {
  return rawRequest(port, parts[0]!, parts.slice(1));
}

const send = (port: number, request: Buffer): Promise<RawAnswer> => rawRequest(port, request);

for (const engine of selectedEngines()) {
  describe(`requests the HTTP parser refuses [${engine}]`, () => {
    let ctx: TestContext;
    let port = 0;
    before(async () => {
      ctx = await createTestContext(engine);
      port = Number(new URL(await ctx.app.listen({ port: 0, host: '127.0.0.1' })).port);
    });
    after(async () => ctx?.close());

    const expectProblem = (a: RawAnswer, status: number, code: string) => {
      assert.equal(a.status, status, a.headers);
      assert.match(a.headers, /\r\ncontent-type: application\/problem\+json; charset=utf-8/i);
      assert.match(a.headers, /\r\ncontent-security-policy: /i, 'security headers on a parser refusal too');
      assert.match(a.headers, /\r\nx-content-type-options: nosniff/i);
      const problem = JSON.parse(a.body) as { code: string; status: number; detail: string };
      assert.equal(problem.code, code);
      assert.equal(problem.status, status);
      assert.match(problem.detail, /[\u4e00-\u9fff]/, 'Chinese by default');
    };

    test('a 20 KB URL is 414 http.uri_too_long; a 20 KB cookie is 431 http.headers_too_large', async () => {
      expectProblem(await send(port, Buffer.from(`GET /api/v1/documents?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)), 414, 'http.uri_too_long');
      expectProblem(await send(port, Buffer.from(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: a=${'b'.repeat(20_000)}\r\n\r\n`)), 431, 'http.headers_too_large');
      // The cookie in segments after the request line: still the header section, not the URL.
      const cookie = 'b'.repeat(5_000);
      expectProblem(await sendInParts(port, [Buffer.from('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: a='), ...Array.from({ length: 4 }, () => Buffer.from(cookie)), Buffer.from('\r\n\r\n')]),
        431, 'http.headers_too_large');
    });

    test('a raw UTF-8 byte in the request line and a broken chunked body are 400 http.bad_request', async () => {
      expectProblem(await send(port, Buffer.concat([Buffer.from('GET /healthz?x='), Buffer.from('南', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')])), 400, 'http.bad_request');
      expectProblem(await send(port, Buffer.from('POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n')), 400, 'http.bad_request');
    });

    test('the server goes on answering', async () => {
      const ok = await send(port, Buffer.from('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
      assert.equal(ok.status, 200);
    });
  });
}
