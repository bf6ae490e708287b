import type { PublishingDeps } from './publishing-deps.js';
import { subtreeOf, type SiteContext } from './site-context.js';
import type { PageWrite } from './page-store/index.js';
import { firstItemTimeFrom, itemsInRange, lastItemTimeBefore, lastSeq, latestInColumns, latestInSite, siteItemsBetween, type PublishedItem } from './published-items.repo.js';
import { archiveCount, archivePath, archiveRange, indexRange, renderColumnPage, renderHome, renderNotFound, renderSitemapPage } from './render/pages.js';
import { atomXml, robotsTxt, rssXml, sitemapIndex, sitemapUrlset, type FeedInfo } from './render/feeds.js';
import { formatShanghai } from '../../platform/i18n/format-time.js';

const FEED_SIZE = 20;
const utf8 = (s: string) => Buffer.from(s, 'utf8');

export function siteUrl(ctx: SiteContext): string {
  return `https://${ctx.site.primaryDomain}`;
}

/** Items per sub-column block on a parent column's first page. */
const CHILD_BLOCK_SIZE = 5;

/** A parent column's first page shows each sub-column's newest items (with its own sub-columns'). */
async function childBlocks(deps: PublishingDeps, ctx: SiteContext, columnId: number) {
  const children = [...ctx.columns.values()].filter((c) => c.parentId === columnId && c.kind !== 'link');
  return Promise.all(children.map(async (c) => ({ name: c.name, href: c.href, items: await latestInColumns(deps.db, subtreeOf(ctx, c.id), CHILD_BLOCK_SIZE) })));
}

/** A column's first page alone (a sub-column's publish changes its parents' blocks). */
export async function columnIndexPage(deps: PublishingDeps, ctx: SiteContext, columnId: number): Promise<PageWrite[]> {
  const column = ctx.columns.get(columnId);
  if (!column || column.kind === 'link') return [];
  const last = await lastSeq(deps.db, columnId);
  const idx = indexRange(last);
  const items = await itemsInRange(deps.db, columnId, idx.from, idx.to);
  return [{ path: column.href, body: utf8(await renderColumnPage(deps.engine, ctx, { columnId, page: 'index', lastSeq: last, items, blocks: await childBlocks(deps, ctx, columnId) })) }];
}

/** The column's first page and the archive pages named (1-based, oldest first). */
export async function columnPages(deps: PublishingDeps, ctx: SiteContext, columnId: number, archives: Iterable<number>): Promise<PageWrite[]> {
  const column = ctx.columns.get(columnId);
  if (!column || column.kind === 'link') return [];
  const last = await lastSeq(deps.db, columnId);
  const out: PageWrite[] = [...(await columnIndexPage(deps, ctx, columnId))];
  const count = archiveCount(last);
  for (const n of [...new Set(archives)].filter((a) => a >= 1 && a <= count).sort((a, b) => a - b)) {
    const r = archiveRange(n);
    out.push({ path: archivePath(column.href, n), body: utf8(await renderColumnPage(deps.engine, ctx, { columnId, page: n, lastSeq: last, items: await itemsInRange(deps.db, columnId, r.from, r.to), blocks: [] })) });
  }
  out.push(...(await columnFeeds(deps, ctx, columnId)));
  out.push({ path: `/json/columns/${columnId}.json`, body: utf8(JSON.stringify({
    id: columnId, name: column.name, url: `${siteUrl(ctx)}${column.href}`,
    items: (await latestInColumns(deps.db, [columnId], FEED_SIZE)).map((i) => jsonItem(ctx, i)),
  })) });
  return out;
}

/** Every archive page of a column (full rebuilds). */
export async function allArchives(deps: PublishingDeps, columnId: number): Promise<number[]> {
  return Array.from({ length: archiveCount(await lastSeq(deps.db, columnId)) }, (_v, i) => i + 1);
}

function jsonItem(ctx: SiteContext, i: PublishedItem) {
  return { id: i.documentId, title: i.title, url: `${siteUrl(ctx)}${i.path}`, json: `${siteUrl(ctx)}/json/articles/${i.documentId}.json`, kind: i.kind, publishedAt: formatShanghai(i.publishedAt) };
}

async function columnFeeds(deps: PublishingDeps, ctx: SiteContext, columnId: number): Promise<PageWrite[]> {
  const column = ctx.columns.get(columnId)!;
  const items = await latestInColumns(deps.db, [columnId], FEED_SIZE);
  const info: FeedInfo = {
    title: `${ctx.site.name} - ${column.name}`, siteUrl: siteUrl(ctx), link: `${siteUrl(ctx)}${column.href}`,
    selfUrl: `${siteUrl(ctx)}${column.href}rss.xml`, description: column.description, updatedAt: items[0]?.publishedAt ?? 0,
  };
  const feedItems = items.map((i) => ({ title: i.title, url: `${siteUrl(ctx)}${i.path}`, publishedAt: i.publishedAt, summary: '' }));
  return [
    { path: `${column.href}rss.xml`, body: utf8(rssXml(info, feedItems)) },
    { path: `${column.href}atom.xml`, body: utf8(atomXml({ ...info, selfUrl: `${siteUrl(ctx)}${column.href}atom.xml` }, feedItems)) },
  ];
}

/** Home page, site feeds and the JSON site index. */
export async function homePages(deps: PublishingDeps, ctx: SiteContext, blockItems: (columnId: number, count: number) => Promise<{ name: string; href: string; items: PublishedItem[] } | null>): Promise<PageWrite[]> {
  const blocks = [];
  for (const b of ctx.homeBlocks) {
    const block = await blockItems(b.columnId, b.count);
    if (block) blocks.push({ ...block, name: b.title ?? block.name });
  }
  const items = await latestInSite(deps.db, ctx.site.id, FEED_SIZE);
  const info: FeedInfo = { title: ctx.site.name, siteUrl: siteUrl(ctx), link: `${siteUrl(ctx)}/`, selfUrl: `${siteUrl(ctx)}/rss.xml`, description: `${ctx.site.name}最新信息`, updatedAt: items[0]?.publishedAt ?? 0 };
  const feedItems = items.map((i) => ({ title: i.title, url: `${siteUrl(ctx)}${i.path}`, publishedAt: i.publishedAt, summary: '' }));
  return [
    { path: '/', body: utf8(await renderHome(deps.engine, ctx, blocks)) },
    { path: '/rss.xml', body: utf8(rssXml(info, feedItems)) },
    { path: '/atom.xml', body: utf8(atomXml({ ...info, selfUrl: `${siteUrl(ctx)}/atom.xml` }, feedItems)) },
    { path: '/json/site.json', body: utf8(JSON.stringify({
      code: ctx.site.code, name: ctx.site.name, url: `${siteUrl(ctx)}/`,
      columns: [...ctx.columns.values()].map((c) => ({ id: c.id, name: c.name, parentId: c.parentId, url: c.kind === 'link' ? c.href : `${siteUrl(ctx)}${c.href}`, json: `${siteUrl(ctx)}/json/columns/${c.id}.json` })),
      latest: items.map((i) => jsonItem(ctx, i)),
    })) },
  ];
}

const monthOf = (ms: number) => formatShanghai(ms).slice(0, 7);

/** Start and end (ms) of a Beijing-time month `YYYY-MM`. */
function monthBounds(ym: string): { from: number; to: number } {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return { from: Date.UTC(y, m - 1, 1) - 8 * 3_600_000, to: Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - 8 * 3_600_000 };
}

/**
 * Each month that has items, with its newest publish time: two index seeks per month instead of
 * reading every item's time (every publish rewrites the sitemap index; on a 100,000-item site
 * reading them all took about 0.2 s of each publish).
 */
async function monthLastmods(deps: PublishingDeps, siteId: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let t = await firstItemTimeFrom(deps.db, siteId, null); t !== null;) {
    const m = monthOf(t);
    const { to } = monthBounds(m);
    out.set(m, (await lastItemTimeBefore(deps.db, siteId, to)) ?? t);
    t = await firstItemTimeFrom(deps.db, siteId, Math.max(to, t + 1));
  }
  return out;
}

/**
 * sitemap.xml (an index of one urlset per month, plus the columns) and the month chunks named.
 * A month left without items loses its file (`removed`): an empty urlset is not valid.
 */
export async function sitemapPages(deps: PublishingDeps, ctx: SiteContext, months: Iterable<number | string>, removed: string[] = []): Promise<PageWrite[]> {
  const lastmod = await monthLastmods(deps, ctx.site.id);
  const all = [...lastmod.keys()].sort();
  const base = siteUrl(ctx);
  const out: PageWrite[] = [
    { path: '/sitemap.xml', body: utf8(sitemapIndex([{ loc: `${base}/sitemaps/columns.xml` }, ...all.map((m) => ({ loc: `${base}/sitemaps/${m}.xml`, lastmod: lastmod.get(m)! }))])) },
    { path: '/sitemaps/columns.xml', body: utf8(sitemapUrlset([{ loc: `${base}/` }, ...[...ctx.columns.values()].filter((c) => c.kind !== 'link').map((c) => ({ loc: `${base}${c.href}` }))])) },
  ];
  for (const m of new Set([...months].map((x) => (typeof x === 'number' ? monthOf(x) : x)))) {
    const { from, to } = monthBounds(m);
    const items = await siteItemsBetween(deps.db, ctx.site.id, from, to);
    if (items.length === 0) { removed.push(`/sitemaps/${m}.xml`); continue; }
    out.push({ path: `/sitemaps/${m}.xml`, body: utf8(sitemapUrlset(items.map((i) => ({ loc: `${base}${i.path}`, lastmod: i.publishedAt })))) });
  }
  return out;
}

/** Pages that change only with the site's settings or column tree. */
export async function staticSitePages(deps: PublishingDeps, ctx: SiteContext): Promise<PageWrite[]> {
  return [
    { path: '/404.html', body: utf8(await renderNotFound(deps.engine, ctx)) },
    { path: '/sitemap.html', body: utf8(await renderSitemapPage(deps.engine, ctx)) },
    { path: '/robots.txt', body: utf8(robotsTxt(siteUrl(ctx))) },
  ];
}

/** All months that have items (full rebuilds). */
export async function allMonths(deps: PublishingDeps, siteId: number): Promise<string[]> {
  return [...(await monthLastmods(deps, siteId)).keys()];
}
