/**
 * 站内搜索 in the console, in a real browser: the system administrator rebuilds the index and
 * watches the progress bar reach 100 % (fed by the job stream), tries a search and sees the
 * highlighted hit, and reads the anonymous query statistics.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { publishedDocument } from '../support/workflow-fixtures.js';
import { signIn } from './admin-console-steps.js';

const skip = browserSkipReason();

for (const engine of browserEngines(import.meta.url)) {
  describe(`site search console [${engine}]`, { skip: skip ?? false, timeout: 180_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    const opened: ConsolePage[] = [];

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
      await publishedDocument(server.platform, { title: '关于开展全省社保卡换发工作的通知', bodyHtml: '<p>请持居民身份证到社保经办窗口办理。</p>' });
    });
    after(async () => {
      // Closed first: a failing assertion must not leave the server up and the test process hanging.
      await browser?.close();
      await server?.stop();
      for (const c of opened) assert.deepEqual(c.problems, [], `browser errors on ${c.page.url()}`);
    });

    test('rebuild with a live progress bar, a trial search with marks, and the statistics', async () => {
      const c = await openConsole(browser, server.baseUrl);
      opened.push(c);
      const { page } = c;
      await signIn(page, server.accounts.system_admin!);
      await page.getByRole('menuitem', { name: '站内搜索' }).click();
      await page.getByRole('heading', { level: 1, name: '站内搜索' }).waitFor();

      await page.getByRole('button', { name: '重建搜索索引' }).click();
      await page.getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByText('重建完成').waitFor({ timeout: 60_000 });
      assert.equal(await page.getByRole('progressbar', { name: '重建进度' }).getAttribute('aria-valuenow'), '100');

      await page.getByRole('searchbox', { name: '试一试' }).fill('社保卡');
      await page.getByRole('searchbox', { name: '试一试' }).press('Enter');
      const hit = page.locator('mark', { hasText: '社保卡' }).first();
      await hit.waitFor();
      await page.getByText(/共 \d+ 条结果/).waitFor();

      // The trial search went through the public API: it is in the anonymous log.
      await page.reload();
      await page.getByRole('cell', { name: '社保卡', exact: true }).waitFor();
      await screenshot(page, `${engine}-search-console`);
      assert.deepEqual(await seriousA11yViolations(page), []);
    });
  });
}
