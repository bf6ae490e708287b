/**
 * Steps of the letters console test: a handling step through its row button and dialog, the
 * reply template picker, and a sign-in over the API at the server's (shifted) time.
 */
import type { APIRequestContext, Locator, Page, Response } from 'playwright-core';
import { totpCode } from '../../src/platform/crypto/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Account } from './admin-console-steps.js';

/** The table row of a letter, found by its subject. */
export function letterRow(page: Page, subject: string): Locator {
  return page.locator('tr.letter-row').filter({ hasText: subject });
}

function actionResponse(page: Page, path: string): Promise<Response> {
  return page.waitForResponse((r) => r.url().includes(path) && r.request().method() === 'POST');
}

/** Opens a step's dialog from the row's button; `fill` completes the dialog; confirms and returns the server's answer. */
export async function actOnRow(page: Page, row: Locator, label: string, fill?: (dialog: Locator) => Promise<void>): Promise<Response> {
  await row.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: label });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  const [response] = await Promise.all([
    actionResponse(page, '/api/v1/letters/'),
    dialog.getByRole('button', { name: label, exact: true }).click(),
  ]);
  await dialog.waitFor({ state: 'hidden' });
  return response;
}

/** Inserts a reply template by name (the picker clears itself after each insertion). */
export async function insertTemplate(page: Page, dialog: Locator, name: string): Promise<void> {
  await dialog.getByLabel('插入答复模板').click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${name}"]`).click();
}

/** Signs a request context in over the API, with a TOTP code for the server's time (which a test may have moved). */
export async function signInAt(request: APIRequestContext, account: Account, clock: Clock): Promise<void> {
  const data: Record<string, string> = { username: account.username, password: account.password };
  if (account.totpSecret) data.totp = totpCode(account.totpSecret, clock.now());
  const res = await request.post('/api/v1/auth/login', { data });
  if (!res.ok()) throw new Error(`login of ${account.username}: ${res.status()} ${await res.text()}`);
}
