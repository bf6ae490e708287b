/**
 * The admin console in a real browser, in Chinese, against a real server (built SPA at /admin/).
 * One story, in order: the three administrators each sign in with their second factor and do
 * their own job — accounts (system admin), roles (security admin), the log (audit admin).
 * Screenshots go to test-results/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserEngines } from '../support/engines.js';
import { browserSkipReason, launchBrowser, openConsole, screenshot, seriousA11yViolations, type ConsolePage } from '../support/browser.js';
import {
  apiAs, createUserViaApi, freshTotp, grantDrawer, openMenu, pickOrg, pickSelectOption, signIn, tryLogin, waitForProgress, type Account,
} from './admin-console-steps.js';

const skip = browserSkipReason();

for (const engine of browserEngines(import.meta.url)) {
  describe(`admin console in the browser [${engine}]`, { skip: skip ?? false, timeout: 300_000 }, () => {
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
    /** A test that, when it fails, leaves a screenshot of every open page in test-results/. */
    let failures = 0;
    const it = (name: string, body: () => Promise<void>) =>
      test(name, async () => {
        try {
          await body();
        } catch (error) {
          failures++;
          for (const [i, c] of opened.entries()) await screenshot(c.page, `${engine}-failed-${failures}-page${i}`).catch(() => undefined);
          throw error;
        }
      });
    const suffix = Date.now().toString(36);
    const newUser = { username: `e2e_${suffix}`, displayName: `测试用户${suffix.slice(-4)}`, password: '' };
    let orgName = '';
    let sys: Page;

    before(async () => {
      server = await startTestServer({ engine });
      browser = await launchBrowser();
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

    it('login page is Chinese, switches to English, and has no serious accessibility problems', async () => {
      const { page } = await open();
      await page.goto('/admin/');
      await page.waitForURL(/\/admin\/login$/);
      await page.getByRole('heading', { name: '登录管理后台' }).waitFor();
      await screenshot(page, `${engine}-01-login`);
      const findings = await seriousA11yViolations(page);
      assert.deepEqual(findings, [], 'axe (wcag2a, wcag2aa): serious or critical violations on the login page');

      await page.getByText('English', { exact: true }).click();
      await page.getByRole('heading', { name: 'Sign in to the admin console' }).waitFor();
      await page.getByText('中文', { exact: true }).click();
      await page.getByRole('heading', { name: '登录管理后台' }).waitFor();
    });

    it('system admin signs in with the second factor and sees only their menu', async () => {
      const c = await open();
      sys = c.page;
      const admin = account('system_admin');
      await signIn(sys, admin);
      assert.equal(await sys.getByLabel('动态验证码').count(), 0);
      await sys.getByRole('menuitem', { name: '用户管理' }).waitFor();
      await sys.getByRole('menuitem', { name: '后台任务' }).waitFor();
      assert.equal(await sys.getByRole('menuitem', { name: '审计日志' }).count(), 0, 'the system admin must not see the audit log');
      await screenshot(sys, `${engine}-02-home-system-admin`);
    });

    it('system admin creates a user and is shown the initial password once', async () => {
      const orgs = await apiAs(sys).get<{ items: { id: number; name: string; kind: string }[] }>('/api/v1/orgs');
      const org = orgs.items.find((o) => o.kind === 'department') ?? orgs.items[0];
      assert.ok(org, 'the demo data has organizations');
      orgName = org.name;

      await openMenu(sys, '用户管理');
      await sys.getByRole('button', { name: '新建用户' }).click();
      const dialog = sys.getByRole('dialog', { name: '新建用户' });
      await dialog.getByLabel('用户名').fill(newUser.username);
      await dialog.getByLabel('姓名').fill(newUser.displayName);
      await pickOrg(sys, dialog.getByLabel('所属机构'), orgName);
      const [created] = await Promise.all([
        sys.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
        dialog.getByRole('button', { name: '保存' }).click(),
      ]);
      assert.equal(created.status(), 201, await created.text());

      const shown = sys.getByRole('dialog', { name: '初始密码' });
      await shown.waitFor();
      newUser.password = (await shown.getByTestId('initial-password').innerText()).trim();
      assert.equal(newUser.password, ((await created.json()) as { initialPassword: string }).initialPassword);
      await screenshot(sys, `${engine}-03-initial-password`);
      await shown.getByRole('button', { name: '我已记下' }).click();
      await shown.waitFor({ state: 'hidden' });

      await sys.getByLabel('搜索用户').fill(newUser.username);
      await sys.getByRole('button', { name: '查询' }).click();
      await sys.getByRole('row', { name: new RegExp(newUser.username) }).waitFor();
    });

    it('users page has no serious accessibility problems', async () => {
      await sys.getByLabel('搜索用户').fill('');
      await sys.getByRole('button', { name: '查询' }).click();
      await sys.getByRole('row', { name: new RegExp(newUser.username) }).waitFor();
      await screenshot(sys, `${engine}-04-users`);
      const findings = await seriousA11yViolations(sys);
      assert.deepEqual(findings, [], 'axe (wcag2a, wcag2aa): serious or critical violations on the users page');
    });

    it('the demo job streams its progress to 100%', async () => {
      await openMenu(sys, '后台任务');
      await sys.getByText('实时更新已连接').waitFor();
      const [started] = await Promise.all([
        sys.waitForResponse((r) => r.url().endsWith('/api/v1/jobs/demo')),
        sys.getByRole('button', { name: '运行演示任务' }).click(),
      ]);
      assert.ok(started.ok(), await started.text());
      const { id } = (await started.json()) as { id: number };
      const seen = await waitForProgress(sys, `任务 ${id} 的进度`, 60_000);
      assert.equal(seen.at(-1), 100, `progress values seen: ${seen.join(',')}`);
      assert.ok(seen.some((v) => v > 0 && v < 100), `the bar should move live, saw only ${seen.join(',')}`);
      const row = sys.getByRole('row', { name: new RegExp(`^${id}\\b`) });
      await row.getByText('已完成').waitFor();
      // The finished job is reloaded from the server: created and finished times both show.
      await row.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/).nth(1).waitFor();
      await screenshot(sys, `${engine}-05-jobs`);
    });

    it('five wrong passwords lock the account and the login page says so', async () => {
      const victim = await createUserViaApi(sys, { username: `e2e_lock_${suffix}`, displayName: '锁定测试', orgName });
      const { page } = await open();
      await page.goto('/admin/login');
      const codes: string[] = [];
      for (let attempt = 1; attempt <= 6 && !codes.includes('auth.locked'); attempt++) {
        codes.push(await tryLogin(page, victim.username, `Wrong-${attempt}-password`));
      }
      assert.deepEqual(codes.slice(0, 4), ['auth.bad_credentials', 'auth.bad_credentials', 'auth.bad_credentials', 'auth.bad_credentials']);
      assert.equal(codes.at(-1), 'auth.locked', `codes: ${codes.join(', ')}`);
      const alert = page.getByRole('alert').filter({ hasText: '锁定' });
      await alert.waitFor();
      assert.match(await alert.innerText(), /锁定/);
      await screenshot(page, `${engine}-06-locked`);
      // Locked means locked: even the right password is refused now.
      assert.equal(await tryLogin(page, victim.username, victim.password), 'auth.locked');
    });

    it('security admin grants a role on an organization', async () => {
      const { page } = await open();
      await signIn(page, account('security_admin'));
      await openMenu(page, '用户管理');
      const drawer = await grantDrawer(page, newUser.username);
      await pickSelectOption(page, drawer.getByLabel('角色'), '编辑');
      await drawer.getByLabel('授权范围').waitFor();
      await pickOrg(page, drawer.getByLabel('授权机构'), orgName);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/grants') && r.request().method() === 'POST'),
        drawer.getByRole('button', { name: '授予角色' }).click(),
      ]);
      assert.equal(res.status(), 201, await res.text());
      await page.getByText('已授予角色：编辑').waitFor();
      await drawer.getByRole('cell', { name: '编辑', exact: true }).waitFor();
      await screenshot(page, `${engine}-07-granted`);
      await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: '关闭' })).first().click();

      // 三员: the system admin cannot also become security admin; the server says why, in Chinese.
      const sysAdmin = account('system_admin');
      const drawer2 = await grantDrawer(page, sysAdmin.username);
      await pickSelectOption(page, drawer2.getByLabel('角色'), '安全管理员');
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/grants') && r.request().method() === 'POST'),
        drawer2.getByRole('button', { name: '授予角色' }).click(),
      ]);
      assert.equal(refused.status(), 409);
      const problem = (await refused.json()) as { code: string; detail: string };
      assert.equal(problem.code, 'identity.grant.separation_of_duties');
      assert.match(problem.detail, /[\u4e00-\u9fff]/, 'the refusal is in Chinese');
      const alert = drawer2.getByRole('alert').filter({ hasText: '授权被拒绝' });
      await alert.waitFor();
      assert.ok((await alert.innerText()).includes(problem.detail), 'the alert shows the server message in full');
      await screenshot(page, `${engine}-08-grant-refused`);
    });

    it('audit admin finds those events, filters by action, and verifies the chain', async () => {
      const { page } = await open();
      await signIn(page, account('audit_admin'));
      await openMenu(page, '审计日志');
      const security = account('security_admin');
      await page.getByLabel('操作', { exact: true }).fill('identity.grant');
      await page.getByLabel('操作人').fill(security.username);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/v1/audit/events?') && r.url().includes('action=identity.grant')),
        page.getByRole('button', { name: '查询' }).click(),
      ]);
      const found = (await res.json()) as { items: { action: string; actorName: string }[] };
      assert.ok(found.items.some((e) => e.action === 'identity.grant.create'), JSON.stringify(found.items));
      await page.getByRole('row').filter({ hasText: 'identity.grant.create' }).first().waitFor();
      assert.ok(await page.getByRole('row').filter({ hasText: 'identity.grant.create' }).filter({ hasText: security.username }).count() > 0);

      await page.getByLabel('操作', { exact: true }).fill('auth.');
      await page.getByLabel('操作人').fill('');
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByRole('row').filter({ hasText: `e2e_lock_${suffix}` }).first().waitFor();

      await page.getByRole('button', { name: '校验日志链' }).click();
      await page.getByText('审计日志链完整').waitFor();
      await screenshot(page, `${engine}-09-audit`);
    });

    it('the new user must change the initial password at first sign-in', async () => {
      const { page } = await open();
      await page.goto('/admin/login');
      await page.getByLabel('用户名').fill(newUser.username);
      await page.getByLabel('密码', { exact: true }).fill(newUser.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(/\/admin\/account\/password$/);
      await page.getByRole('heading', { name: '修改密码' }).waitFor();
      const next = `Xin-${suffix}-Mi!9`;
      await page.getByLabel('当前密码').fill(newUser.password);
      await page.getByLabel('新密码', { exact: true }).fill(next);
      await page.getByLabel('确认新密码').fill(next);
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.getByRole('heading', { name: `欢迎，${newUser.displayName}` }).waitFor();
      await page.getByRole('menuitem', { name: '工作日历' }).waitFor();
    });

    it('a user turns on two-factor authentication with the QR code and gets recovery codes', async () => {
      const c = opened.at(-1);
      assert.ok(c);
      const page = c.page;
      await page.getByRole('button', { name: '账户设置' }).click();
      await page.getByRole('menuitem', { name: '双因素认证' }).click();
      await page.getByRole('heading', { name: '设置双因素认证' }).waitFor();
      await page.getByRole('button', { name: '开始设置' }).click();
      const qr = page.getByRole('img', { name: '双因素认证二维码' });
      await qr.waitFor();
      assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
      const secret = (await page.getByTestId('totp-secret').innerText()).trim();
      await page.getByLabel('动态验证码').fill(await freshTotp(secret));
      await page.getByRole('button', { name: '启用双因素认证' }).click();
      const codes = page.getByRole('list', { name: '恢复码' }).getByRole('listitem');
      await codes.first().waitFor();
      assert.ok((await codes.count()) >= 5, 'several recovery codes are shown');
      await screenshot(page, `${engine}-10-recovery-codes`);
      await page.getByRole('button', { name: '我已保存，继续' }).click();
      await page.getByRole('heading', { name: `欢迎，${newUser.displayName}` }).waitFor();
      await page.getByText('已启用', { exact: true }).waitFor();
      const me = await apiAs(page).get<{ user: { totpEnabled: boolean } }>('/api/v1/auth/me');
      assert.equal(me.user.totpEnabled, true);
    });
  });
}
