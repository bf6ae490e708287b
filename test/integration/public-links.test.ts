/**
 * A real link checker (linkinator) crawls a rebuilt demo portal on a listening server from
 * http://3200000001.localhost:<port>/, the way a visitor's browser addresses it, following
 * every link, stylesheet, script and image on the site, and finds none broken. Links to other
 * hosts (other sites of the province, beian.miit.gov.cn, …) are not followed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import dns from 'node:dns';
import http from 'node:http';
import type { LookupFunction } from 'node:net';
import { LinkChecker, type LinkResult } from 'linkinator';
import { selectedEngines } from '../support/engines.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectedItems, publicColumns, publishDemoContent, PROVINCE_PORTAL_CODE, type DemoPublicContent } from '../support/public-site-fixtures.js';

/**
 * *.localhost is loopback (RFC 6761) and browsers resolve it so; the system resolver here does
 * not. The checker's requests go through Node's global HTTP agent, so that agent gets a lookup
 * that answers *.localhost with 127.0.0.1 for the duration of the crawl.
 */
const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname !== 'localhost' && !hostname.endsWith('.localhost')) return dns.lookup(hostname, options, callback);
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

async function crawl(start: string, recurse: boolean): Promise<LinkResult[]> {
  const host = new URL(start).host;
  const previous = http.globalAgent;
  http.globalAgent = new http.Agent({ keepAlive: true, lookup: loopbackLookup });
  try {
    const checker = new LinkChecker();
    const result = await checker.check({
      path: start, recurse, concurrency: 8, timeout: 15_000,
      linksToSkip: async (link) => new URL(link).host !== host,
    });
    return result.links;
  } finally {
    http.globalAgent.destroy();
    http.globalAgent = previous;
  }
}

for (const engine of selectedEngines()) {
  describe(`links of a demo portal checked by linkinator [${engine}]`, () => {
    let server: TestServer;
    let content: DemoPublicContent;
    let base = '';
    before(async () => {
      server = await startTestServer({ engine });
      content = await publishDemoContent(server.platform);
      base = `http://${PROVINCE_PORTAL_CODE}.localhost:${new URL(server.baseUrl).port}`;
    });
    after(async () => server?.stop());

    test('the checker reports a missing page as broken (the check can fail)', async () => {
      const links = await crawl(`${base}/no-such-page.html`, false);
      const start = links.find((l) => l.url === `${base}/no-such-page.html`);
      assert.deepEqual([start?.state, start?.status], ['BROKEN', 404]);
    });

    test('a crawl from the home page finds no broken link on the site', async () => {
      const links = await crawl(`${base}/`, true);
      const broken = links.filter((l) => l.state === 'BROKEN').map((l) => `${l.url} → ${l.status ?? 'no answer'} (linked from ${l.parent ?? 'start'})`);
      assert.deepEqual(broken, [], 'broken links');

      // It really went everywhere: every column, every public article, the assets, the feeds.
      const ok = new Set(links.filter((l) => l.state === 'OK').map((l) => new URL(l.url).pathname));
      const columns = (await publicColumns(server.platform, PROVINCE_PORTAL_CODE)).filter((c) => c.kind !== 'link');
      const articles = (await expectedItems(server.platform, PROVINCE_PORTAL_CODE)).map((i) => new URL(i.url).pathname);
      for (const p of ['/', '/assets/site.css', '/assets/site.js', '/assets/conac.svg', '/rss.xml', '/sitemap.html', ...columns.map((c) => c.href), ...articles]) {
        assert.ok(ok.has(p), `the crawl reached ${p}`);
      }
      assert.ok(![...ok].some((p) => p.endsWith(`/${content.withdrawnId}.html`)), 'no page links the withdrawn notice');
      const skipped = links.filter((l) => l.state === 'SKIPPED').map((l) => new URL(l.url).host);
      assert.ok(skipped.includes('beian.miit.gov.cn') || skipped.includes('bszs.conac.cn'), `links off the site were seen and skipped: ${[...new Set(skipped)].join(', ')}`);
    });
  });
}
