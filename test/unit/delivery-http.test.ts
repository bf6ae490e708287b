import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRange } from '../../src/modules/delivery/http/range.js';
import { chooseVariant } from '../../src/modules/delivery/http/accept-encoding.js';
import { ifRangeAllows, matchHolds, noneMatchHits } from '../../src/modules/delivery/http/conditional.js';
import { cacheControlFor } from '../../src/modules/delivery/http/cache-control.js';
import { VerifiedCache } from '../../src/modules/delivery/guard/verified-cache.js';
import { normalizeHost } from '../../src/modules/delivery/site-hosts.js';
import { nginxConfig } from '../../src/modules/delivery/nginx-config.js';
import { siteStatusPage } from '../../src/modules/delivery/builtin-pages.js';
import type { ManifestEntry } from '../../src/modules/publishing/page-store/index.js';

describe('delivery: HTTP details', () => {
  test('Range: single ranges, suffixes, open ends; unsatisfiable; ignored when malformed or multiple', () => {
    assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=90-200', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=95-', 100), { start: 95, end: 99 });
    assert.deepEqual(parseRange('bytes=-5', 100), { start: 95, end: 99 });
    assert.deepEqual(parseRange('bytes=-500', 100), { start: 0, end: 99 });
    assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=100-200', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=-0', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-0', 0), 'unsatisfiable');
    for (const ignored of ['bytes=5-1', 'bytes=0-1,4-5', 'items=0-1', 'bytes=-', 'bytes=abc', 'bytes=1-2-3', `bytes=${'9'.repeat(30)}-`]) assert.equal(parseRange(ignored, 100), null, ignored);
  });

  test('Range: any answer lies inside the file', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.nat(10_000), (header, size) => {
      const r = parseRange(header, size);
      if (r === null || r === 'unsatisfiable') return;
      assert.ok(r.start >= 0 && r.start <= r.end && r.end < size, `${header} / ${size} → ${JSON.stringify(r)}`);
    }));
    fc.assert(fc.property(fc.nat(10_000), fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }), (a, b, size) => {
      const r = parseRange(`bytes=${a}-${b}`, size);
      if (b < a) assert.equal(r, null);
      else if (a >= size) assert.equal(r, 'unsatisfiable');
      else assert.deepEqual(r, { start: a, end: Math.min(b, size - 1) });
    }));
  });

  test('Accept-Encoding: br > gzip > identity among the stored variants, q=0 refuses', () => {
    const both: ManifestEntry = { status: 200, sm3: 'a', gzip: 'b', br: 'c' };
    const gzOnly: ManifestEntry = { status: 200, sm3: 'a', gzip: 'b' };
    const none: ManifestEntry = { status: 200, sm3: 'a' };
    assert.equal(chooseVariant('gzip, deflate, br', both), 'br');
    assert.equal(chooseVariant('br;q=0.5, gzip', both), 'gzip');
    assert.equal(chooseVariant('br;q=0, gzip;q=0.1', both), 'gzip');
    assert.equal(chooseVariant('*', both), 'br');
    assert.equal(chooseVariant('*;q=0', both), 'identity');
    assert.equal(chooseVariant('BR', both), 'br');
    assert.equal(chooseVariant('br', gzOnly), 'identity');
    assert.equal(chooseVariant('br, gzip', gzOnly), 'gzip');
    assert.equal(chooseVariant('x-gzip', gzOnly), 'gzip');
    assert.equal(chooseVariant('gzip, br', none), 'identity');
    assert.equal(chooseVariant(undefined, both), 'identity');
    assert.equal(chooseVariant('identity', both), 'identity');
  });

  test('If-None-Match: weak comparison, lists and *; If-Range only with our exact tag', () => {
    const tag = '"abc"';
    assert.ok(noneMatchHits('"abc"', tag));
    assert.ok(noneMatchHits('W/"abc"', tag));
    assert.ok(noneMatchHits('"x", "abc"', tag));
    assert.ok(noneMatchHits('*', tag));
    assert.ok(!noneMatchHits('"abcd"', tag));
    assert.ok(!noneMatchHits(undefined, tag));
    assert.ok(ifRangeAllows(undefined, tag));
    assert.ok(ifRangeAllows('"abc"', tag));
    assert.ok(!ifRangeAllows('W/"abc"', tag));
    assert.ok(!ifRangeAllows('Wed, 21 Oct 2026 07:28:00 GMT', tag));
    // If-Match: strong comparison, lists and *; absent lets the request go on.
    assert.ok(matchHolds(undefined, tag));
    assert.ok(matchHolds('*', tag));
    assert.ok(matchHolds('"x", "abc"', tag));
    assert.ok(!matchHolds('W/"abc"', tag));
    assert.ok(!matchHolds('"abcd"', tag));
  });

  test('Cache-Control: pages a minute, digest-named files a year, other files ten minutes', () => {
    assert.equal(cacheControlFor('/zwgk/index.html', 'text/html; charset=utf-8', 200), 'public, max-age=60');
    assert.equal(cacheControlFor('/rss.xml', 'application/rss+xml; charset=utf-8', 200), 'public, max-age=60');
    assert.equal(cacheControlFor('/assets/site.3f9a0c1d.css', 'text/css; charset=utf-8', 200), 'public, max-age=31536000, immutable');
    assert.equal(cacheControlFor('/assets/site.css', 'text/css; charset=utf-8', 200), 'public, max-age=600');
    assert.equal(cacheControlFor('/gone.html', 'text/html; charset=utf-8', 410), 'public, max-age=60');
  });

  test('host names: case, port, trailing dot, IPv6', () => {
    assert.equal(normalizeHost('WWW.Jiangsu.GOV.cn:8080'), 'www.jiangsu.gov.cn');
    assert.equal(normalizeHost('www.jiangsu.gov.cn.'), 'www.jiangsu.gov.cn');
    assert.equal(normalizeHost('3200000001.localhost'), '3200000001.localhost');
    assert.equal(normalizeHost('[::1]:8080'), '[::1]');
    assert.equal(normalizeHost(''), '');
  });

  test('the verified cache stays within its byte budget, evicting the least recently used', () => {
    const cache = new VerifiedCache(8 * 100);
    assert.equal(cache.maxEntryBytes, 100);
    const put = (k: string, n: number) => cache.set(k, Buffer.alloc(n, k));
    put('a', 100); put('b', 100); put('c', 100);
    assert.ok(cache.get('a'));
    for (let i = 0; i < 6; i++) put(`x${i}`, 100);
    assert.ok(cache.size <= 800);
    assert.ok(cache.get('a'), 'recently used survives');
    assert.equal(cache.get('b'), undefined, 'least recently used went first');
    put('huge', 101);
    assert.equal(cache.get('huge'), undefined, 'too large to cache');
    const none = new VerifiedCache(0);
    none.set('k', Buffer.from('x'));
    assert.equal(none.get('k'), undefined);
  });

  test('nginx config: redirects and notices as maps for both spellings of a folder; unsafe paths left out', () => {
    const manifest = {
      ok: true, problems: [], root: { site: '3200000001', version: 3, shards: {} },
      entries: new Map<string, ManifestEntry>([
        ['/index.html', { status: 200, sm3: 'a' }],
        ['/old/index.html', { status: 301, location: '/new/' }],
        ['/gone.html', { status: 410, sm3: 'b' }],
        ['/evil/index.html', { status: 301, location: '/x"; return 200 "owned' }],
      ]),
    };
    const text = nginxConfig([{ code: '3200000001', name: '江苏省人民政府', domains: ['www.jiangsu.gov.cn', '3200000001.localhost'], manifest }], {
      storeRoot: '/srv/jiyue/pages', listen: '80', brotli: false, upstream: null, generatedAt: '2026-11-26T00:00:00Z',
    });
    assert.match(text, /server_name www\.jiangsu\.gov\.cn 3200000001\.localhost;/);
    assert.match(text, /root \/srv\/jiyue\/pages\/3200000001;/);
    assert.match(text, /"\/old\/index\.html" "\/new\/";/);
    assert.match(text, /"\/old\/" "\/new\/";/);
    assert.match(text, /"\/gone\.html" 1;/);
    assert.match(text, /# brotli_static on;/);
    assert.match(text, /Left out .*\/evil\/index\.html/);
    assert.doesNotMatch(text, /owned/);
    assert.doesNotMatch(text, /proxy_pass/);
  });

  test('nginx config: a site that is not open has no files served, only Jiyue\'s notice (or a bare 410/503 without Jiyue)', () => {
    const manifest = { ok: true, problems: [], root: { site: '3201000001', version: 3, shards: {} }, entries: new Map<string, ManifestEntry>([['/index.html', { status: 200, sm3: 'a' }]]) };
    const site = (status: 'closed' | 'offline' | 'building') => ({ code: '3201000001', name: '南京市人民政府', domains: ['www.nanjing.gov.cn'], manifest, status });
    const opts = { storeRoot: '/srv/jiyue/pages', listen: '80', brotli: false, generatedAt: '2026-11-26T00:00:00Z' };
    const proxied = nginxConfig([site('closed')], { ...opts, upstream: '127.0.0.1:8080' });
    assert.match(proxied, /# 南京市人民政府 \(3201000001\): closed; no files served/);
    assert.doesNotMatch(proxied, /root \/srv\/jiyue\/pages\/3201000001;/);
    assert.match(proxied, /location \/ \{\n\s+proxy_pass http:\/\/jiyue_backend;/);
    assert.match(nginxConfig([site('closed')], { ...opts, upstream: null }), /location \/ \{ return 410; \}/);
    assert.match(nginxConfig([site('offline')], { ...opts, upstream: null }), /location \/ \{ return 503; \}/);
    assert.match(nginxConfig([site('building')], { ...opts, upstream: null }), /location \/ \{ return 503; \}/);
  });

  test('a site that is not open: 503 while being set up or offline, 410 once closed, naming the site (escaped) and, when closed, the portal', () => {
    const portal = { name: '江苏省人民政府', origin: 'https://www.jiangsu.gov.cn' };
    const closed = siteStatusPage('closed', '某局<script>', portal);
    assert.equal(closed.status, 410);
    assert.match(closed.body.toString(), /某局&#60;script&#62;已关闭/);
    assert.doesNotMatch(closed.body.toString(), /<script>/);
    assert.match(closed.body.toString(), /<a href="https:\/\/www\.jiangsu\.gov\.cn">访问江苏省人民政府<\/a>/);
    assert.doesNotMatch(siteStatusPage('closed', '某局', null).body.toString(), /<a href/, 'no portal: no link back to the notice itself');
    const offline = siteStatusPage('offline', '某局', portal);
    assert.equal(offline.status, 503);
    assert.match(offline.body.toString(), /某局临时下线维护中/);
    const building = siteStatusPage('building', '某局', portal);
    assert.equal(building.status, 503);
    assert.match(building.body.toString(), /某局正在建设中/);
  });
});
