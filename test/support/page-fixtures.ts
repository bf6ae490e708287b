/**
 * Pages written into a test's page store through the real store (signed manifests, variants),
 * and a repairer that re-renders them from the same known-good table, as publishing would.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Platform } from '../../src/platform/platform.js';
import { pageFileOf, pageStoreFor, type PageStore } from '../../src/modules/publishing/page-store/index.js';
import type { PageRepairer } from '../../src/modules/delivery/index.js';

export const PORTAL = '3200000001';
export const NANJING = '3201000001';

export interface GoodPage {
  readonly path: string;
  readonly body: Buffer;
  readonly status?: 200 | 410;
}

/** A page long enough to get gzip and brotli variants. */
export function htmlPage(title: string, paragraphs = 40): Buffer {
  const p = Array.from({ length: paragraphs }, (_, i) => `<p>${title}：第${i + 1}段，政务公开信息。</p>`).join('\n');
  return Buffer.from(`<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head>\n<body><main>\n${p}\n</main></body></html>\n`);
}

/** Known-good renders, by site and stored file: what the repairer gives back. */
export class GoodPages {
  private readonly pages = new Map<string, GoodPage>();
  /** Files the repairer was asked for, in order. */
  readonly repaired: string[] = [];

  constructor(readonly store: PageStore) {}

  async publish(site: string, pages: readonly GoodPage[], redirect: readonly { path: string; location: string }[] = []): Promise<void> {
    for (const p of pages) this.pages.set(`${site}${pageFileOf(p.path) ?? p.path}`, p);
    await this.store.apply(site, { write: pages.map((p) => ({ path: p.path, body: p.body, ...(p.status ? { status: p.status } : {}) })), redirect });
  }

  body(site: string, file: string): Buffer {
    const p = this.pages.get(`${site}${file}`);
    if (!p) throw new Error(`no good page ${site}${file}`);
    return p.body;
  }

  diskPath(site: string, file: string, variant: 'identity' | 'gzip' | 'br' = 'identity'): string {
    return this.store.filePath(site, file, variant);
  }

  /** Re-renders from the table and rewrites through the store, as the publishing module's repairer does. */
  readonly repairer: PageRepairer = async (site, file) => {
    const p = this.pages.get(`${site}${file}`);
    this.repaired.push(`${site}${file}`);
    if (!p) return null;
    await this.store.apply(site, { write: [{ path: file, body: p.body, ...(p.status ? { status: p.status } : {}) }], force: true });
    return p.body;
  };
}

export function goodPages(platform: Platform): GoodPages {
  return new GoodPages(pageStoreFor(platform));
}

/** Overwrites a stored file behind the store's back, keeping its size when asked (a subtle defacement). */
export function tamper(file: string, replacement: string | Buffer): void {
  fs.writeFileSync(file, replacement);
}

export function storeRoot(platform: Platform): string {
  return path.join(platform.config.dataDir, 'pages');
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
