/** The reported page must be a page of the site: any of its host names, http(s), no credentials. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageUrlOfSite } from '../../src/modules/interaction/index.js';

const site = { primaryDomain: 'www.jiangsu.gov.cn', aliases: ['jiangsu.gov.cn'], localDomain: '3200000001.localhost' };

test('pages of the site are taken, normalised without fragment', () => {
  assert.equal(pageUrlOfSite(site, 'https://www.jiangsu.gov.cn/art/2026/11/3.html#p2'), 'https://www.jiangsu.gov.cn/art/2026/11/3.html');
  assert.equal(pageUrlOfSite(site, 'http://JIANGSU.gov.cn/a.html?x=1'), 'http://jiangsu.gov.cn/a.html?x=1');
  assert.equal(pageUrlOfSite(site, 'http://3200000001.localhost:8080/'), 'http://3200000001.localhost:8080/');
  assert.equal(pageUrlOfSite(site, ' /col/zwgk/index.html '), 'https://www.jiangsu.gov.cn/col/zwgk/index.html');
});

test('anything else is refused', () => {
  for (const bad of ['', 'https://www.nanjing.gov.cn/', 'https://www.jiangsu.gov.cn.evil.cn/', 'https://evil.cn/?https://www.jiangsu.gov.cn/', '//evil.cn/x',
    'javascript:alert(1)', 'ftp://www.jiangsu.gov.cn/', 'https://a:b@www.jiangsu.gov.cn/', 'not a url', `https://www.jiangsu.gov.cn/${'x'.repeat(1000)}`]) {
    assert.equal(pageUrlOfSite(site, bad), null, bad.slice(0, 60));
  }
});
