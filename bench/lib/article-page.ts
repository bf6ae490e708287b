/**
 * The one article the public-page benchmarks serve (delivery, WordPress baseline, overload):
 * a government notice of typical size (about 15 KB of HTML) on the provincial portal, and the
 * Jiyue side of it: a demo-seeded platform whose page store holds the article, and its public
 * server listening on 127.0.0.1.
 */
import fs from 'node:fs';
import { buildApp } from '../../src/app.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import type { Platform } from '../../src/platform/platform.js';
import { pageStoreFor, type PageStore, type VerifiedManifest } from '../../src/modules/publishing/page-store/index.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/engines.js';
import { createBenchPlatform } from './bench-server.js';

export const SITE = '3200000001';
export const HOST = 'www.jiangsu.gov.cn';
export const ARTICLE = '/zwgk/tzgg/art_2026_11_26_1.html';
export const ARTICLE_TITLE = '关于进一步优化政务服务提升行政效能的通知';
/** What browsers send, so every server picks its compressed variant. */
export const BROWSER_ENCODINGS = 'gzip, deflate, br';

/** The article's own content: the metadata table and 60 paragraphs (what an editor writes). */
export function articleBodyHtml(): string {
  const paragraphs = Array.from({ length: 60 }, (_, i) =>
    `<p>第${i + 1}条 各设区市人民政府，省各委办厅局，省各直属单位：为深入贯彻落实党中央、国务院决策部署，进一步优化政务服务，提升行政效能，现就有关事项通知如下。</p>`).join('\n');
  return `<table class="meta"><tr><th>索引号</th><td>014000319/2026-01234</td><th>发布机构</th><td>江苏省人民政府办公厅</td></tr>
<tr><th>文号</th><td>苏政办发〔2026〕88号</td><th>成文日期</th><td>2026-11-20</td></tr></table>
${paragraphs}`;
}

/** The whole page: header, breadcrumb, the article, footer. */
export function articlePage(): Buffer {
  return Buffer.from(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${ARTICLE_TITLE}_江苏省人民政府</title>
<meta name="SiteName" content="江苏省人民政府"><meta name="SiteDomain" content="${HOST}"><meta name="SiteIDCode" content="${SITE}">
<meta name="ArticleTitle" content="${ARTICLE_TITLE}"><meta name="PubDate" content="2026-11-26 09:30"><meta name="ContentSource" content="省政府办公厅">
<link rel="stylesheet" href="/assets/site.css"><script src="/assets/site.js" defer></script></head>
<body><header><a href="/">江苏省人民政府</a><nav><a href="/zwgk/">政务公开</a><a href="/zwgk/tzgg/">通知公告</a></nav></header>
<nav class="breadcrumb"><ol><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li>通知公告</li></ol></nav>
<main id="main"><article><h1>${ARTICLE_TITLE}</h1>
${articleBodyHtml()}
</article></main><footer><p>主办单位：江苏省人民政府办公厅 网站标识码：${SITE} 苏ICP备05009302号</p></footer></body></html>
`);
}

export interface ArticleSite {
  readonly tdb: TestDatabase;
  readonly platform: Platform;
  readonly store: PageStore;
  readonly manifest: VerifiedManifest;
  /** The page's bytes as stored (uncompressed). */
  readonly article: Buffer;
  close(): Promise<void>;
}

/** What a browser sends, so every server picks its compressed (br) variant. */
export const ARTICLE_HEADERS: Readonly<Record<string, string>> = { host: HOST, 'accept-encoding': BROWSER_ENCODINGS };

/** Seeds the demo data into a platform and puts the article, the home page and a 404 page in its page store. */
export async function publishArticleSite(platform: Platform): Promise<{ store: PageStore; article: Buffer; manifest: VerifiedManifest }> {
  await seedDemo(platform, { writeAccountsFile: false });
  const store = pageStoreFor(platform);
  const article = articlePage();
  await store.apply(SITE, { write: [{ path: ARTICLE, body: article }, { path: '/', body: articlePage() }, { path: '/404.html', body: Buffer.from('<h1>404</h1>') }] });
  return { store, article, manifest: await store.manifest(SITE) };
}

/**
 * A fresh SQLite platform (shipped defaults plus BENCH_OVERRIDES) with publishArticleSite's pages.
 * The directories are world-readable so an nginx worker (nobody) can serve the same files.
 */
export async function createArticleSite(): Promise<ArticleSite> {
  const tdb = await createTestDatabase('sqlite');
  let platform: Platform | null = null;
  try {
    platform = await createBenchPlatform(tdb);
    const { store, article, manifest } = await publishArticleSite(platform);
    fs.chmodSync(tdb.dataDir, 0o755);
    fs.chmodSync(store.root, 0o755);
    const p = platform;
    return { tdb, platform: p, store, manifest, article, close: async () => { await p.close(); await tdb.drop(); } };
  } catch (err) {
    await platform?.close();
    await tdb.drop();
    throw err;
  }
}

/** The public server (buildApp) on 127.0.0.1:<random>; request logs at the default level, written nowhere. */
export async function startJiyue(platform: Platform): Promise<{ port: number; close(): Promise<void> }> {
  const app = await buildApp({ platform, logger: { level: platform.config.logLevel, file: '/dev/null' } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: Number(new URL(url).port), close: () => app.close() };
}
