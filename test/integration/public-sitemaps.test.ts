/**
 * The sitemaps of a rebuilt demo portal, validated by libxml2's xmllint against the official
 * sitemaps.org 0.9 schemas (test/fixtures/sitemaps/: siteindex.xsd for /sitemap.xml, sitemap.xsd
 * for every urlset it names), fetched by Host like a crawler. They must also name every public
 * page and no withdrawn one. Without xmllint the suite skips and says why; in CI
 * (JIYUE_E2E=required, which .ci/run sets after installing libxml2-utils) that is a failure.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import {
  expectedItems, primaryOrigin, publicColumns, publishDemoContent, withdraw, PROVINCE_PORTAL_CODE, type DemoPublicContent,
} from '../support/public-site-fixtures.js';
import { pageStoreFor } from '../../src/modules/publishing/index.js';

const SCHEMAS = path.resolve('test/fixtures/sitemaps');
const INDEX_XSD = path.join(SCHEMAS, 'siteindex.xsd');
const URLSET_XSD = path.join(SCHEMAS, 'sitemap.xsd');
const required = process.env.JIYUE_E2E === 'required';
const missing = spawnSync('xmllint', ['--version']).error ? 'xmllint not found (apt-get install libxml2-utils)' : null;

/** xmllint's verdict on one document: null when valid, else what it said. */
function schemaProblems(xsd: string, xml: string): string | null {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, '-'], { input: xml, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.status === 0 ? null : `xmllint exit ${r.status}: ${r.stderr.trim()}`;
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);

for (const engine of selectedEngines()) {
  describe(`sitemaps of a demo portal against the sitemaps.org schemas [${engine}]`, { skip: missing && !required ? missing : false }, () => {
    let ctx: TestContext;
    let content: DemoPublicContent;
    let origin = '';
    before(async () => {
      if (missing) assert.fail(`${missing}; JIYUE_E2E=required makes a missing validator an error`);
      ctx = await createTestContext(engine);
      content = await publishDemoContent(ctx.platform);
      origin = await primaryOrigin(ctx.platform, PROVINCE_PORTAL_CODE);
    });
    after(async () => ctx?.close());

    async function fetchXml(url: string): Promise<string> {
      const res = await ctx.app.inject({ method: 'GET', url, headers: { host: `${PROVINCE_PORTAL_CODE}.localhost` } });
      assert.equal(res.statusCode, 200, `${url} → ${res.statusCode}`);
      assert.match(String(res.headers['content-type']), /^(application|text)\/xml/, `${url} content type`);
      return res.body;
    }

    test('the schemas and xmllint reject what they must (the check can fail)', () => {
      const urlset = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${inner}</urlset>\n`;
      assert.equal(schemaProblems(URLSET_XSD, urlset('<url><loc>https://www.jiangsu.gov.cn/</loc><lastmod>2026-11-26T09:30:00+08:00</lastmod></url>')), null);
      assert.match(schemaProblems(URLSET_XSD, urlset('<url><loc>https://www.jiangsu.gov.cn/</loc><lastmod>2026年11月26日</lastmod></url>')) ?? '', /lastmod/);
      assert.match(schemaProblems(URLSET_XSD, urlset('<url><lastmod>2026-11-26</lastmod></url>')) ?? '', /loc/);
      assert.match(schemaProblems(URLSET_XSD, urlset('')) ?? '', /url/, 'an empty urlset is not a sitemap');
      assert.match(schemaProblems(INDEX_XSD, urlset('<url><loc>https://www.jiangsu.gov.cn/</loc></url>')) ?? '', /urlset/, 'a urlset is not an index');
    });

    test('/sitemap.xml is a valid sitemap index and every sitemap it names is a valid urlset', async () => {
      const robots = await ctx.app.inject({ method: 'GET', url: '/robots.txt', headers: { host: `${PROVINCE_PORTAL_CODE}.localhost` } });
      assert.match(robots.body, new RegExp(`^Sitemap: ${origin}/sitemap\\.xml$`, 'm'), 'robots.txt names the index');
      const index = await fetchXml('/sitemap.xml');
      assert.equal(schemaProblems(INDEX_XSD, index), null, `/sitemap.xml:\n${index}`);
      const maps = locs(index);
      assert.ok(maps.length >= 2, `the index names the column map and at least one month: ${maps.join(', ')}`);
      const listed: string[] = [];
      for (const loc of maps) {
        assert.ok(loc.startsWith(`${origin}/sitemaps/`), `sitemap on the site's own domain: ${loc}`);
        const file = loc.slice(origin.length);
        const xml = await fetchXml(file);
        assert.equal(schemaProblems(URLSET_XSD, xml), null, `${file}:\n${xml}`);
        listed.push(...locs(xml));
      }

      // Together they name the home, every column, every public article — and no withdrawn one.
      const pages = new Set(listed);
      assert.equal(pages.size, listed.length, 'no address listed twice');
      const columns = (await publicColumns(ctx.platform, PROVINCE_PORTAL_CODE)).filter((c) => c.kind !== 'link');
      for (const want of [`${origin}/`, ...columns.map((c) => `${origin}${c.href}`)]) assert.ok(pages.has(want), `sitemaps list ${want}`);
      const items = await expectedItems(ctx.platform, PROVINCE_PORTAL_CODE);
      for (const item of items) assert.ok(pages.has(item.url), `sitemaps list ${item.title} at ${item.url}`);
      assert.ok(![...pages].some((p) => p.endsWith(`/${content.withdrawnId}.html`)), 'the withdrawn notice is in no sitemap');
      assert.equal(pages.size, 1 + columns.length + new Set(items.map((i) => i.url)).size, 'nothing else is listed');
    });

    test('every sitemap file the site serves stays valid when withdrawals empty a month', async () => {
      // The seed policy and its interpretation are the only items of 2017-07.
      for (const id of (await expectedItems(ctx.platform, PROVINCE_PORTAL_CODE)).filter((i) => i.url.includes('/art/2017/07/')).map((i) => i.documentId)) {
        await withdraw(ctx.platform, id);
      }
      await ctx.platform.jobs.runDue();
      const manifest = await pageStoreFor(ctx.platform).manifest(PROVINCE_PORTAL_CODE);
      const files = [...manifest.entries.keys()].filter((f) => f.startsWith('/sitemaps/'));
      // Dropping the emptied month's file is as good a fix as keeping it valid: whatever is served must validate.
      for (const file of files) {
        const xml = await fetchXml(file);
        assert.equal(schemaProblems(URLSET_XSD, xml), null, `${file}:\n${xml}`);
      }
    });
  });
}
