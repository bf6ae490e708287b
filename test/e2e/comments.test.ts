/**
 * A reader comments under an article in a real browser (the theme's script solves the captcha),
 * the moderator approves it in the console's 互动交流 › 评论与意见审核, and the comment appears on
 * the site's comments page. Markup in the text and the nickname shows as typed in the queue and
 * on the page, and never runs. Axe scans the comments page. Screenshots go to
 * test-results/comments-<engine>-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { PROVINCE_PORTAL_CODE } from '../support/public-site-fixtures.js';
import { publishedDocument, workflowColumn } from '../support/workflow-fixtures.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { columnsDeps, updateColumn } from '../../src/modules/columns/index.js';
import { publishingDeps, rebuildAll } from '../../src/modules/publishing/index.js';
import { articleAddress, publishingIdle, siteBase } from './public-site-steps.js';
import { moderationRow } from './admin-console-steps.js';
import { IMG_MARKUP, SCRIPT_MARKUP, NICKNAME_MARKUP, assertShownAsText } from '../support/markup.js';

const skip = browserSkipReason();
const TEXT = `希望<b>尽快</b>落实这项政策。${IMG_MARKUP}${SCRIPT_MARKUP}`;

for (const engine of browserEngines(import.meta.url)) {
  describe(`comments in the browser [${engine}]`, { skip: skip ?? false, timeout: 240_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    let visitor: ConsolePage;
    let moderator: ConsolePage;
    let documentId = 0;

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
      const column = await workflowColumn(server.platform, { workflow: [{ name: '审核', role: 'reviewer' }] });
      await updateColumn({ db: server.platform.db, actor: systemActor('e2e'), columnId: column.id, input: { commentsEnabled: true }, deps: columnsDeps(server.platform) });
      documentId = (await publishedDocument(server.platform, { columnId: column.id, title: '关于征集评论的通知' })).documentId;
      await publishingIdle(server.platform);
      // The captcha script is a theme asset: render the portal so its page store has it.
      await rebuildAll(publishingDeps(server.platform), { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
      visitor = await openConsole(browser, siteBase(server, PROVINCE_PORTAL_CODE));
      moderator = await openConsole(browser, server.baseUrl);
    });

    after(async () => {
      // Closed first: a failing assertion must not leave the server up and the test process hanging.
      await browser?.close();
      await server?.stop();
      assert.deepEqual(visitor?.problems ?? [], [], 'browser errors (site)');
      assert.deepEqual(moderator?.problems ?? [], [], 'browser errors (console)');
    });

    test('a reader comments under the article; it waits for moderation', async () => {
      const { page } = visitor;
      const res = await page.goto(await articleAddress(server.platform, documentId));
      assert.equal(res?.status(), 200);
      await page.getByRole('heading', { level: 2, name: '评论' }).waitFor();
      await page.getByText('人机验证已完成，可以提交。').waitFor({ timeout: 30_000 });
      await page.getByLabel('评论内容').fill(TEXT);
      await page.getByLabel('昵称（可选）').fill(NICKNAME_MARKUP);
      await page.getByRole('button', { name: '发表评论' }).click();
      await page.getByText('提交成功，经审核后公开显示。').waitFor();
      assert.ok(!(await page.content()).includes('尽快</b>落实'), 'not shown before approval');
      await screenshot(page, `comments-${engine}-submitted`);
    });

    test('the moderator approves it in the console', async () => {
      const { page } = moderator;
      const row = await moderationRow(page, server.accounts.interaction_handler!, TEXT);
      await assertShownAsText(row, TEXT, NICKNAME_MARKUP);
      await screenshot(page, `comments-${engine}-queue`);
      await row.getByRole('button', { name: '通过', exact: true }).click();
      await page.getByText('已处理').first().waitFor();
      await row.waitFor({ state: 'detached' });
    });

    test('the approved comment appears on the site, markup as text', async () => {
      const { page } = visitor;
      await page.goto(`/comments.html?doc=${documentId}`);
      await page.getByRole('heading', { level: 1, name: '网友评论' }).waitFor();
      await assertShownAsText(page.locator('.comment-list'), TEXT, NICKNAME_MARKUP);
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the comments page');
      await screenshot(page, `comments-${engine}-public`);
    });
  });
}
