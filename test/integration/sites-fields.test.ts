import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  hasAllowedSuffix, isReservedLocalDomain, isValidLogoUrl, isValidPhone, looksLikePortalDomain, normalizeDomain,
  normalizeIcpNumber, normalizePoliceNumber, SITE_CODE_PATTERN,
} from '../../src/modules/sites/site-fields.js';

// Pure format rules of the registry (no database): the same on both engines.
describe('site registry field formats', () => {
  test('identifier code: 10 digits or bm + 8 digits', () => {
    for (const ok of ['3200000024', '3202000002', 'bm07000001']) assert.equal(SITE_CODE_PATTERN.test(ok), true, ok);
    for (const bad of ['320000002', '32000000241', 'BM07000001', 'bm0700000', 'bm070000011', '32000O0024', '']) assert.equal(SITE_CODE_PATTERN.test(bad), false, bad);
  });

  test('domains are lower-cased punycode; malformed names are null', () => {
    assert.equal(normalizeDomain(' WWW.Jiangsu.Gov.CN. '), 'www.jiangsu.gov.cn');
    assert.equal(normalizeDomain('www.江苏.政务'), 'www.xn--9swq29b.xn--zfr164b');
    for (const bad of ['', 'localhost', 'a..gov.cn', '-a.gov.cn', 'a_b.gov.cn', 'http://www.jiangsu.gov.cn', 'www.jiangsu.gov.cn/x', '127.0.0.1', 'a b.gov.cn', `${'a'.repeat(64)}.gov.cn`]) {
      assert.equal(normalizeDomain(bad), null, bad);
    }
  });

  test('.gov.cn and .政务 only, unless an extra suffix is configured', () => {
    assert.equal(hasAllowedSuffix('www.jiangsu.gov.cn', []), true);
    assert.equal(hasAllowedSuffix('www.xn--9swq29b.xn--zfr164b', []), true);
    assert.equal(hasAllowedSuffix('gov.cn.evil.com', []), false);
    assert.equal(hasAllowedSuffix('www.jiangsugov.cn', []), false);
    assert.equal(hasAllowedSuffix('kjt.localhost', []), false);
    assert.equal(hasAllowedSuffix('kjt.localhost', ['localhost']), true);
    assert.equal(isReservedLocalDomain('3200000001.localhost'), true);
    assert.equal(isReservedLocalDomain('kjt.localhost'), false);
  });

  test('portal shape is www.<region>.gov.cn', () => {
    assert.equal(looksLikePortalDomain('www.nanjing.gov.cn'), true);
    assert.equal(looksLikePortalDomain('nanjing.gov.cn'), false);
    assert.equal(looksLikePortalDomain('www.fgw.nanjing.gov.cn'), false);
  });

  test('ICP and public-security filing numbers', () => {
    assert.equal(normalizeIcpNumber('苏ICP备05000001号'), '苏ICP备05000001号');
    assert.equal(normalizeIcpNumber('京ICP备2021012345号-1'), '京ICP备2021012345号-1');
    assert.equal(normalizeIcpNumber('ICP备05000001号'), null);
    assert.equal(normalizeIcpNumber('苏ICP证05000001号'), null);
    assert.equal(normalizePoliceNumber('苏公网安备32010202010001号'), '苏公网安备 32010202010001号');
    assert.equal(normalizePoliceNumber('苏公网安备  32010202010001号'), '苏公网安备 32010202010001号');
    assert.equal(normalizePoliceNumber('苏公网安备 3201020201000号'), null);
    assert.equal(normalizePoliceNumber('苏公网安备 320102020100011号'), null);
  });

  test('contact phone and logo URL', () => {
    for (const ok of ['025-83391234', '12345', '(025)83391234转8001']) assert.equal(isValidPhone(ok), true, ok);
    for (const bad of ['电话', 'abc-123', '1']) assert.equal(isValidPhone(bad), false, bad);
    assert.equal(isValidLogoUrl('https://www.jiangsu.gov.cn/logo.png'), true);
    assert.equal(isValidLogoUrl('/logo/a.png'), true);
    assert.equal(isValidLogoUrl('javascript:alert(1)'), false);
    assert.equal(isValidLogoUrl('data:image/png;base64,xx'), false);
  });
});
