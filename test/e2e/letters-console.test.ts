/**
 * The letters workflow end to end in Chromium: a citizen writes on the portal's form (a mobile
 * number inside the text, markup in subject and body), the central handler accepts and routes it
 * on the acceptance desk, the unit's handler drafts the reply from a template, the central
 * handler approves it, the published letter shows the number masked, and the citizen rates the
 * reply on the look-up page. Then, with the server's clock moved past a deadline, an overdue
 * letter shows red on the supervisor's dashboard. Typed markup never runs in the console.
 */
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import { IMG_MARKUP, SCRIPT_MARKUP, assertNoScriptRan } from '../support/markup.js';
import { ShiftedClock } from '../support/shifted-clock.js';
import { PROVINCE_PORTAL_CODE } from '../support/public-site-fixtures.js';
import { seedLetter } from '../support/letter-workflow-fixtures.js';
import { LETTER_FILES } from '../support/letter-fixtures.js';
import { publishingDeps, rebuildAll } from '../../src/modules/publishing/index.js';
import { publishingIdle, siteBase } from './public-site-steps.js';
import { pickOrg, signIn, type Account, expandMenuGroup } from './admin-console-steps.js';
import { apiSignIn, createGrantedUser, jsonClient } from './review-path-steps.js';
import { actOnRow, insertTemplate, letterRow, signInAt } from './letters-console-steps.js';

const skip = browserSkipReason();
const SUBJECT = `路灯损坏${IMG_MARKUP}`;
const BODY_PHONE = '13912348765';
const BODY = `${SCRIPT_MARKUP}小区路灯坏了一周，请联系我${BODY_PHONE}，谢谢。`;
const DAY_MS = 86_400_000;

for (const engine of browserEngines(import.meta.url)) {
  describe(`letters console in the browser [${engine}]`, { skip: skip ?? false, timeout: 420_000 }, () => {
    const clock = new ShiftedClock();
    let server: TestServer;
    let browser: Browser;
    let citizen: ConsolePage;
    let central: ConsolePage;
    let unit: ConsolePage;
    let unitAccount: Account;
    let code = '';
    let password = '';

    before(async () => {
      server = await startTestServer({ engine, clock });
      browser = await launchBrowser();
      await publishingIdle(server.platform);
      await rebuildAll(publishingDeps(server.platform), { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
      citizen = await openConsole(browser, siteBase(server, PROVINCE_PORTAL_CODE));
      central = await openConsole(browser, server.baseUrl);
      unit = await openConsole(browser, server.baseUrl);
      unitAccount = await createGrantedUser(unit.context, { system: server.accounts.system_admin!, security: server.accounts.security_admin! },
        { username: 'jyt_handler', displayName: '教育厅办理员', password: 'Jiaoyu#Handler2026' }, { role: 'interaction_handler', orgCode: '320000-jyt' });
      // The portal's reply template, kept by the central handler.
      const request = central.context.request;
      const api = jsonClient(request, await apiSignIn(request, server.accounts.interaction_handler!));
      await api.post('/api/v1/sites/1/reply-templates', { name: '通用答复', body: '{{来信人}}：您好！您{{来信日期}}的来信已于{{受理日期}}受理。' });
      await central.context.clearCookies();
    });

    after(async () => {
      // Closed first: a failing assertion must not leave the server up and the test process hanging.
      await browser?.close();
      await server?.stop();
      // Dialogs count as problems (openConsole): none means no script typed into a letter ran.
      for (const p of [citizen, central, unit]) assert.deepEqual(p?.problems ?? [], [], 'browser errors');
    });

    test('the citizen writes a public letter with a mobile number in the text', async () => {
      const { page } = citizen;
      await page.goto('/letters.html');
      await page.getByText('人机验证已完成，可以提交。').waitFor({ timeout: 60_000 });
      await page.getByLabel('收信信箱').selectOption({ index: 0 });
      await page.getByRole('radio', { name: '咨询' }).check();
      await page.getByLabel('标题').fill(SUBJECT);
      await page.getByLabel('内容').fill(BODY);
      await page.getByRole('radio', { name: /^同意公开/ }).check();
      await page.getByLabel('姓名').fill('张三');
      await page.getByLabel('联系电话').fill('13812345678');
      await page.getByLabel('附件（可选）').setInputFiles({ name: '路灯照片.pdf', mimeType: 'application/pdf', buffer: LETTER_FILES.pdf });
      await page.getByRole('button', { name: '提交信件' }).click();
      await page.getByRole('heading', { level: 1, name: '信件提交成功' }).waitFor();
      [code = '', password = ''] = await page.locator('.letter-receipt dd strong').allTextContents();
      assert.match(code, /^\d{14}$/);
    });

    test('the central handler accepts it and routes it to a unit on the acceptance desk', async () => {
      const { page } = central;
      await signIn(page, server.accounts.interaction_handler!);
      await page.goto('/admin/letters/desk');
      await page.getByRole('heading', { level: 1, name: '受理台' }).waitFor();
      const row = letterRow(page, '路灯损坏');
      await row.waitFor();
      assert.match(await row.innerText(), /张\*/, 'the writer masked');
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the acceptance desk');
      assert.ok(!(await row.innerText()).includes('13812345678'));
      assert.equal((await actOnRow(page, row, '受理')).status(), 200);
      await row.getByRole('button', { name: '转办', exact: true }).waitFor();
      const assigned = await actOnRow(page, row, '转办', (dialog) => pickOrg(page, dialog.getByLabel('承办单位'), '江苏省教育厅'));
      assert.equal(assigned.status(), 200, await assigned.text());
      await row.waitFor({ state: 'detached' });
      // Markup typed by the citizen is text in the console.
      await page.goto('/admin/letters/desk');
      const detailLink = await server.platform.db.selectFrom('letters').select('id').where('query_code', '=', code).executeTakeFirstOrThrow();
      await page.goto(`/admin/letters/${detailLink.id}`);
      await page.getByTestId('letter-body').waitFor();
      assert.equal(await page.getByTestId('letter-body').innerText(), BODY);
      await assertNoScriptRan(page);
      // The citizen's file downloads as sent.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '路灯照片.pdf' }).click()]);
      assert.equal(download.suggestedFilename(), '路灯照片.pdf');
      assert.ok(fs.readFileSync(await download.path()).equals(LETTER_FILES.pdf), 'the bytes as sent');
      await screenshot(page, `letters-console-${engine}-detail`);
    });

    test('the unit drafts the reply from a template; the central handler approves it', async () => {
      const { page } = unit;
      await signIn(page, unitAccount);
      await page.goto('/admin/letters/unit');
      await page.getByRole('heading', { level: 1, name: '承办件' }).waitFor();
      const row = letterRow(page, '路灯损坏');
      await row.waitFor();
      assert.equal(await row.locator('[data-due]').getAttribute('data-due'), 'normal');
      const drafted = await actOnRow(page, row, '起草答复', async (dialog) => {
        await insertTemplate(page, dialog, '通用答复');
        const text = dialog.getByLabel('答复内容');
        await text.press('End');
        await text.pressSequentially('已安排维修。');
        assert.match(await text.inputValue(), /^张\*：您好！您\d{4}年\d{1,2}月\d{1,2}日的来信已于\d{4}年\d{1,2}月\d{1,2}日受理。已安排维修。$/);
      });
      assert.equal(drafted.status(), 200, await drafted.text());
      await screenshot(page, `letters-console-${engine}-unit`);

      const desk = central.page;
      await desk.goto('/admin/letters/desk');
      const review = letterRow(desk, '路灯损坏');
      await review.getByRole('button', { name: '审核通过', exact: true }).waitFor();
      const approved = await actOnRow(desk, review, '审核通过');
      assert.equal(approved.status(), 200, await approved.text());
    });

    test('the published letter shows the number masked; the citizen rates the reply on the look-up page', async () => {
      const { page } = citizen;
      // Through the browser: the site's host name resolves there (*.localhost), not in Node.
      const published = await page.goto(`/api/v1/public/sites/${PROVINCE_PORTAL_CODE}/published-letters`);
      assert.equal(published?.status(), 200);
      const text = await published!.text();
      assert.ok(text.includes('139****8765'), 'masked number published');
      assert.ok(!text.includes(BODY_PHONE) && !text.includes('13812345678'), 'no number in full');

      await page.goto('/letters/query.html');
      await page.getByLabel('查询编号').fill(code);
      await page.getByLabel('查询密码', { exact: true }).fill(password);
      await page.getByRole('button', { name: '查询', exact: true }).click();
      const rate = page.getByRole('group', { name: '评价答复' });
      await rate.waitFor();
      assert.match(await page.locator('.letter-result').innerText(), /已安排维修/);
      assert.ok(!page.url().includes(password), 'no password in the address');
      await rate.getByRole('radio', { name: '满意', exact: true }).check();
      await rate.getByLabel('查询密码（再次输入以确认）').fill(password);
      await rate.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('感谢您的评价。').waitFor();
      assert.match(await page.locator('.letter-result').innerText(), /您的评价：满意/);
      assert.ok(!page.url().includes(password));
      await screenshot(page, `letters-console-${engine}-rated`);
    });

    test('the site admin creates a department mailbox with its deadlines and disables it', async () => {
      const admin = await openConsole(browser, server.baseUrl);
      const { page } = admin;
      await signIn(page, server.accounts.site_admin!);
      await expandMenuGroup(page, '互动交流');
      await page.getByRole('menuitem', { name: '信箱设置' }).click();
      await page.getByRole('heading', { level: 1, name: '信箱设置' }).waitFor();
      await page.getByRole('button', { name: '新建信箱' }).click();
      const dialog = page.getByRole('dialog', { name: '新建信箱' });
      await dialog.getByLabel('名称').fill('省教育厅信箱');
      await dialog.getByLabel('答复时限（工作日）').fill('7');
      await dialog.getByLabel('受理时限（工作日）').fill('2');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page.locator('tr').filter({ hasText: '省教育厅信箱' });
      await row.waitFor();
      assert.match(await row.innerText(), /部门信箱\s+2\s+7\s+1/);
      await row.getByRole('button', { name: '编辑' }).click();
      const edit = page.getByRole('dialog', { name: '编辑信箱' });
      await edit.getByRole('switch', { name: '启用' }).click();
      await edit.getByRole('button', { name: '保存' }).click();
      await edit.waitFor({ state: 'hidden' });
      const stored = await server.platform.db.selectFrom('mailboxes').selectAll().where('name', '=', '省教育厅信箱').executeTakeFirstOrThrow();
      assert.deepEqual([stored.kind, Number(stored.deadline_days), Number(stored.accept_days), Number(stored.is_enabled)], ['department', 7, 2, 0]);
      assert.deepEqual(admin.problems, []);
      await admin.context.close();
    });

    test('with the clock past its deadline, an unaccepted letter is red on the supervisor dashboard', async () => {
      await seedLetter(server, { subject: '超期未受理的来信' });
      clock.shift(10 * DAY_MS);
      const supervisor = await openConsole(browser, server.baseUrl);
      await signInAt(supervisor.context.request, server.accounts.platform_supervisor!, clock);
      const { page } = supervisor;
      await page.goto('/admin/letters/supervision');
      await page.getByRole('heading', { level: 1, name: '督办' }).waitFor();
      const row = page.getByTestId('supervision-overdue').locator('tr.letter-row').filter({ hasText: '超期未受理的来信' });
      await row.waitFor();
      const tag = row.locator('[data-due]');
      assert.equal(await tag.getAttribute('data-due'), 'overdue');
      assert.equal(await tag.innerText(), '超期');
      // The page function runs in the browser; this file is checked without the DOM library.
      const colour = await tag.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color);
      assert.equal(colour, 'rgb(168, 7, 26)', 'red');
      await page.getByTestId('due-chart').locator('svg').waitFor();
      assert.deepEqual(await seriousA11yViolations(page), [], 'axe on the supervision dashboard');
      await screenshot(page, `letters-console-${engine}-supervision`);
      assert.deepEqual(supervisor.problems, []);
      await supervisor.context.close();
    });
  });
}
