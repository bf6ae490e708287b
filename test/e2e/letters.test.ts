/**
 * The letter form in a real browser against a real server: the theme's script solves the
 * ALTCHA challenge (no third party), the citizen fills in the labelled fields and submits, the
 * receipt shows the query code and password once, and the look-up page shows the letter with
 * personal data masked. Axe scans the form and the look-up result. Screenshots go to
 * test-results/letters-<engine>-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { PROVINCE_PORTAL_CODE } from '../support/public-site-fixtures.js';
import { publishingDeps, rebuildAll } from '../../src/modules/publishing/index.js';
import { publishingIdle, siteBase } from './public-site-steps.js';
import { PLANTED } from '../support/letter-fixtures.js';

const skip = browserSkipReason();

for (const engine of browserEngines(import.meta.url)) {
  describe(`letters in the browser [${engine}]`, { skip: skip ?? false, timeout: 180_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    let visitor: ConsolePage;
    let code = '';
    let password = '';

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
      // The captcha script is a theme asset: render the portal so its page store has it.
      await publishingIdle(server.platform);
      await rebuildAll(publishingDeps(server.platform), { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
      visitor = await openConsole(browser, siteBase(server, PROVINCE_PORTAL_CODE));
    });

    after(async () => {
      // Closed first: a failing assertion must not leave the server up and the test process hanging.
      await browser?.close();
      await server?.stop();
      assert.deepEqual(visitor?.problems ?? [], [], 'browser errors');
    });

    test('the script solves the captcha, the letter is sent, and the receipt shows code and password', async () => {
      const { page } = visitor;
      const res = await page.goto('/letters.html');
      assert.equal(res?.status(), 200);
      await page.getByRole('heading', { level: 1, name: '我要写信' }).waitFor();
      await page.getByText('人机验证已完成，可以提交。').waitFor({ timeout: 30_000 });
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the letter form');
      await page.getByLabel('收信信箱').selectOption({ index: 0 });
      await page.getByRole('radio', { name: '求助' }).check();
      await page.getByLabel('标题').fill('小区路灯损坏');
      await page.getByLabel('内容').fill('<b>路灯</b>已坏一周，请帮助协调维修。');
      await page.getByRole('radio', { name: '不公开', exact: true }).check();
      await page.getByLabel('姓名').fill(PLANTED.name);
      await page.getByLabel('联系电话').fill(PLANTED.phone);
      await page.getByLabel('身份证号码').fill(PLANTED.idNumber);
      await screenshot(page, `letters-${engine}-form`);
      await page.getByRole('button', { name: '提交信件' }).click();
      await page.getByRole('heading', { level: 1, name: '信件提交成功' }).waitFor();
      const receipt = await page.locator('.letter-receipt dd strong').allTextContents();
      [code = '', password = ''] = receipt;
      assert.match(code, /^\d{14}$/);
      assert.match(password, /^[A-Z2-9]{8}$/);
      await screenshot(page, `letters-${engine}-receipt`);
    });

    test('the look-up page shows progress with personal data masked', async () => {
      const { page } = visitor;
      await page.getByRole('link', { name: '查询办理进度' }).click();
      await page.getByLabel('查询编号').fill(code);
      await page.getByLabel('查询密码').fill(password);
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByRole('heading', { level: 2, name: '小区路灯损坏' }).waitFor();
      const text = await page.locator('.letter-result').innerText();
      assert.match(text, /已收到，等待受理/);
      assert.match(text, /138\*\*\*\*5678/);
      assert.match(text, /<b>路灯<\/b>已坏一周/, 'the body shows as typed, markup as text');
      assert.ok(!text.includes(PLANTED.phone) && !text.includes(PLANTED.idNumber));
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the look-up result');
      await screenshot(page, `letters-${engine}-query`);
    });
  });
}
