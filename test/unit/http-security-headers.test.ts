import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { HELMET_OPTIONS, platformSecurityHeaders } from '../../src/platform/http/security-headers.js';

describe('http: the platform security headers computed once', () => {
  it('are exactly what helmet writes on a real response with the same options', async () => {
    const server = http.createServer((req, res) => helmet(HELMET_OPTIONS)(req, res, () => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const fromHelmet: Record<string, string> = {};
      res.headers.forEach((v, k) => { if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k)) fromHelmet[k] = v; });
      assert.deepEqual({ ...platformSecurityHeaders() }, fromHelmet);
      assert.match(fromHelmet['content-security-policy'] ?? '', /script-src 'self'/);
    } finally {
      server.close();
    }
  });
});
