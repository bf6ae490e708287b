/**
 * Steps of the editorial review path in the console: set-up over the JSON API (a second
 * reviewer, a draft with a secrecy marking), and the console actions a person takes, reached
 * by role and Chinese label.
 */
import type { APIRequestContext, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { freshTotp, pickFromPopup, type Account } from './admin-console-steps.js';

/** Signs the context in over the API (no login page); returns the CSRF token for later writes. */
export async function apiSignIn(request: APIRequestContext, account: Account): Promise<string> {
  const data: Record<string, string> = { username: account.username, password: account.password };
  if (account.totpSecret) data.totp = await freshTotp(account.totpSecret);
  const res = await request.post('/api/v1/auth/login', { data });
  if (!res.ok()) throw new Error(`login of ${account.username}: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** A small JSON client over an already signed-in request context. */
export function jsonClient(request: APIRequestContext, csrf: string) {
  const check = async <T>(what: string, res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> => {
    if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    get: async <T>(path: string): Promise<T> => check<T>(`GET ${path}`, await request.get(path)),
    post: async <T>(path: string, data: unknown): Promise<T> => check<T>(`POST ${path}`, await request.post(path, { data, headers: { 'x-csrf-token': csrf } })),
    patch: async <T>(path: string, data: unknown): Promise<T> => check<T>(`PATCH ${path}`, await request.patch(path, { data, headers: { 'x-csrf-token': csrf } })),
  };
}

/**
 * The demo province has one reviewer; 复审 needs a second person. The system admin creates the
 * account in the general office, the security admin grants 审核员 on the provincial government
 * (三员: two different administrators), and the new reviewer sets their own password.
 */
export async function createSecondReviewer(
  context: BrowserContext,
  admins: { system: Account; security: Account },
  user: { username: string; displayName: string; password: string },
): Promise<Account> {
  return createGrantedUser(context, admins, user, { role: 'reviewer', orgCode: '320000' });
}

/** A new account in the general office with one role on one organization, granted and set up as a person would. */
export async function createGrantedUser(
  context: BrowserContext,
  admins: { system: Account; security: Account },
  user: { username: string; displayName: string; password: string },
  grant: { role: string; orgCode: string },
): Promise<Account> {
  const request = context.request;
  const sys = jsonClient(request, await apiSignIn(request, admins.system));
  const orgs = await sys.get<{ items: { id: number; code: string }[] }>('/api/v1/orgs');
  const office = orgs.items.find((o) => o.code === '320000-bgt');
  const scope = orgs.items.find((o) => o.code === grant.orgCode);
  if (!office || !scope) throw new Error(`demo organizations 320000-bgt / ${grant.orgCode} missing`);
  const created = await sys.post<{ user: { id: number }; initialPassword: string }>('/api/v1/users', {
    username: user.username, displayName: user.displayName, orgId: office.id,
  });
  await context.clearCookies();

  const sec = jsonClient(request, await apiSignIn(request, admins.security));
  await sec.post('/api/v1/grants', { userId: created.user.id, role: grant.role, scopeType: 'org', scopeId: scope.id });
  await context.clearCookies();

  const own = jsonClient(request, await apiSignIn(request, { username: user.username, password: created.initialPassword }));
  await own.post('/api/v1/auth/password', { currentPassword: created.initialPassword, newPassword: user.password });
  await context.clearCookies();
  return { username: user.username, password: user.password, displayName: user.displayName };
}

/** Clicks a main-menu entry (pages of the documents area have card titles, not an h1). */
export async function gotoMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name }).click();
}

/** Picks an option of a plain (non-search) TreeSelect by the node's title. */
export async function pickTreeNode(page: Page, combobox: Locator, title: string): Promise<void> {
  await pickFromPopup(page, combobox, `.ant-select-tree-node-content-wrapper[title="${title}"]`, title);
}

/** Picks an option of a plain Select by its label. */
export { pickSelectOption as pickOption } from './admin-console-steps.js';

/** Waits for the JSON answer to one workflow action on the document (approve, submit…). */
export function workflowResponse(page: Page, documentId: number, action: string): Promise<Response> {
  // 30 s: on a loaded CI machine the server's answer, not the page, is what takes time.
  return page.waitForResponse((r) => r.url().endsWith(`/api/v1/documents/${documentId}/${action}`) && r.request().method() === 'POST', { timeout: 30_000 });
}

/**
 * Opens the approve dialog by its button, confirms with 通过, and returns the server's answer.
 * The dialog stays open on a refusal (its alert shows the message) and closes on success.
 */
export async function approveInDialog(page: Page, documentId: number, buttonName: string): Promise<{ response: Response; dialog: Locator }> {
  await page.getByRole('button', { name: buttonName }).click();
  const dialog = page.getByRole('dialog', { name: buttonName });
  await dialog.waitFor();
  const ok = dialog.getByRole('button', { name: '通过', exact: true });
  await ok.waitFor();
  // Listen first, then click and await each on its own: a click that cannot land reports itself
  // (under Promise.all the response wait timed out first and hid the click's reason).
  const answered = workflowResponse(page, documentId, 'approve');
  answered.catch(() => undefined);
  await ok.click();
  return { response: await answered, dialog };
}
