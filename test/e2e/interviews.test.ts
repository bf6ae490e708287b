/**
 * An interview's page in a real browser: the visitor asks a question (the theme's script solves
 * the captcha), the moderator approves it and starts the interview, the typist answers, and the
 * open page shows the answer without a reload (server-sent events, /assets/interview.js), as
 * text even when it looks like markup; markup in the question and the nickname shows as typed
 * in the waiting list and the transcript, live and reloaded, and never runs. Axe scans the page.
 * Screenshots go to test-results/interviews-<engine>-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { PROVINCE_PORTAL_CODE } from '../support/public-site-fixtures.js';
import { publishingDeps, rebuildAll } from '../../src/modules/publishing/index.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { changeInterviewStatus, decideQuestion, interviewDeps, postEntry } from '../../src/modules/interaction/index.js';
import { publishingIdle, siteBase } from './public-site-steps.js';
import { seedInterview } from '../support/interview-fixtures.js';
import { IMG_MARKUP, NICKNAME_MARKUP, SCRIPT_MARKUP, assertShownAsText } from '../support/markup.js';

const skip = browserSkipReason();
const QUESTION = `<b>办事</b>能否全程网办？${IMG_MARKUP}${SCRIPT_MARKUP}`;

for (const engine of browserEngines(import.meta.url)) {
  describe(`interviews in the browser [${engine}]`, { skip: skip ?? false, timeout: 180_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    let visitor: ConsolePage;

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
      // The scripts are theme assets: render the portal so its page store has them.
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

    test('ask before, then watch the answer arrive live on the open page', async () => {
      const { page } = visitor;
      const p = server.platform;
      const deps = interviewDeps(p);
      const actor = systemActor('e2e');
      const iv = await seedInterview(p, 'scheduled', '浏览器访谈');
      assert.equal((await page.goto(`/interview.html?id=${iv.id}`))?.status(), 200);
      await page.getByRole('heading', { level: 1, name: '浏览器访谈' }).waitFor();
      await page.getByText('人机验证已完成，可以提交。').waitFor({ timeout: 30_000 });
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the interview page');
      await page.getByLabel('昵称（选填）').fill(NICKNAME_MARKUP);
      await page.getByLabel('问题内容').fill(QUESTION);
      await page.getByRole('button', { name: '提交问题' }).click();
      await page.getByText('提问已提交，经审核后将在本页公开。').waitFor();

      const q = await p.db.selectFrom('interview_questions').select('id').where('interview_id', '=', iv.id).executeTakeFirstOrThrow();
      await decideQuestion({ db: p.db, actor, questionId: Number(q.id), decision: 'approve', deps });
      await changeInterviewStatus({ db: p.db, actor, interviewId: iv.id, action: 'start', deps });
      // The page as a visitor opens it during the session: the transcript so far, then live.
      await page.goto(`/interview.html?id=${iv.id}`);
      await page.locator('#entry-1').waitFor();
      assert.equal(await page.locator(`#question-${q.id}`).count(), 1, 'approved: listed as waiting for an answer');
      await assertShownAsText(page.locator(`#question-${q.id}`), QUESTION, NICKNAME_MARKUP);
      await page.waitForTimeout(300); // let EventSource connect before the answer is posted
      await postEntry({ db: p.db, actor, interviewId: iv.id, deps, input: { kind: 'answer', questionId: Number(q.id), speaker: '王局长', body: '可以，<i>全程网办</i>。' } });
      const answer = page.locator('#entry-2');
      await answer.waitFor({ timeout: 15_000 });
      await assertShownAsText(answer, `网友“${NICKNAME_MARKUP}”问：${QUESTION}`);
      assert.match(await answer.innerText(), /王局长：可以，<i>全程网办<\/i>。/);
      assert.equal(await answer.locator('b, i').count(), 0, 'the text stays text');
      assert.match(await answer.locator('time').innerText(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      assert.equal(await page.locator(`#question-${q.id}`).count(), 0, 'answered: gone from the waiting list');
      await screenshot(page, `interviews-${engine}-live`);
      // The same entry as the page renders it on the server, for a visitor who comes later.
      await page.reload();
      await assertShownAsText(page.locator('#entry-2'), `网友“${NICKNAME_MARKUP}”问：${QUESTION}`);
    });
  });
}
