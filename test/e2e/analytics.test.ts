/**
 * 访问统计 in a real browser: a visitor opens a published article on its site (the theme's view
 * beacon goes out with the page), and the system administrator reads the page view, the unique
 * visitor and the article among the most viewed pages in the console, with the chart.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { publishedDocument } from '../support/workflow-fixtures.js';
import { signIn } from './admin-console-steps.js';
import { articleAddress, publishingIdle, siteBase } from './public-site-steps.js';
import { viewCounterFor } from '../../src/modules/analytics/index.js';

const skip = browserSkipReason();
const PORTAL = '3200000001';

for (const engine of browserEngines(import.meta.url)) {
  describe(`traffic console [${engine}]`, { skip: skip ?? false, timeout: 180_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    const opened: ConsolePage[] = [];

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
      for (const c of opened) assert.deepEqual(c.problems, [], `browser errors on ${c.page.url()}`);
    });

    test('a visitor reads an article; the console shows the view, the visitor and the page, with a chart', async () => {
      const doc = await publishedDocument(server.platform, { title: '关于做好今冬明春供暖保障工作的通知', bodyHtml: '<p>各地要确保群众温暖过冬。</p>' });
      await publishingIdle(server.platform);
      const path = await articleAddress(server.platform, doc.documentId);

      const visitor = await browser.newContext();
      const page = await visitor.newPage();
      const beacon = page.waitForResponse((r) => r.url().endsWith('/_pv.gif'));
      await page.goto(`${siteBase(server, PORTAL)}${path}`);
      await page.getByRole('heading', { level: 1, name: '关于做好今冬明春供暖保障工作的通知' }).waitFor();
      assert.equal((await beacon).status(), 200);
      await visitor.close();
      // What the server counts in memory reaches the database every few seconds; here at once.
      await viewCounterFor(server.platform).flush();

      const c = await openConsole(browser, server.baseUrl);
      opened.push(c);
      await signIn(c.page, server.accounts.system_admin!);
      await c.page.getByRole('menuitem', { name: '访问统计' }).click();
      await c.page.getByRole('heading', { level: 1, name: '访问统计' }).waitFor();
      await c.page.getByRole('img', { name: /每日浏览量与独立访客/ }).waitFor();
      const link = c.page.getByRole('link', { name: path });
      await link.waitFor();
      const row = c.page.getByRole('row').filter({ has: link });
      // The row's last cell is the page's views.
      assert.equal((await row.getByRole('cell').last().innerText()).trim(), '1');
      assert.equal(await c.page.getByTestId('traffic-chart').locator('svg').count(), 1);
      await screenshot(c.page, `${engine}-analytics-console`);
      assert.deepEqual(await seriousA11yViolations(c.page), []);
    });
  });
}
