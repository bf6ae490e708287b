/**
 * The feeds of a rebuilt demo portal, read by a real feed parser (rss-parser) the way a feed
 * reader fetches them: by Host, through the public server. The site's /rss.xml and /atom.xml
 * and every column's pair must parse, point at themselves, and list exactly what is public
 * there (own documents and accepted references, never a withdrawn one), newest first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Parser from 'rss-parser';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import {
  expectedItems, primaryOrigin, publicColumns, publishDemoContent, PROVINCE_PORTAL_CODE, type DemoPublicContent, type ExpectedItem,
} from '../support/public-site-fixtures.js';

const FEED_SIZE = 20;
const parser = new Parser();
const seconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

for (const engine of selectedEngines()) {
  describe(`feeds of a demo portal read by a feed parser [${engine}]`, () => {
    let ctx: TestContext;
    let content: DemoPublicContent;
    let expected: ExpectedItem[];
    let origin = '';
    before(async () => {
      ctx = await createTestContext(engine);
      content = await publishDemoContent(ctx.platform);
      expected = await expectedItems(ctx.platform, PROVINCE_PORTAL_CODE);
      origin = await primaryOrigin(ctx.platform, PROVINCE_PORTAL_CODE);
    });
    after(async () => ctx?.close());

    async function readFeed(path: string) {
      const res = await ctx.app.inject({ method: 'GET', url: path, headers: { host: `${PROVINCE_PORTAL_CODE}.localhost` } });
      assert.equal(res.statusCode, 200, `${path} → ${res.statusCode}`);
      assert.match(String(res.headers['content-type']), /^application\/(xml|rss\+xml|atom\+xml)/, `${path} content type`);
      const feed = await parser.parseString(res.body).catch((err: unknown) => assert.fail(`${path} does not parse as a feed: ${String(err)}`));
      assert.equal(feed.feedUrl, `${origin}${path}`, `${path} names itself as its self link`);
      assert.ok(!res.body.includes(content.withdrawnTitle), `${path} lists the withdrawn notice`);
      return feed;
    }

    /** Same items (title and address), each with its first publication time; newest first. */
    function assertItems(path: string, items: readonly Parser.Item[], want: readonly ExpectedItem[]): void {
      const got = items.map((i) => ({ title: i.title, link: i.link, date: i.isoDate }));
      const byUrl = (a: { link?: string | undefined }, b: { link?: string | undefined }) => String(a.link).localeCompare(String(b.link));
      assert.deepEqual([...got].sort(byUrl), want.map((e) => ({ title: e.title, link: e.url, date: seconds(e.publishedAt) })).sort(byUrl), `items of ${path}`);
      const dates = got.map((i) => Date.parse(String(i.date)));
      assert.ok(dates.every((d, n) => n === 0 || d <= dates[n - 1]!), `${path} lists the newest first: ${got.map((i) => i.date).join(', ')}`);
    }

    test('the site feeds (RSS 2.0 and Atom) list the newest public items of the whole site', async () => {
      const want = [...expected].sort((a, b) => b.publishedAt - a.publishedAt).slice(0, FEED_SIZE);
      assert.ok(want.length >= 8, `the fixture publishes enough to check (${want.length})`);
      for (const path of ['/rss.xml', '/atom.xml']) {
        const feed = await readFeed(path);
        assert.equal(feed.title, '江苏省人民政府');
        assert.equal(feed.link, `${origin}/`);
        assertItems(path, feed.items, want);
      }
    });

    test('every column has an RSS and an Atom feed listing exactly what the column shows', async () => {
      const columns = (await publicColumns(ctx.platform, PROVINCE_PORTAL_CODE)).filter((c) => c.kind !== 'link');
      assert.ok(columns.length >= 15, `the demo portal's columns (${columns.length})`);
      let nonEmpty = 0;
      for (const column of columns) {
        const want = expected.filter((e) => e.columnId === column.id).sort((a, b) => b.publishedAt - a.publishedAt).slice(0, FEED_SIZE);
        if (want.length > 0) nonEmpty++;
        for (const file of ['rss.xml', 'atom.xml']) {
          const path = `${column.href}${file}`;
          const feed = await readFeed(path);
          assert.ok(feed.title?.includes(column.name), `${path} is titled after its column: ${feed.title}`);
          assert.equal(feed.link, `${origin}${column.href}`);
          assertItems(path, feed.items, want);
        }
      }
      // 通知公告, 首页要闻, 部门动态, 市县动态 (the Nanjing reference), 政府文件 and 政策解读 (seed).
      assert.ok(nonEmpty >= 6, `columns with items: ${nonEmpty}`);
    });
  });
}
