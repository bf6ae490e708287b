/**
 * A real browser for the admin console tests: Debian's chromium driven by playwright-core.
 * Nothing is ever downloaded; without /usr/bin/chromium the browser tests skip and say why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const CHROMIUM_PATH = process.env.JIYUE_CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots land here (gitignored). */
export const RESULTS_DIR = path.resolve('test-results');

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why browser tests cannot run here, or null when they can. */
export function browserSkipReason(): string | null {
  return fs.existsSync(CHROMIUM_PATH) ? null : `chromium not found at ${CHROMIUM_PATH} (apt-get install chromium fonts-noto-cjk)`;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS });
}

export interface ConsolePage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors, console errors, CSP violations and dialogs seen so far. */
  readonly problems: string[];
}

/**
 * A fresh context (own cookies) in Chinese, Beijing time, a desktop viewport. Console errors,
 * CSP reports and dialogs are collected so a test can assert the console ran cleanly.
 */
export async function openConsole(browser: Browser, baseUrl: string): Promise<ConsolePage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
    // No animations (the console honours the setting): a click on a dialog still zooming in
    // can land on a moving button and be lost (the likeliest cause of confirm steps timing out
    // on a loaded machine, with the dialog still open and nothing sent).
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // Failed requests the test provoked on purpose (401/409/423) are logged by Chromium too.
    if (/Failed to load resource: the server responded with a status of (4\d\d)/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  // Neither the console nor the theme opens native dialogs: one means typed markup ran (alert).
  page.on('dialog', (d) => { problems.push(`dialog: ${d.type()} ${d.message()}`); void d.dismiss(); });
  return { context, page, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * What a person would see that explains a stuck step: the address, open dialogs and alerts, and
 * busy buttons. Printed when a browser step fails (CI keeps the output, not the screenshots).
 */
export async function visibleState(page: Page): Promise<string> {
  const texts = async (selector: string) => (await page.locator(selector).allInnerTexts().catch(() => [])).map((t) => t.replace(/\s+/g, ' ').slice(0, 300));
  return JSON.stringify({
    url: page.url(),
    dialogs: await texts('[role=dialog]'),
    alerts: await texts('[role=alert], .ant-message-notice'),
    busy: await texts('button[aria-busy=true], .ant-btn-loading'),
  });
}

/** The few DOM members used inside page functions (this file has no DOM lib types). */
export interface PageWindow {
  readonly document: {
    querySelector(selector: string): unknown;
    getAnimations(): readonly { readonly effect: { getTiming(): { readonly iterations?: number } } | null }[];
  };
}

export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Waits until toasts are gone and no finite CSS animation or transition runs: axe measures
 * colours as painted, and a half-faded element would fail the contrast check.
 */
export async function settle(page: Page, timeoutMs = 8_000): Promise<void> {
  // A function, not a string: the console's CSP (script-src 'self') forbids string eval.
  // The tiny PageWindow type stands in for the DOM library this file is checked without.
  await page.waitForFunction(
    () => {
      const { document } = globalThis as unknown as PageWindow;
      return (
        !document.querySelector('.ant-message-notice, .ant-notification-notice') &&
        document.getAnimations().every((a) => a.effect?.getTiming().iterations === Infinity)
      );
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
}

/** WCAG 2 A and AA checks; returns only the serious and critical findings. */
export async function seriousA11yViolations(page: Page): Promise<AxeFinding[]> {
  await settle(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}
