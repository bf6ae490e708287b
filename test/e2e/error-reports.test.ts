/**
 * 网民纠错 in a real browser: a visitor on an article page follows the footer's 我要纠错 link, finds
 * the page's address filled in, reports a typo (the theme's script solves the captcha) and gets a
 * query code; the platform operator finds the report under 互动交流 → 纠错转办 and forwards it
 * to the site's owner. Markup in the description shows as text in the list and on the report's
 * page, and never runs. Screenshots go to test-results/error-reports-<engine>-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { PROVINCE_PORTAL_CODE, publishedDocument } from '../support/workflow-fixtures.js';
import { publishingDeps, rebuildAll } from '../../src/modules/publishing/index.js';
import { articleAddress, publishingIdle, siteBase } from './public-site-steps.js';
import { signIn } from './admin-console-steps.js';
import { IMG_MARKUP, SCRIPT_MARKUP, assertShownAsText } from '../support/markup.js';

const skip = browserSkipReason();
// At most 80 characters: the list shows the description whole.
const DESCRIPTION = `“消防”误为“消访”${IMG_MARKUP}${SCRIPT_MARKUP}`;

for (const engine of browserEngines(import.meta.url)) {
  describe(`error reports in the browser [${engine}]`, { skip: skip ?? false, timeout: 240_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    const opened: ConsolePage[] = [];
    let article = '';
    let code = '';

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
      const { documentId } = await publishedDocument(server.platform, { title: '关于开展冬季消防安全检查的通知' });
      await publishingIdle(server.platform);
      await rebuildAll(publishingDeps(server.platform), { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
      article = await articleAddress(server.platform, documentId);
    });
    after(async () => {
      // Closed first: a failing assertion must not leave the server up and the test process hanging.
      await browser?.close();
      await server?.stop();
      for (const c of opened) assert.deepEqual(c.problems, [], `browser errors on ${c.page.url()}`);
    });

    test('a visitor reports a typo from an article page', async () => {
      const c = await openConsole(browser, siteBase(server, PROVINCE_PORTAL_CODE));
      opened.push(c);
      const { page } = c;
      assert.equal((await page.goto(article))?.status(), 200);
      await page.getByRole('heading', { name: '关于开展冬季消防安全检查的通知' }).first().waitFor();
      await page.getByRole('link', { name: '我要纠错' }).click();
      await page.getByRole('heading', { level: 1, name: '我要纠错' }).waitFor();
      assert.match(await page.getByLabel('出错页面地址').inputValue(), new RegExp(`${article.replace(/[.]/g, '\\.')}$`));
      await page.getByText('人机验证已完成，可以提交。').waitFor({ timeout: 30_000 });
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the error-report form');
      await page.getByRole('radio', { name: '错别字' }).check();
      await page.getByLabel('错误描述').fill(DESCRIPTION);
      await page.getByLabel('联系电话').fill('13912345678');
      await screenshot(page, `error-reports-${engine}-form`);
      await page.getByRole('button', { name: '提交纠错' }).click();
      await page.getByRole('heading', { level: 1, name: '纠错提交成功' }).waitFor();
      code = (await page.locator('.letter-receipt dd strong').first().textContent()) ?? '';
      assert.match(code, /^JC\d{14}$/);
      await screenshot(page, `error-reports-${engine}-receipt`);
    });

    test('the operator forwards it to the site owner from 纠错转办', async () => {
      const c = await openConsole(browser, server.baseUrl);
      opened.push(c);
      const { page } = c;
      await signIn(page, server.accounts.platform_supervisor!);
      await page.getByRole('menuitem', { name: '纠错转办' }).click();
      await page.getByRole('heading', { level: 1, name: '网民纠错：平台转办' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: '消访' });
      await row.waitFor();
      await assertShownAsText(row, DESCRIPTION);
      assert.deepEqual(await seriousA11yViolations(page), []);
      await screenshot(page, `error-reports-${engine}-triage`);
      await row.getByRole('button', { name: '转主办单位' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('转办说明（选填）').fill('请核实后改正');
      await dialog.getByRole('button', { name: '转主办单位' }).click();
      await page.getByText(/纠错报告 \d+ 已处理/).waitFor();
      await page.getByRole('row').filter({ hasText: '消访' }).waitFor({ state: 'detached' });
      const row2 = await server.platform.db.selectFrom('error_reports').select(['id', 'status', 'owner_due_at']).where('query_code', '=', code).executeTakeFirstOrThrow();
      assert.equal(row2.status, 'forwarded');
      assert.ok(row2.owner_due_at !== null);
      await page.goto(`/admin/error-reports/${row2.id}`);
      const detail = page.locator('.ant-descriptions');
      await detail.getByText('消访', { exact: false }).waitFor();
      await assertShownAsText(detail, DESCRIPTION);
    });
  });
}
