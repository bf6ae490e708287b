/**
 * 信件统计 in a real browser: the handler opens the screen from the 互动交流 menu group, starts
 * 刷新统计 and watches the progress bar reach 100 %, then sees the figures of a hand-made letter
 * in the table and the ECharts chart; a visitor reads the same figures on the portal's public
 * page, drawn as SVG on the server (no chart script), and the published letters' list.
 * Axe scans the console screen and both public pages.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { PROVINCE_PORTAL_CODE } from '../support/public-site-fixtures.js';
import { insertLetter } from '../support/letter-rows.js';
import { publishingDeps, rebuildAll } from '../../src/modules/publishing/index.js';
import { publishingIdle, siteBase } from './public-site-steps.js';
import { signIn, expandMenuGroup } from './admin-console-steps.js';

const skip = browserSkipReason();
const DAY = 86_400_000;

for (const engine of browserEngines(import.meta.url)) {
  describe(`letter statistics in the browser [${engine}]`, { skip: skip ?? false, timeout: 180_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    const opened: ConsolePage[] = [];

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
      // The theme's assets are in the page store once the portal is rendered.
      await publishingIdle(server.platform);
      await rebuildAll(publishingDeps(server.platform), { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
      const now = server.platform.clock.now();
      // Two letters received today (so in this month whatever the date): one answered on time and published, one waiting.
      const ctx = { platform: server.platform };
      await insertLetter(ctx, { isPublic: true, status: 'replied', subject: '浏览器公开信件', reply: '已办理。', receivedAt: now - 1000, dueAt: now + 5 * DAY, acceptedAt: now - 900, repliedAt: now - 100, publishedAt: now - 100 });
      await insertLetter(ctx, { status: 'received', receivedAt: now - 500, dueAt: now + 5 * DAY });
    });
    after(async () => {
      // Closed first: a failing assertion must not leave the server up and the test process hanging.
      await browser?.close();
      await server?.stop();
      for (const c of opened) assert.deepEqual(c.problems, [], `browser errors on ${c.page.url()}`);
    });

    test('the handler refreshes the statistics with a progress bar and reads them as chart and table', async () => {
      const c = await openConsole(browser, server.baseUrl);
      opened.push(c);
      const { page } = c;
      await signIn(page, server.accounts.handler!);
      await expandMenuGroup(page, '互动交流');
      await page.getByRole('menuitem', { name: '信件统计' }).click();
      await page.getByRole('heading', { level: 1, name: '信件统计' }).waitFor();
      await page.getByText('统计尚未生成').waitFor();
      await page.getByRole('button', { name: '刷新统计' }).click();
      await page.getByText('统计已刷新').waitFor({ timeout: 90_000 });
      assert.equal(await page.getByRole('progressbar', { name: '刷新进度' }).getAttribute('aria-valuenow'), '100');
      await page.getByText(/统计时间：/).waitFor();
      // The first scope is the province's region; choose the portal itself.
      await page.getByRole('combobox', { name: '统计范围' }).fill('江苏省人民政府');
      await page.locator('.ant-select-item-option', { hasText: /^江苏省人民政府$/ }).click();
      const summary = page.locator('.ant-table').first();
      await summary.getByRole('cell', { name: '2', exact: true }).first().waitFor();
      assert.match(await summary.innerText(), /100\.0%/);
      await page.getByTestId('letter-statistics-chart').locator('svg').waitFor();
      await screenshot(page, `${engine}-letter-statistics`);
      assert.deepEqual(await seriousA11yViolations(page), []);
    });

    test('the portal publishes the statistics as server-drawn SVG and a table, and the published letters', async () => {
      const c = await openConsole(browser, siteBase(server, PROVINCE_PORTAL_CODE));
      opened.push(c);
      const { page } = c;
      const res = await page.goto('/letters/statistics.html');
      assert.equal(res?.status(), 200);
      await page.getByRole('heading', { level: 1, name: '信件统计' }).waitFor();
      await page.getByRole('img', { name: /^江苏省人民政府近12个月/ }).waitFor();
      await page.getByRole('img', { name: /^江苏省人民政府所属网站合计近12个月/ }).waitFor();
      assert.equal(await page.locator('script:not([src="/assets/site.js"])').count(), 0, 'no chart script');
      await page.getByRole('heading', { level: 2, name: /所属网站合计/ }).waitFor();
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the statistics page');
      await screenshot(page, `${engine}-letter-statistics-public`);
      await page.goto('/letters/public.html');
      await page.getByRole('link', { name: '浏览器公开信件' }).click();
      await page.getByRole('heading', { level: 1, name: '浏览器公开信件' }).waitFor();
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on a published letter');
    });
  });
}
