/**
 * Steps the admin console tests repeat, written the way a person uses the console: by role and
 * Chinese label. antd's pop-up lists are reached by the option's visible title.
 */
import type { Locator, Page } from 'playwright-core';
import { totpCode } from '../../src/platform/crypto/index.js';
import type { PageWindow } from '../support/browser.js';

export interface Account {
  readonly username: string;
  readonly password: string;
  readonly totpSecret?: string | null;
  readonly role?: string;
  readonly displayName?: string;
}

const STEP_MS = 30_000;
const usedSteps = new Map<string, number>();

/**
 * A TOTP code the server has not accepted yet: it refuses a time step it has already seen
 * (replay protection), so a second sign-in within the same 30 s waits for the next step.
 */
export async function freshTotp(secret: string): Promise<string> {
  let step = Math.floor(Date.now() / STEP_MS);
  const last = usedSteps.get(secret);
  if (last !== undefined && last >= step) {
    await new Promise((r) => setTimeout(r, (last + 1) * STEP_MS - Date.now() + 200));
    step = Math.floor(Date.now() / STEP_MS);
  }
  usedSteps.set(secret, step);
  return totpCode(secret, Date.now());
}

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto('/admin/login');
  await page.getByLabel('用户名').fill(account.username);
  await page.getByLabel('密码', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: '登录' }).click();
  if (account.totpSecret) {
    const code = page.getByLabel('动态验证码');
    await code.waitFor();
    await code.fill(await freshTotp(account.totpSecret));
    await page.getByRole('button', { name: '登录' }).click();
  }
  await page.getByRole('heading', { name: /^欢迎，/ }).waitFor();
}

/** Submits the login form once; returns the problem code, or 'ok'. */
export async function tryLogin(page: Page, username: string, password: string): Promise<string> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  if (res.ok()) return 'ok';
  const body = (await res.json()) as { code?: string };
  return body.code ?? String(res.status());
}

/** Opens a menu group (a submenu) unless it is open already: clicking an open group's title closes it. */
export async function expandMenuGroup(page: Page, name: string): Promise<void> {
  const title = page.getByRole('menuitem', { name, exact: true });
  await title.waitFor();
  if ((await title.getAttribute('aria-expanded')) !== 'true') await title.click();
}

export async function openMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Signed in as the handler, the row of 互动交流 › 评论与意见审核 that holds text (a comment or an opinion). */
export async function moderationRow(page: Page, handler: Account, text: string): Promise<Locator> {
  await signIn(page, handler);
  await expandMenuGroup(page, '互动交流');
  await openMenu(page, '评论与意见审核');
  const row = page.getByRole('row').filter({ hasText: text });
  await row.waitFor();
  return row;
}

/** The JSON API with the page's session cookie and CSRF token (for set-up steps only). */
export function apiAs(page: Page) {
  const csrf = async () => {
    const me = await page.request.get('/api/v1/auth/me');
    return ((await me.json()) as { csrfToken: string }).csrfToken;
  };
  return {
    async get<T>(path: string): Promise<T> {
      const res = await page.request.get(path);
      if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async post<T>(path: string, data: unknown): Promise<T> {
      const res = await page.request.post(path, { data, headers: { 'x-csrf-token': await csrf() } });
      if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}

export async function createUserViaApi(page: Page, input: { username: string; displayName: string; orgName: string }): Promise<Account> {
  const api = apiAs(page);
  const orgs = await api.get<{ items: { id: number; name: string }[] }>('/api/v1/orgs');
  const org = orgs.items.find((o) => o.name === input.orgName) ?? orgs.items[0];
  if (!org) throw new Error('no organizations');
  const r = await api.post<{ initialPassword: string }>('/api/v1/users', {
    username: input.username, displayName: input.displayName, orgId: org.id,
  });
  return { username: input.username, password: r.initialPassword };
}

function openPopup(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}

/** Chooses an organization in a searchable TreeSelect: type to filter, click the node. */
export async function pickOrg(page: Page, combobox: Locator, orgName: string): Promise<void> {
  await pickFromPopup(page, combobox, `.ant-select-tree-node-content-wrapper[title="${orgName}"]`, orgName, orgName);
}

export async function pickSelectOption(page: Page, combobox: Locator, label: string): Promise<void> {
  await pickFromPopup(page, combobox, `.ant-select-item-option[title="${label}"]`, label);
}

/**
 * Opens a select or tree-select (typing `filter` into a searchable one), clicks the option and
 * waits for the list to close. Under load a click can land while the list is still opening (or
 * re-rendering after the filter) and not register; then the list stays open: close it, and pick
 * again unless the choice shows already.
 */
export async function pickFromPopup(page: Page, combobox: Locator, option: string, label: string, filter?: string): Promise<void> {
  const chosen = combobox.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select-selector ")][1]')
    .locator(`.ant-select-selection-item[title="${label}"]`);
  for (let attempt = 1; ; attempt++) {
    await combobox.click();
    // A searchable select shows the option only once the filter text is typed.
    if (filter !== undefined) await combobox.fill(filter);
    await openPopup(page).locator(option).first().click();
    try {
      await popupsClosed(page, 5_000);
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
      await popupsClosed(page);
      if (await chosen.count() > 0) return;
    }
  }
}

/** Waits until no select/tree-select pop-up list is open (they close after a choice). */
export async function popupsClosed(page: Page, timeout?: number): Promise<void> {
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as PageWindow;
    return !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  }, undefined, timeout !== undefined ? { timeout } : {});
}

/** Finds the user on the users page and opens their roles drawer. */
export async function grantDrawer(page: Page, username: string): Promise<Locator> {
  await page.getByLabel('搜索用户').fill(username);
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.getByRole('row', { name: new RegExp(`\\b${username}\\b`) });
  await row.getByRole('button', { name: '授权' }).click();
  const drawer = page.getByRole('dialog', { name: new RegExp(`^授权：.*${username}`) });
  await drawer.waitFor();
  return drawer;
}

/** Follows a progress bar until 100% (or the timeout); returns every distinct value seen. */
export async function waitForProgress(page: Page, name: string, timeoutMs: number): Promise<number[]> {
  const bar = page.getByRole('progressbar', { name });
  await bar.waitFor();
  const seen: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = Number(await bar.getAttribute('aria-valuenow'));
    if (seen.at(-1) !== value) seen.push(value);
    if (value >= 100) break;
    await page.waitForTimeout(100);
  }
  return seen;
}
