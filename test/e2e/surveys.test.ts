/**
 * 在线调查 in a real browser: the editor builds a short survey in the console and opens it; a
 * visitor answers it on the site (the theme's script solves the captcha, the rest is a plain
 * form); a second try from the same browser is refused; the editor sees the chart and the
 * figures. Markup in a text answer shows as typed, in the refused form and among the editor's
 * text answers, and never runs. Screenshots go to test-results/surveys-<engine>-*.png.
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
import { pickSelectOption, signIn } from './admin-console-steps.js';
import { IMG_MARKUP, SCRIPT_MARKUP, assertNoScriptRan, assertShownAsText } from '../support/markup.js';

const skip = browserSkipReason();
const ANSWER = `希望增加自助设备。${IMG_MARKUP}${SCRIPT_MARKUP}`;
// Echoed into a textarea when refused: a closing tag would end it early were it not escaped.
const SECOND_ANSWER = `</textarea>${IMG_MARKUP}`;

for (const engine of browserEngines(import.meta.url)) {
  describe(`surveys in the browser [${engine}]`, { skip: skip ?? false, timeout: 240_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    let editor: ConsolePage;
    let visitor: ConsolePage;
    let surveyId = 0;

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
      // The captcha script is a theme asset: render the portal so its page store has it.
      await publishingIdle(server.platform);
      await rebuildAll(publishingDeps(server.platform), { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
      editor = await openConsole(browser, server.baseUrl);
      visitor = await openConsole(browser, siteBase(server, PROVINCE_PORTAL_CODE));
    });

    after(async () => {
      // Closed first: a failing assertion must not leave the server up and the test process hanging.
      await browser?.close();
      await server?.stop();
      for (const c of [editor, visitor]) assert.deepEqual(c?.problems ?? [], [], 'browser errors');
    });

    test('the editor builds a survey with a single-choice, a rating and a text question and opens it', async () => {
      const { page } = editor;
      await signIn(page, server.accounts.editor!);
      await page.getByRole('menuitem', { name: '在线调查' }).click();
      await page.getByRole('heading', { level: 1, name: '在线调查' }).waitFor();
      await pickSelectOption(page, page.getByRole('combobox', { name: '网站' }), `江苏省人民政府（${PROVINCE_PORTAL_CODE}）`);
      await page.getByRole('button', { name: '新建调查' }).click();
      await page.getByRole('heading', { level: 1, name: '新建调查' }).waitFor();
      await page.getByLabel('调查标题').fill('政务大厅服务调查');
      await page.getByRole('button', { name: '添加单选题' }).click();
      await page.getByRole('textbox', { name: '第 1 题题目', exact: true }).fill('您办事是否顺利');
      await page.getByRole('checkbox', { name: '必答' }).check();
      await page.getByLabel('第 1 题题目 选项（每行一个）').fill('顺利\n不顺利');
      await page.getByRole('button', { name: '添加评分题' }).click();
      await page.getByRole('textbox', { name: '第 2 题题目', exact: true }).fill('服务评分');
      await page.getByRole('button', { name: '添加文本题' }).click();
      await page.getByRole('textbox', { name: '第 3 题题目', exact: true }).fill('其他建议');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByRole('heading', { level: 1, name: '编辑调查' }).waitFor();
      surveyId = Number(/\/surveys\/(\d+)\/edit/.exec(page.url())?.[1]);
      assert.ok(surveyId > 0, page.url());
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the builder');
      await screenshot(page, `surveys-${engine}-builder`);
      await page.getByRole('button', { name: '返回列表' }).click();
      const row = page.getByRole('row').filter({ hasText: '政务大厅服务调查' });
      await row.getByRole('button', { name: '发布' }).click();
      await row.getByText('进行中').waitFor();
    });

    test('a visitor answers on the site; the same browser cannot answer twice', async () => {
      const { page } = visitor;
      assert.equal((await page.goto(`/survey.html?id=${surveyId}`))?.status(), 200);
      await page.getByRole('heading', { level: 1, name: '政务大厅服务调查' }).waitFor();
      await page.getByText('人机验证已完成，可以提交。').waitFor({ timeout: 30_000 });
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the survey form');
      await page.getByRole('radio', { name: '顺利', exact: true }).check();
      await page.getByRole('group', { name: /服务评分/ }).getByRole('radio', { name: '4', exact: true }).check();
      await page.getByRole('group', { name: /其他建议/ }).getByRole('textbox').fill(ANSWER);
      await page.getByRole('button', { name: '提交答卷' }).click();
      await page.getByRole('heading', { level: 1, name: '提交成功' }).waitFor();
      await screenshot(page, `surveys-${engine}-thanks`);
      await page.goto(`/survey.html?id=${surveyId}`);
      await page.getByText('人机验证已完成，可以提交。').waitFor({ timeout: 30_000 });
      await page.getByRole('radio', { name: '不顺利' }).check();
      await page.getByRole('group', { name: /其他建议/ }).getByRole('textbox').fill(SECOND_ANSWER);
      await page.getByRole('button', { name: '提交答卷' }).click();
      await page.getByText('您已经提交过这份调查问卷，每台设备只能提交一次，感谢参与').waitFor();
      const echoed = page.getByRole('group', { name: /其他建议/ });
      assert.equal(await echoed.getByRole('textbox').inputValue(), SECOND_ANSWER, 'the refused form keeps the answer as typed');
      assert.equal(await echoed.locator('img[src="x"]').count(), 0);
      await assertNoScriptRan(page);
    });

    test('the editor sees the chart and the figures', async () => {
      const { page } = editor;
      await page.goto(`/admin/surveys/${surveyId}/results`);
      await page.getByRole('heading', { level: 1, name: '调查结果：政务大厅服务调查' }).waitFor();
      await page.getByText('共收到答卷 1 份').waitFor();
      await page.locator(`[data-testid^="survey-chart-"] svg`).first().waitFor();
      const first = page.locator('.ant-card').filter({ hasText: '您办事是否顺利' });
      await first.getByRole('row').filter({ hasText: '顺利' }).first().getByRole('cell', { name: '1', exact: true }).waitFor();
      await page.getByText('平均 4 分').waitFor();
      const texts = page.locator('.ant-card').filter({ hasText: '其他建议' });
      await texts.getByText('希望增加自助设备。', { exact: false }).waitFor();
      await assertShownAsText(texts, ANSWER);
      await screenshot(page, `surveys-${engine}-results`);
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the results');
    });
  });
}
