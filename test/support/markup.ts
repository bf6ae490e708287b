/**
 * Markup a member of the public types into a field, for the browser tests that check it never
 * runs and shows as typed. If a page ever parsed it as HTML, the image's error handler or the
 * script would set window.__xss, or alert() would open a dialog (openConsole records dialogs as
 * problems). The pages' CSP blocks inline scripts too, which is why the tests also require the
 * literal text: markup parsed as HTML loses its angle brackets even when nothing runs.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { PageWindow } from './browser.js';

export const IMG_MARKUP = '<img src=x onerror="window.__xss=1">';
export const SCRIPT_MARKUP = '<script>window.__xss=2</script>';
/** 30 characters, the most a nickname may have. */
export const NICKNAME_MARKUP = '网友<img src=x onerror=alert(3)>';

type XssWindow = PageWindow & { __xss?: number };

/** No script typed by the public ran on this page. */
export async function assertNoScriptRan(page: Page): Promise<void> {
  assert.equal(await page.evaluate(() => (globalThis as unknown as XssWindow).__xss), undefined, 'typed markup ran as script');
}

/** Each typed text shows literally inside scope, no element was made of it, and no script ran. */
export async function assertShownAsText(scope: Locator, ...typed: string[]): Promise<void> {
  const text = await scope.innerText();
  for (const t of typed) assert.ok(text.includes(t), `shown as typed: ${t}\nin: ${text}`);
  assert.equal(await scope.locator('img[src="x"]').count(), 0, 'an element made of typed markup');
  await assertNoScriptRan(scope.page());
}
