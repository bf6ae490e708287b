/**
 * The site administrator's publishing screen in a real browser: choose a site, change its
 * palette and mourning mode, save — the rebuild runs as a job and its progress bar reaches
 * 已完成 — and the public home page then carries the new palette and grayscale class. The
 * template developer previews an edited template on real content. Axe scans both screens.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { signIn, type Account } from './admin-console-steps.js';
import { gotoMenu, pickOption } from './review-path-steps.js';
import { pageStoreFor } from '../../src/modules/publishing/index.js';

const skip = browserSkipReason();
const PORTAL = '3200000001';

for (const engine of browserEngines(import.meta.url)) {
  describe(`publishing screens in the browser [${engine}]`, { skip: skip ?? false, timeout: 180_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    const opened: ConsolePage[] = [];
    const account = (role: string): Account => {
      const found = server.accounts[role];
      if (!found) throw new Error(`no demo account for role ${role}`);
      return found;
    };
    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
    });
    after(async () => {
      const problems = opened.flatMap((c) => c.problems);
      await browser?.close();
      await server?.stop();
      assert.deepEqual(problems, [], 'the console logged errors');
    });

    test('site admin changes palette and mourning mode; the rebuild shows its progress; the public site follows', async () => {
      const c = await openConsole(browser, server.baseUrl);
      opened.push(c);
      const { page } = c;
      try {
        await signIn(page, account('site_admin'));
        await gotoMenu(page, '网站发布');
        await page.getByRole('heading', { name: '网站发布与外观' }).or(page.getByText('网站发布与外观')).first().waitFor();
        await pickOption(page, page.getByLabel('站点'), '江苏省人民政府');
        await page.getByRole('radio', { name: '政务蓝' }).check();
        await page.getByRole('switch', { name: '哀悼日灰色模式' }).click();
        assert.deepEqual(await seriousA11yViolations(page), []);
        await page.getByRole('button', { name: '保存并重新发布' }).click();
        await page.getByText('已完成').waitFor({ timeout: 90_000 });
        await screenshot(page, `publishing-${engine}-rebuilt`);
        const home = (await pageStoreFor(server.platform).read(PORTAL, '/index.html'))!.toString('utf8');
        assert.match(home, /data-palette="blue"/);
        assert.match(home, /class="mourning"/);
        const res = await fetch(`${server.baseUrl}/`, { headers: { host: `${PORTAL}.localhost` } });
        assert.match(await res.text(), /data-palette="blue"/);
      } catch (e) {
        await screenshot(page, `publishing-${engine}-failed`).catch(() => undefined);
        throw e;
      }
    });

    test('template developer previews an edited footer on real content', async () => {
      const c = await openConsole(browser, server.baseUrl);
      opened.push(c);
      const { page } = c;
      try {
        await signIn(page, account('template_developer'));
        await gotoMenu(page, '主题模板');
        const source = page.getByLabel('模板源码');
        await source.waitFor();
        let text = '';
        for (let i = 0; i < 50 && !text.includes('我为政府网站找错'); i++) {
          text = await source.inputValue();
          if (!text.includes('我为政府网站找错')) await page.waitForTimeout(200);
        }
        // Scanned before the preview: axe waits for answers from frames, and the sandboxed preview (no scripts) never answers.
        assert.deepEqual(await seriousA11yViolations(page), []);
        await source.fill(text.replace('我为政府网站找错', '我为政府网站找错（预览测试）'));
        await page.getByRole('button', { name: '预览', exact: true }).click();
        const frame = page.frameLocator('iframe[title="预览"]');
        await frame.getByText('我为政府网站找错（预览测试）').waitFor();
        await source.fill('{{ not_defined }}');
        await page.getByRole('button', { name: '预览', exact: true }).click();
        await page.getByRole('alert').filter({ hasText: '模板无法生成' }).waitFor();
        await screenshot(page, `themes-${engine}-error`);
      } catch (e) {
        await screenshot(page, `themes-${engine}-failed`).catch(() => undefined);
        throw e;
      }
    });
  });
}
