/**
 * The editorial review path in a real browser, in Chinese, against a real server: an editor
 * drafts a notice in the console and submits it; 初审 and 复审 by two different reviewers, then
 * the secrecy review publishes it. On the way: the reviewer who did 初审 is refused 复审 with the
 * server's message on screen, a body with a secrecy marking cannot be approved, and the
 * unpublished edition is previewed. Axe scans the editor, the inbox and the preview.
 * Screenshots go to test-results/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, visibleState, type ConsolePage } from '../support/browser.js';
import { apiAs, signIn, type Account } from './admin-console-steps.js';
import { approveInDialog, createSecondReviewer, gotoMenu, pickOption, pickTreeNode, workflowResponse } from './review-path-steps.js';

const skip = browserSkipReason();

interface Problem { code: string; detail: string }

for (const engine of browserEngines(import.meta.url)) {
  describe(`editorial review path in the browser [${engine}]`, { skip: skip ?? false, timeout: 240_000 }, () => {
    let server: TestServer;
    let browser: Browser;
    const opened: ConsolePage[] = [];
    const open = async () => {
      const c = await openConsole(browser, server.baseUrl);
      opened.push(c);
      return c;
    };
    const account = (role: string): Account => {
      const found = server.accounts[role];
      if (!found) throw new Error(`no demo account for role ${role}`);
      return found;
    };
    let failures = 0;
    const it = (name: string, body: () => Promise<void>) =>
      test(name, async () => {
        // Each step builds on the one before: after a failure the rest would only time out.
        if (failures > 0) throw new Error('not run: an earlier step failed');
        try {
          await body();
        } catch (error) {
          failures++;
          for (const [i, c] of opened.entries()) {
            await screenshot(c.page, `review-${engine}-failed-${failures}-page${i}`).catch(() => undefined);
            console.log(`# page ${i} when "${name}" failed: ${await visibleState(c.page)}`);
          }
          throw error;
        }
      });

    const suffix = Date.now().toString(36);
    const title = `关于做好${suffix}年度安全生产检查工作的通知`;
    const body = '各设区市人民政府，省各委办厅局：现将年度安全生产检查工作有关事项通知如下。';
    const secretTitle = `关于调整内部工作安排的通知${suffix}`;
    let documentId = 0;
    let secretId = 0;
    let secondReviewer: Account;
    let reviewer: Page;

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
      // The demo province has one reviewer; 复审 needs a second person, set up over the API.
      const setup = await browser.newContext({ baseURL: server.baseUrl });
      secondReviewer = await createSecondReviewer(
        setup,
        { system: account('system_admin'), security: account('security_admin') },
        { username: `fs_${suffix}`, displayName: '钱复审', password: `Fu-${suffix}-Shen!7` },
      );
      await setup.close();
    });

    after(async () => {
      // Closed first: a failing assertion must not leave the server up and the test process hanging.
      await browser?.close();
      await server?.stop();
      for (const c of opened) {
        // A console that logged errors fails loudly here, with what it logged.
        assert.deepEqual(c.problems, [], `browser errors on ${c.page.url()}`);
      }
    });

    it('an editor drafts a notice in the console, saves it and submits it for review', async () => {
      const { page } = await open();
      await signIn(page, account('editor'));
      await gotoMenu(page, '稿件管理');
      await page.getByRole('button', { name: '新建稿件' }).click();
      const dialog = page.getByRole('dialog', { name: '新建稿件' });
      await pickOption(page, dialog.getByLabel('站点'), '江苏省人民政府');
      await pickTreeNode(page, dialog.getByLabel('栏目'), '通知公告');
      await pickOption(page, dialog.getByLabel('稿件类型'), '通知公告');
      await dialog.getByLabel('标题').fill(title);
      const [created] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/documents') && r.request().method() === 'POST'),
        dialog.getByRole('button', { name: '创建草稿' }).click(),
      ]);
      assert.equal(created.status(), 201, await created.text());
      documentId = ((await created.json()) as { document: { id: number } }).document.id;
      await page.waitForURL(new RegExp(`/admin/documents/${documentId}$`));

      await page.getByLabel('副标题').fill('（供各地参照执行）');
      const editor = page.getByRole('textbox', { name: '正文' });
      await editor.click();
      await page.keyboard.type(body);
      const [saved] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/v1/documents/${documentId}`) && r.request().method() === 'PATCH'),
        page.getByRole('button', { name: '保存', exact: true }).click(),
      ]);
      assert.equal(saved.status(), 200, await saved.text());
      const savedBody = ((await saved.json()) as { edition: { bodyHtml: string } }).edition.bodyHtml;
      assert.ok(savedBody.includes(body), `the typed body was saved: ${savedBody}`);
      await page.getByText('已保存（版本 1）').waitFor();
      await screenshot(page, `review-${engine}-01-editor`);
      const findings = await seriousA11yViolations(page);
      assert.deepEqual(findings, [], 'axe (wcag2a, wcag2aa): serious or critical violations on the document editor');

      // 机器检查 checks the text as it stands, unsaved changes included, and stores nothing.
      await page.locator('input#title').fill(`${title}（机密★10年）`);
      const [checked] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/checks/run') && r.request().method() === 'POST'),
        page.getByRole('button', { name: '机器检查' }).click(),
      ]);
      assert.equal(checked.status(), 200, await checked.text());
      const drawer = page.getByRole('dialog', { name: '机器检查' });
      await drawer.getByText(/有 \d+ 项须修改后才能发布/).waitFor();
      await drawer.getByText(/机密★10年/).first().waitFor();
      await drawer.getByRole('button', { name: /close|关闭/i }).click();
      await page.locator('input#title').fill(title);

      // The editor's 预览 opens the preview in a new tab (unsaved typing stays in the editor).
      const previewLink = page.getByRole('link', { name: '预览' });
      assert.equal(await previewLink.getAttribute('href'), `/admin/documents/${documentId}/preview`);
      assert.equal(await previewLink.getAttribute('target'), '_blank');
      await page.getByRole('link', { name: '提交与审核' }).click();
      await page.waitForURL(new RegExp(`/admin/review/${documentId}$`));
      const [submitted] = await Promise.all([workflowResponse(page, documentId, 'submit'), page.getByRole('button', { name: '提交审核' }).click()]);
      assert.equal(submitted.status(), 200, await submitted.text());
      await page.getByText('审核中', { exact: true }).first().waitFor();
      // The author holds no review role: the console offers no approval to them at all.
      await page.getByRole('button', { name: '提交审核' }).waitFor({ state: 'detached' });
      assert.equal(await page.getByRole('button', { name: /通过$/ }).count(), 0, 'the author is offered no approval');

      // A second draft whose body carries a secrecy marking, submitted over the API (set-up only).
      const api = apiAs(page);
      const detail = await api.get<{ document: { columnId: number } }>(`/api/v1/documents/${documentId}`);
      const secret = await api.post<{ document: { id: number } }>('/api/v1/documents', {
        columnId: detail.document.columnId, kind: 'notice', title: secretTitle,
        bodyHtml: '<p>机密★1年</p><p>各有关单位：现将内部工作安排调整事项通知如下。</p>',
      });
      secretId = secret.document.id;
      await api.post(`/api/v1/documents/${secretId}/submit`, {});
    });

    it('the reviewer finds both in the inbox and does 初审 (the inbox passes axe)', async () => {
      const c = await open();
      reviewer = c.page;
      await signIn(reviewer, account('reviewer'));
      await gotoMenu(reviewer, '我的待办');
      const row = reviewer.getByRole('row').filter({ hasText: title });
      await row.getByRole('link', { name: title }).waitFor();
      await row.getByText('未发现阻断问题').waitFor();
      await reviewer.getByRole('row').filter({ hasText: secretTitle }).getByText('1 个阻断问题').waitFor();
      await screenshot(reviewer, `review-${engine}-02-inbox`);
      const findings = await seriousA11yViolations(reviewer);
      assert.deepEqual(findings, [], 'axe (wcag2a, wcag2aa): serious or critical violations on the review inbox');

      await row.getByRole('link', { name: title }).click();
      await reviewer.waitForURL(new RegExp(`/admin/review/${documentId}$`));
      const { response, dialog } = await approveInDialog(reviewer, documentId, '初审通过');
      assert.equal(response.status(), 200, await response.text());
      await dialog.waitFor({ state: 'hidden' });
      await reviewer.getByText(/^杨审核 · \d{4}-\d{2}-\d{2}/).waitFor();
    });

    it('the reviewer who did 初审 is refused 复审 and the dialog shows the server message', async () => {
      await reviewer.getByText('您是该稿件的作者或已审核过前一步骤，不能审核该稿件').waitFor();
      const { response, dialog } = await approveInDialog(reviewer, documentId, '复审通过');
      assert.equal(response.status(), 403);
      const problem = (await response.json()) as Problem;
      assert.equal(problem.code, 'content.workflow.self_approval');
      assert.equal(problem.detail, '不能审核自己撰写或已审核过的稿件');
      const alert = dialog.getByRole('alert').filter({ hasText: problem.detail });
      await alert.waitFor();
      await screenshot(reviewer, `review-${engine}-03-self-approval-refused`);
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
    });

    it('the preview of the edition in review shows it as the site will, labelled as unpublished', async () => {
      const api = apiAs(reviewer);
      const detail = await api.get<{ document: { indexNumber: string | null }; edition: { id: number; issuingOrgName: string } }>(`/api/v1/documents/${documentId}`);
      const [preview] = await Promise.all([
        reviewer.context().waitForEvent('page'),
        reviewer.getByRole('link', { name: '预览' }).click(),
      ]);
      const problems: string[] = [];
      preview.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      preview.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
      await preview.waitForURL(new RegExp(`/admin/documents/${documentId}/preview\\?edition=${detail.edition.id}$`));
      await preview.getByRole('heading', { level: 1, name: title }).waitFor();
      await preview.getByText('预览（未发布）').waitFor();
      await preview.getByText(body).waitFor();
      await preview.getByText('（供各地参照执行）').waitFor();
      const cell = (label: string) => preview.locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::td[1]');
      assert.equal((await cell('发文机关').innerText()).trim(), detail.edition.issuingOrgName);
      assert.equal((await cell('索引号').innerText()).trim(), detail.document.indexNumber ?? '—');
      assert.equal((await cell('发布时间').innerText()).trim(), '尚未发布');
      assert.equal((await cell('有效性').innerText()).trim(), '有效');
      await screenshot(preview, `review-${engine}-04-preview`);
      const findings = await seriousA11yViolations(preview);
      assert.deepEqual(findings, [], 'axe (wcag2a, wcag2aa): serious or critical violations on the preview');

      // A preview pinned to an edition that is no longer current says so rather than show another text.
      await preview.goto(`/admin/documents/${documentId}/preview?edition=${detail.edition.id + 100_000}`);
      await preview.getByText('所请求的版本已不是该稿件的当前版本').waitFor();
      assert.equal(await preview.getByText(body).count(), 0);
      await preview.close();
      assert.deepEqual(problems, [], 'browser errors on the preview');
    });

    it('a body with a secrecy marking gets a blocking check and its approval is refused with the findings shown', async () => {
      await gotoMenu(reviewer, '我的待办');
      await reviewer.getByRole('link', { name: secretTitle }).click();
      await reviewer.waitForURL(new RegExp(`/admin/review/${secretId}$`));
      await reviewer.getByText('机器检查发现 1 个阻断问题，修改前不能通过审核').waitFor();
      await reviewer.getByText('发现密级或内部标识“机密★1年”：涉密或内部信息不得公开发布').waitFor();
      const { response, dialog } = await approveInDialog(reviewer, secretId, '初审通过');
      assert.equal(response.status(), 409);
      const problem = (await response.json()) as Problem;
      assert.equal(problem.code, 'content.workflow.blocked_by_checks');
      assert.match(problem.detail, /^发布前机器检查发现 1 个阻断问题，须修改后才能通过：.*机密★1年/);
      await dialog.getByText('机器检查发现阻断问题，审核将被拒绝，请先退回修改').waitFor();
      await dialog.getByRole('alert').filter({ hasText: problem.detail }).waitFor();
      await screenshot(reviewer, `review-${engine}-05-blocked-by-checks`);
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
    });

    it('a second reviewer does 复审', async () => {
      const { page } = await open();
      await signIn(page, secondReviewer);
      await gotoMenu(page, '我的待办');
      await page.getByRole('link', { name: title }).click();
      await page.waitForURL(new RegExp(`/admin/review/${documentId}$`));
      const { response, dialog } = await approveInDialog(page, documentId, '复审通过');
      assert.equal(response.status(), 200, await response.text());
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText(/^钱复审 · \d{4}-\d{2}-\d{2}/).waitFor();
      assert.equal(await page.getByRole('button', { name: /通过$/ }).count(), 0, 'nothing is left for this reviewer to approve');
    });

    it('the secrecy reviewer approves and the console shows the document as published', async () => {
      const { page } = await open();
      await signIn(page, account('secrecy_reviewer'));
      await gotoMenu(page, '我的待办');
      await page.getByRole('row').filter({ hasText: title }).getByText('保密审查').waitFor();
      await page.getByRole('link', { name: title }).click();
      await page.waitForURL(new RegExp(`/admin/review/${documentId}$`));
      const { response, dialog } = await approveInDialog(page, documentId, '保密审查通过');
      assert.equal(response.status(), 200, await response.text());
      const result = (await response.json()) as { document: { status: string }; published: number[] };
      assert.equal(result.document.status, 'published');
      assert.deepEqual(result.published, [documentId]);
      await dialog.waitFor({ state: 'hidden' });
      // Approval after the last step publishes at once (no publish time was set): the page says 已发布.
      await page.getByText('已发布', { exact: true }).first().waitFor();
      await page.getByText(/^黄保密 · \d{4}-\d{2}-\d{2}/).waitFor();
      await screenshot(page, `review-${engine}-06-published`);
    });
  });
}
