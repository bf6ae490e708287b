import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { brokenLinkResults, checkLinks, runChecks, STARTER_DICTIONARY, type CheckResult } from '../../src/modules/checks/index.js';
import { OutboundRefusedError, type SafeFetch, type SafeFetchResult } from '../../src/platform/net/index.js';

const dictionary = STARTER_DICTIONARY.map((e, i) => ({ ...e, id: i + 1 }));

function linkResults(html: string): CheckResult[] {
  return runChecks({ title: '', bodyHtml: html, metadata: {}, requiredFields: [] }, { dictionary, severities: {} })
    .filter((r) => r.rule === 'commercial_link' || r.rule === 'external_link' || r.rule === 'image_missing_alt');
}

describe('commercial_link and external_link', () => {
  it('blocks links to commercial and advertising domains, including sub-domains and path prefixes', () => {
    const html = '<p>详见<a href="https://item.taobao.com/item.htm?id=1">商品</a>和<a href="https://www.baidu.com/s?wd=政策">搜索</a><img src="https://ad.doubleclick.net/p.gif" alt="广告"></p>';
    const r = linkResults(html);
    assert.deepEqual(r.map((x) => [x.rule, x.severity, x.url]), [
      ['commercial_link', 'block', 'https://item.taobao.com/item.htm?id=1'],
      ['commercial_link', 'block', 'https://www.baidu.com/s?wd=政策'],
      ['commercial_link', 'block', 'https://ad.doubleclick.net/p.gif'],
    ]);
    assert.equal('详见商品和搜索'.slice(r[0]!.start, r[0]!.end), '商品');
  });

  it('warns about links outside government hosts and accepts .gov.cn, .政务 and relative links', () => {
    const html = '<p><a href="https://www.gov.cn/a">甲</a><a href="http://www.jiangsu.gov.cn/b">乙</a><a href="https://x.政务/c">丙</a><a href="/col/1.html">丁</a><a href="mailto:a@b.cn">戊</a><a href="//www.xinhuanet.com/d">己</a><a href="https://www.baidu.com/">庚</a></p>';
    const r = linkResults(html);
    assert.deepEqual(r.map((x) => [x.rule, x.severity, x.url]), [
      ['external_link', 'warn', '//www.xinhuanet.com/d'],
      ['external_link', 'warn', 'https://www.baidu.com/'],
    ]);
  });

  it('does not mistake look-alike hosts for listed domains', () => {
    const r = linkResults('<a href="https://notjd.com/">a</a><a href="https://jd.com.evil.cn/">b</a><a href="https://www.jd.com/">c</a>');
    assert.deepEqual(r.map((x) => x.rule), ['external_link', 'external_link', 'commercial_link']);
  });

  it('warns about images without alt text', () => {
    const r = linkResults('<p>图<img src="/a.png">示<img src="/b.png" alt="示意图"></p>');
    assert.deepEqual(r.map((x) => [x.rule, x.start, x.end]), [['image_missing_alt', 1, 1]]);
  });
});

function answer(status: number, url: string): SafeFetchResult {
  return { status, headers: {}, url, body: Buffer.alloc(0), redirects: [] };
}

describe('checkLinks (broken_link)', () => {
  const calls: string[] = [];
  const fetch: SafeFetch = async (input, init = {}) => {
    const url = String(input);
    calls.push(`${init.method ?? 'GET'} ${url}`);
    if (url.includes('/ok')) return answer(200, url);
    if (url.includes('/no-head')) return answer(init.method === 'HEAD' ? 405 : 200, url);
    if (url.includes('/gone')) return answer(404, url);
    if (url.includes('/error')) return answer(503, url);
    if (url.includes('/empty')) return answer(init.method === 'HEAD' ? 405 : init.headers?.range === 'bytes=0-0' ? 416 : 200, url);
    if (url.includes('/busy-get')) return answer(init.method === 'HEAD' ? 405 : 429, url);
    if (url.includes('/busy')) return answer(429, url);
    if (url.includes('/big')) throw new OutboundRefusedError('net.too_large', 'too large', { url });
    if (url.includes('slow')) throw new OutboundRefusedError('net.timeout', 'timeout', { url });
    if (url.includes('10.0.0.1')) throw new OutboundRefusedError('net.refused_address', 'private', { url, address: '10.0.0.1' });
    throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  };

  it('classifies answers, falls back to GET when HEAD is refused, and checks each URL once', async () => {
    calls.length = 0;
    const urls = ['https://a.gov.cn/ok', 'https://a.gov.cn/ok', 'https://a.gov.cn/no-head', 'https://a.gov.cn/gone', 'https://a.gov.cn/error',
      'https://a.gov.cn/big', 'https://slow.gov.cn/', 'http://10.0.0.1/', 'https://down.gov.cn/', 'mailto:x@y.cn', '/relative'];
    const s = await checkLinks(urls, fetch, { concurrency: 3 });
    const by = Object.fromEntries(s.map((x) => [x.url, [x.ok, x.status, x.failure]]));
    assert.deepEqual(by, {
      'https://a.gov.cn/ok': [true, 200, null],
      'https://a.gov.cn/no-head': [true, 200, null],
      'https://a.gov.cn/gone': [false, 404, 'http_error'],
      'https://a.gov.cn/error': [false, 503, 'http_error'],
      'https://a.gov.cn/big': [true, null, null],
      'https://slow.gov.cn/': [false, null, 'timeout'],
      'http://10.0.0.1/': [false, null, 'refused_address'],
      'https://down.gov.cn/': [false, null, 'network'],
    });
    assert.equal(calls.filter((c) => c === 'HEAD https://a.gov.cn/ok').length, 1);
    assert.ok(calls.includes('GET https://a.gov.cn/no-head'));
    assert.ok(!calls.includes('GET https://slow.gov.cn/'), 'a timeout is not retried with GET');
  });

  it('counts a 416 to the ranged GET (an empty resource) and a 429 (rate limiting) as working', async () => {
    calls.length = 0;
    const s = await checkLinks(['https://a.gov.cn/empty', 'https://a.gov.cn/busy', 'https://b.gov.cn/busy-get'], fetch);
    assert.deepEqual(s.map((x) => [x.url, x.ok, x.status, x.failure]), [
      ['https://a.gov.cn/empty', true, 416, null],
      ['https://a.gov.cn/busy', true, 429, null],
      ['https://b.gov.cn/busy-get', true, 429, null],
    ]);
    assert.ok(!calls.includes('GET https://a.gov.cn/busy'), 'a rate-limited HEAD is not asked again with GET');
    assert.ok(calls.includes('GET https://b.gov.cn/busy-get'));
  });

  it('fetches links differing only by #fragment once, and positions the result on each of their anchors', async () => {
    calls.length = 0;
    const s = await checkLinks(['https://a.gov.cn/gone#part1', 'https://a.gov.cn/gone#part2', 'https://a.gov.cn/gone', '/gone#x'], fetch, { baseUrl: 'https://a.gov.cn/' });
    assert.deepEqual(s.map((x) => [x.url, x.ok]), [['https://a.gov.cn/gone', false]]);
    assert.deepEqual(calls.filter((c) => c.startsWith('HEAD')), ['HEAD https://a.gov.cn/gone']);
    const html = '<p><a href="https://a.gov.cn/gone#part1">一</a><a href="https://a.gov.cn/gone#part2">二</a><a href="/gone">三</a></p>';
    const r = brokenLinkResults(s, html, 'warn', 'https://a.gov.cn/');
    assert.deepEqual(r.map((x) => '一二三'.slice(x.start, x.end)), ['一', '二', '三']);
    // A status stored with its fragment (before de-duplication dropped it) still finds its anchors.
    const stored = brokenLinkResults([{ url: 'https://a.gov.cn/gone#part1', ok: false, status: 404, failure: 'http_error' }], html, 'warn', 'https://a.gov.cn/');
    assert.equal(stored.length, 3);
  });

  it('lists at most 100 broken-link findings, then one with the count', () => {
    const html = `<p>${'<a href="https://a.gov.cn/gone">旧</a>'.repeat(150)}</p>`;
    const r = brokenLinkResults([{ url: 'https://a.gov.cn/gone', ok: false, status: 404, failure: 'http_error' }], html, 'block');
    assert.equal(r.length, 101);
    assert.equal(r[100]!.start, 100);
    assert.equal(r[100]!.url, 'https://a.gov.cn/gone', 'the summary keeps the URL, so it stays with its link');
    assert.match(r[100]!.message, /^自此处起还有 50 处“/);
  });

  it('resolves relative links against a base URL when one is given', async () => {
    const s = await checkLinks(['/ok'], fetch, { baseUrl: 'https://www.jiangsu.gov.cn/' });
    assert.deepEqual(s.map((x) => [x.url, x.ok]), [['https://www.jiangsu.gov.cn/ok', true]]);
  });

  it('positions broken-link results on every anchor that uses the URL', async () => {
    const html = '<p>见<a href="https://a.gov.cn/gone">旧文</a>及<a href="https://a.gov.cn/gone">原文</a></p>';
    const s = await checkLinks(['https://a.gov.cn/gone'], fetch);
    const r = brokenLinkResults(s, html, 'warn');
    assert.deepEqual(r.map((x) => ['见旧文及原文'.slice(x.start, x.end), x.rule, x.severity]), [['旧文', 'broken_link', 'warn'], ['原文', 'broken_link', 'warn']]);
    assert.match(r[0]!.message, /HTTP 404/);
    assert.deepEqual(brokenLinkResults(s, html, 'off'), []);
  });
});
