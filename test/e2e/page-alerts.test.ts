/**
 * 网页防篡改 in a real browser: a public page with its own CSS and JS loads under the public
 * CSP without violations; a page tampered on disk is still served genuine; the platform
 * supervisor finds the alert in the console and acknowledges it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { goodPages, PORTAL, tamper, waitFor, type GoodPages } from '../support/page-fixtures.js';
import { registerPageRepairer } from '../../src/modules/delivery/index.js';
import { signIn } from './admin-console-steps.js';

const skip = browserSkipReason();

const PAGE = Buffer.from(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>关于防篡改演练的通知_江苏省人民政府</title>
<link rel="stylesheet" href="/assets/site.css"><script src="/assets/site.js" defer></script></head>
<body><main><h1>关于防篡改演练的通知</h1><p style="color:#333">正文内容。</p></main></body></html>
`);

for (const engine of browserEngines(import.meta.url)) {
  describe(`page tamper alerts in the browser [${engine}]`, { skip: skip ?? false, timeout: 180_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    let pages: GoodPages;
    let unregister: () => void = () => undefined;
    const opened: ConsolePage[] = [];
    const port = () => new URL(server.baseUrl).port;

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
      pages = goodPages(server.platform);
      await pages.publish(PORTAL, [
        { path: '/', body: PAGE },
        { path: '/notice.html', body: PAGE },
        { path: '/assets/site.css', body: Buffer.from('main{max-width:40rem;margin:auto;font-family:sans-serif}') },
        { path: '/assets/site.js', body: Buffer.from("document.documentElement.dataset.ready = '1';") },
      ]);
      unregister = registerPageRepairer(pages.repairer);
    });
    after(async () => {
      unregister();
      // Closed first: a failing assertion must not leave the server up and the test process hanging.
      await browser?.close();
      await server?.stop();
      for (const c of opened) assert.deepEqual(c.problems, [], `browser errors on ${c.page.url()}`);
    });

    test('a public page loads its own CSS and JS under the public CSP, and a tampered copy on disk is never shown', async () => {
      const c = await openConsole(browser, server.baseUrl);
      opened.push(c);
      await c.page.goto(`http://${PORTAL}.localhost:${port()}/`);
      await c.page.getByRole('heading', { name: '关于防篡改演练的通知' }).waitFor();
      await c.page.waitForFunction(() => (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document.documentElement.dataset.ready === '1');
      tamper(pages.diskPath(PORTAL, '/notice.html'), PAGE.toString().replace('关于防篡改演练的通知</h1>', '网站已被黑</h1>'));
      await c.page.goto(`http://${PORTAL}.localhost:${port()}/notice.html`);
      await c.page.getByRole('heading', { name: '关于防篡改演练的通知' }).waitFor();
      assert.equal(await c.page.getByText('网站已被黑').count(), 0);
    });

    test('the supervisor sees the alert under 防篡改告警 and acknowledges it', async () => {
      // The alert is written just after the answer went out.
      await waitFor('the alert row', async () => (await server.platform.db.selectFrom('page_alerts').select('id').where('file', '=', '/notice.html').execute()).length > 0);
      const c = await openConsole(browser, server.baseUrl);
      opened.push(c);
      const { page } = c;
      await signIn(page, server.accounts.platform_supervisor!);
      await page.getByRole('menuitem', { name: '防篡改告警' }).click();
      await page.getByRole('heading', { level: 1, name: '网页防篡改告警' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: '/notice.html' });
      await row.waitFor();
      await row.getByText('内容被改动').waitFor();
      await row.getByText('已恢复原文件').waitFor();
      await screenshot(page, `${engine}-page-alerts`);
      assert.deepEqual(await seriousA11yViolations(page), []);
      await row.getByRole('button', { name: '确认' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('处理说明（选填）').fill('演练，已核实');
      await dialog.getByRole('button', { name: '确认' }).click();
      await page.getByText(/告警 \d+ 已确认/).waitFor();
      await page.getByRole('row').filter({ hasText: '/notice.html' }).waitFor({ state: 'detached' });
    });
  });
}
