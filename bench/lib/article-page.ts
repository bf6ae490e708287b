/**
 * The public page the delivery benchmarks request: a government article of typical size
 * (about 15 KB of HTML), written through the real page store (signed manifest, gzip and br
 * variants) of the demo provincial portal.
 */
import type { Platform } from '../../src/platform/platform.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { pageStoreFor, type PageStore } from '../../src/modules/publishing/page-store/index.js';

export const SITE = '3200000001';
export const HOST = 'www.jiangsu.gov.cn';
export const ARTICLE = '/zwgk/tzgg/art_2026_11_26_1.html';
/** What a browser sends: the br variant is served. */
export const ARTICLE_HEADERS: Readonly<Record<string, string>> = { host: HOST, 'accept-encoding': 'gzip, deflate, br' };

/** A government article page of typical size: header, breadcrumb, metadata table, body, footer. */
export function articlePage(): Buffer {
  const paragraphs = Array.from({ length: 60 }, (_, i) =>
    `<p>第${i + 1}条 各设区市人民政府，省各委办厅局，省各直属单位：为深入贯彻落实党中央、国务院决策部署，进一步优化政务服务，提升行政效能，现就有关事项通知如下。</p>`).join('\n');
  return Buffer.from(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>关于进一步优化政务服务提升行政效能的通知_江苏省人民政府</title>
<meta name="SiteName" content="江苏省人民政府"><meta name="SiteDomain" content="www.jiangsu.gov.cn"><meta name="SiteIDCode" content="3200000001">
<meta name="ArticleTitle" content="关于进一步优化政务服务提升行政效能的通知"><meta name="PubDate" content="2026-11-26 09:30"><meta name="ContentSource" content="省政府办公厅">
<link rel="stylesheet" href="/assets/site.css"><script src="/assets/site.js" defer></script></head>
<body><header><a href="/">江苏省人民政府</a><nav><a href="/zwgk/">政务公开</a><a href="/zwgk/tzgg/">通知公告</a></nav></header>
<nav class="breadcrumb"><ol><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li>通知公告</li></ol></nav>
<main id="main"><article><h1>关于进一步优化政务服务提升行政效能的通知</h1>
<table class="meta"><tr><th>索引号</th><td>014000319/2026-01234</td><th>发布机构</th><td>江苏省人民政府办公厅</td></tr>
<tr><th>文号</th><td>苏政办发〔2026〕88号</td><th>成文日期</th><td>2026-11-20</td></tr></table>
${paragraphs}
</article></main><footer><p>主办单位：江苏省人民政府办公厅 网站标识码：3200000001 苏ICP备05009302号</p></footer></body></html>
`);
}

/** Seeds the demo data and publishes the article (and a home and a 404 page) on the portal. */
export async function publishArticleSite(platform: Platform): Promise<{ store: PageStore; article: Buffer; manifest: Awaited<ReturnType<PageStore['manifest']>> }> {
  await seedDemo(platform, { writeAccountsFile: false });
  const store = pageStoreFor(platform);
  const article = articlePage();
  await store.apply(SITE, { write: [{ path: ARTICLE, body: article }, { path: '/', body: articlePage() }, { path: '/404.html', body: Buffer.from('<h1>404</h1>') }] });
  return { store, article, manifest: await store.manifest(SITE) };
}
