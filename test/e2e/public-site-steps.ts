/**
 * Steps of the public-site browser test: addresses of a site on the test server
 * (`<site code>.localhost:<port>`, which Chromium resolves to loopback itself), waiting for the
 * job worker, the staff actions over the JSON API (placing a document on another site and
 * accepting it there), and what a visitor's browser keeps (cookies).
 */
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import type { TestServer } from '../support/server.js';
import type { Platform } from '../../src/platform/platform.js';
import { articlePath, getDocument } from '../../src/modules/content/index.js';
import { publicGet } from '../support/public-site-fixtures.js';
import { apiSignIn, jsonClient } from './review-path-steps.js';
import type { Account } from './admin-console-steps.js';

export function portOf(server: TestServer): number {
  return Number(new URL(server.baseUrl).port);
}

/** The public address of a site on the test server, as a visitor's browser reaches it. */
export function siteBase(server: TestServer, siteCode: string): string {
  return `http://${siteCode}.localhost:${portOf(server)}`;
}

/** The article's public path, fixed at first publication. */
export async function articleAddress(platform: Platform, documentId: number): Promise<string> {
  const doc = await getDocument(platform.db, documentId);
  if (!doc?.firstPublishedAt) throw new Error(`document ${documentId} was never published`);
  return articlePath(documentId, doc.firstPublishedAt);
}

/** Waits until the worker has no publishing job queued or running (rebuilds enqueued by the demo seed, say). */
export async function publishingIdle(platform: Platform, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = await platform.db.selectFrom('jobs').select('id').where('kind', 'like', 'publishing.%').where('status', 'in', ['queued', 'running']).execute();
    if (busy.length === 0) return;
    if (Date.now() > deadline) throw new Error(`publishing jobs still busy after ${timeoutMs} ms: ${busy.map((j) => j.id).join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A city editor places a published provincial document into one of their columns by reference
 * (resource library), and a reviewer with scope over that column accepts it — both over the API,
 * signed in as the demo accounts.
 */
export async function placeByReference(browser: Browser, server: TestServer, q: { documentId: number; columnId: number; requester: Account; reviewer: Account }): Promise<number> {
  const context = await browser.newContext({ baseURL: server.baseUrl });
  try {
    const editor = jsonClient(context.request, await apiSignIn(context.request, q.requester));
    const { placement } = await editor.post<{ placement: { id: number; status: string } }>(`/api/v1/documents/${q.documentId}/placements`, { columnId: q.columnId, mode: 'reference' });
    if (placement.status !== 'pending') throw new Error(`a reference should wait for the receiving site, got ${placement.status}`);
    await context.clearCookies();
    const reviewer = jsonClient(context.request, await apiSignIn(context.request, q.reviewer));
    const accepted = await reviewer.post<{ placement: { status: string } }>(`/api/v1/placements/${placement.id}/accept`, {});
    if (accepted.placement.status !== 'accepted') throw new Error(`placement ${placement.id} not accepted: ${accepted.placement.status}`);
    return placement.id;
  } finally {
    await context.close();
  }
}

export async function cookieValue(context: BrowserContext, url: string, name: string): Promise<string | undefined> {
  return (await context.cookies(url)).find((c) => c.name === name)?.value;
}

/** The computed font size (px) of an element (this file has no DOM lib types: a tiny stand-in). */
export async function fontSize(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const w = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
    return parseFloat(w.getComputedStyle(el).fontSize);
  });
}

export interface SearchHit { readonly documentId: number; readonly title: string; readonly url: string }

/** The public search API asked from the site's own address, as the search page asks it. */
export async function searchSite(port: number, siteCode: string, q: string): Promise<SearchHit[]> {
  const res = await publicGet(port, siteCode, `/api/v1/public/search?q=${encodeURIComponent(q)}&site=${siteCode}`);
  if (res.status !== 200) throw new Error(`search for ${q}: ${res.status} ${res.body}`);
  return (JSON.parse(res.body) as { items: SearchHit[] }).items;
}

/** Polls the search API until `done` holds: the index follows a publish or withdrawal just after its pages. */
export async function waitForSearch(port: number, siteCode: string, q: string, done: (hits: SearchHit[]) => boolean, timeoutMs = 20_000): Promise<SearchHit[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hits = await searchSite(port, siteCode, q);
    if (done(hits)) return hits;
    if (Date.now() > deadline) throw new Error(`search for ${q} on ${siteCode} still answers ${JSON.stringify(hits.map((h) => h.title))} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
