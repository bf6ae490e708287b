/**
 * The interview console in a real browser: the moderator (互动办理员) finds the interview under
 * 互动交流 → 在线访谈, approves a question from the queue, starts the interview, answers the
 * question as typist, and sees it in the transcript. Markup in the question and the nickname
 * shows as typed in the queue and the transcript, and never runs. Axe scans the console. Needs the admin
 * built in this worktree (`npx vite build admin`).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { seedInterview, seedQuestion } from '../support/interview-fixtures.js';
import { openMenu, signIn } from './admin-console-steps.js';
import { IMG_MARKUP, NICKNAME_MARKUP, SCRIPT_MARKUP, assertShownAsText } from '../support/markup.js';

const skip = browserSkipReason();
const QUESTION = `控制台里的问题${IMG_MARKUP}${SCRIPT_MARKUP}`;

for (const engine of browserEngines(import.meta.url)) {
  describe(`interview console in the browser [${engine}]`, { skip: skip ?? false, timeout: 180_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    let c: ConsolePage;

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
      c = await openConsole(browser, server.baseUrl);
    });
    after(async () => {
      // Closed first: a failing assertion must not leave the server up and the test process hanging.
      await browser?.close();
      await server?.stop();
      assert.deepEqual(c?.problems ?? [], [], 'browser errors');
    });

    test('approve, start, answer: the answer is in the transcript and the question is answered', async () => {
      const { page } = c;
      const iv = await seedInterview(server.platform, 'scheduled', '控制台访谈');
      const qid = await seedQuestion(server.platform, iv.id, QUESTION, false, NICKNAME_MARKUP);
      await signIn(page, server.accounts.interaction_handler!);
      await openMenu(page, '在线访谈');
      // The console's stream of question notices; its answer means the server listens for this interview.
      const listening = page.waitForResponse((r) => r.url().endsWith(`/api/v1/interviews/${iv.id}/question-events`));
      await page.getByRole('link', { name: '控制台访谈' }).click();
      await page.getByRole('heading', { level: 1, name: /控制台访谈/ }).waitFor();
      const queue = page.locator('.ant-card').filter({ hasText: '待审核' });
      await queue.getByText('控制台里的问题', { exact: false }).waitFor();
      await assertShownAsText(queue, QUESTION, NICKNAME_MARKUP);
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the console');
      await queue.getByRole('button', { name: '通过' }).click();
      await page.getByRole('button', { name: '开始访谈' }).click();
      await page.getByRole('button', { name: '结束访谈' }).waitFor();
      const approved = page.locator('.ant-card').filter({ hasText: '已通过待答复' });
      await approved.getByRole('button', { name: '答复此问' }).click();
      await page.getByLabel('内容', { exact: true }).fill('控制台发布的答复');
      await page.getByRole('button', { name: '发布', exact: true }).click();
      const transcript = page.locator('.ant-card').filter({ hasText: '文字实录' });
      await transcript.getByText(/控制台发布的答复/).waitFor();
      await assertShownAsText(transcript, QUESTION);
      // A question asked while the console is open shows within seconds: the notice, not the 30 s poll.
      assert.equal((await listening).status(), 200);
      await seedQuestion(server.platform, iv.id, '访谈中刚提交的问题');
      await queue.getByText('访谈中刚提交的问题').waitFor({ timeout: 5_000 });
      await screenshot(page, `interviews-${engine}-console`);
      const q = await server.platform.db.selectFrom('interview_questions').select('status').where('id', '=', qid).executeTakeFirstOrThrow();
      assert.equal(q.status, 'answered');
    });
  });
}
