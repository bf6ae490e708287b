/**
 * 征求意见 in a real browser: a reader opens the consultation page, opens the form of one clause
 * (its captcha starts only then), sends an opinion with contact data; the editor finds it under
 * that clause in the console, with the contact masked; the moderator approves it and it appears
 * under the clause on the site. Markup in the opinion and the nickname shows as typed in the
 * console and on the site, and never runs. Axe scans the consultation page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { PROVINCE_PORTAL_CODE } from '../support/public-site-fixtures.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import { createConsultation, interactionDeps } from '../../src/modules/interaction/index.js';
import { publishingDeps, rebuildAll } from '../../src/modules/publishing/index.js';
import { publishingIdle, siteBase } from './public-site-steps.js';
import { moderationRow, openMenu, signIn, expandMenuGroup } from './admin-console-steps.js';
import { IMG_MARKUP, NICKNAME_MARKUP, SCRIPT_MARKUP, assertShownAsText } from '../support/markup.js';

const skip = browserSkipReason();
const OPINION = `建议明确主办单位和承办单位的分工。${IMG_MARKUP}${SCRIPT_MARKUP}`;
const DAY = 86_400_000;

for (const engine of browserEngines(import.meta.url)) {
  describe(`consultations in the browser [${engine}]`, { skip: skip ?? false, timeout: 240_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    let visitor: ConsolePage;
    let editor: ConsolePage;
    let moderator: ConsolePage;

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
      const site = (await getSiteByCode(server.platform.db, PROVINCE_PORTAL_CODE))!;
      const now = server.platform.clock.now();
      await createConsultation({
        db: server.platform.db, actor: systemActor('e2e'), siteId: site.id, deps: interactionDeps(server.platform),
        input: { title: '江苏省政府网站管理办法（征求意见稿）', draftText: '第一条 本办法适用于全省政府网站。\n第二条 主办单位负责内容保障。', opensAt: now - 1000, closesAt: now + 30 * DAY },
      });
      await publishingIdle(server.platform);
      await rebuildAll(publishingDeps(server.platform), { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
      visitor = await openConsole(browser, siteBase(server, PROVINCE_PORTAL_CODE));
      editor = await openConsole(browser, server.baseUrl);
      moderator = await openConsole(browser, server.baseUrl);
    });

    after(async () => {
      // Closed first: a failing assertion must not leave the server up and the test process hanging.
      await browser?.close();
      await server?.stop();
      assert.deepEqual(visitor?.problems ?? [], [], 'browser errors (site)');
      assert.deepEqual(editor?.problems ?? [], [], 'browser errors (console)');
      assert.deepEqual(moderator?.problems ?? [], [], 'browser errors (moderation)');
    });

    test('a reader sends an opinion on one clause', async () => {
      const { page } = visitor;
      await page.goto('/consultations.html');
      await page.getByRole('link', { name: '江苏省政府网站管理办法（征求意见稿）' }).click();
      await page.getByRole('heading', { level: 1, name: '江苏省政府网站管理办法（征求意见稿）' }).waitFor();
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the consultation page');
      await page.getByText('对第二条提出意见').click();
      const form = page.locator('#clause-2 form');
      await form.getByLabel('意见内容').fill(OPINION);
      await form.getByLabel('昵称（可选）').fill(NICKNAME_MARKUP);
      await form.getByLabel('联系方式（可选，加密保存，不公开）').fill('13912345678');
      await form.getByText('人机验证已完成，可以提交。').waitFor({ timeout: 30_000 });
      await form.getByRole('button', { name: '提交意见' }).click();
      await page.getByText('提交成功，经审核后公开显示。').waitFor();
      await screenshot(page, `consultations-${engine}-sent`);
    });

    test('the editor sees it under that clause, contact masked', async () => {
      const { page } = editor;
      await signIn(page, server.accounts.editor!);
      await expandMenuGroup(page, '互动交流');
      await openMenu(page, '征求意见');
      await page.getByText('江苏省政府网站管理办法（征求意见稿）').click();
      const clause = page.getByRole('region', { name: '第二条' });
      await clause.getByText('建议明确主办单位和承办单位的分工。', { exact: false }).waitFor();
      await assertShownAsText(clause, OPINION, NICKNAME_MARKUP);
      const text = await clause.innerText();
      assert.match(text, /139\*\*\*\*5678/);
      assert.ok(!text.includes('13912345678'));
      assert.match(text, /收到 1 条，公开 0 条/);
      await screenshot(page, `consultations-${engine}-console`);
    });

    test('the editor changes the title; the draft text stays (an opinion has arrived)', async () => {
      const { page } = editor;
      await page.getByRole('button', { name: '修改' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('标题').fill('江苏省政府网站管理办法（第二次征求意见稿）');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByRole('heading', { level: 1, name: '江苏省政府网站管理办法（第二次征求意见稿）' }).waitFor();
      await page.getByRole('region', { name: '第二条' }).getByText('主办单位负责内容保障。').waitFor();
    });

    test('the moderator approves it; it shows under the clause on the site, markup as text', async () => {
      const { page } = moderator;
      const row = await moderationRow(page, server.accounts.interaction_handler!, OPINION);
      await assertShownAsText(row, OPINION, NICKNAME_MARKUP);
      await row.getByRole('button', { name: '通过', exact: true }).click();
      await row.waitFor({ state: 'detached' });
      const site = visitor.page;
      await site.goto('/consultations.html');
      await site.getByRole('link', { name: /江苏省政府网站管理办法/ }).click();
      const opinions = site.locator('#clause-2 .comment-list');
      await opinions.waitFor();
      await assertShownAsText(opinions, OPINION, NICKNAME_MARKUP);
    });
  });
}
