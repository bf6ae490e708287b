import type { Liquid } from 'liquidjs';
import type { PublicDocument } from '../../content/index.js';
import { columnModel, type SiteContext } from '../site-context.js';
import type { PublishedItem } from '../published-items.repo.js';
import { renderTemplate } from '../theme/theme-engine.js';
import { humanSize, isoTime, pubTime, VALIDITY_LABELS } from './format.js';

export const LIST_PAGE_SIZE = 20;

/** Kinds that carry the disclosure metadata table (NORMS: Content). */
const DISCLOSURE_KINDS = new Set(['policy', 'notice', 'interpretation', 'personnel']);

interface Crumb { readonly name: string; readonly href: string }

/** Home › ancestors › column (only columns the public can see). */
export function breadcrumbOf(ctx: SiteContext, columnId: number): Crumb[] {
  const column = ctx.columns.get(columnId);
  const crumbs: Crumb[] = [{ name: '首页', href: '/' }];
  if (!column) return crumbs;
  for (const id of column.path.split('/').filter(Boolean)) {
    const c = ctx.columns.get(Number(id));
    if (c) crumbs.push({ name: c.name, href: c.href });
  }
  return crumbs;
}

export function listItemModel(i: PublishedItem) {
  return { title: i.title, href: i.path, publishedAt: pubTime(i.publishedAt), datetime: isoTime(i.publishedAt) };
}

export interface ArticleInput {
  readonly pub: PublicDocument;
  readonly columnId: number;
  readonly path: string;
  /** Placed here by reference from another site: where it comes from. */
  readonly origin: { readonly siteName: string; readonly href: string } | null;
  readonly related: { readonly title: string; readonly items: readonly { title: string; href: string }[] };
  readonly attachmentHref: (attachmentId: number, ext: string) => string;
}

export async function renderArticle(engine: Liquid, ctx: SiteContext, a: ArticleInput): Promise<string> {
  const { document: doc, edition: e } = a.pub;
  if (!e || doc.firstPublishedAt === null) throw new Error(`document ${doc.id} is not published`);
  const column = ctx.columns.get(a.columnId);
  const correction = e.correctionNote && e.publishedAt !== null && e.publishedAt !== doc.firstPublishedAt
    ? { at: pubTime(e.publishedAt), note: e.correctionNote } : null;
  const article = {
    id: doc.id, title: e.title, subtitle: e.subtitle, bodyHtml: e.bodyHtml, summary: e.summary, keywords: e.keywords,
    source: e.source || e.issuingOrgName, publishedAt: pubTime(doc.firstPublishedAt), datetime: isoTime(doc.firstPublishedAt),
    disclosure: DISCLOSURE_KINDS.has(doc.kind),
    indexNumber: doc.indexNumber ?? '', topicCategory: e.topicCategory ?? '', issuingOrgName: e.issuingOrgName, dateWritten: e.dateWritten ?? '',
    documentNumber: e.documentNumber ?? '', genre: e.genre ?? '', validity: `${VALIDITY_LABELS[e.validity] ?? ''}${e.validityDate ? `（${e.validityDate}）` : ''}`,
    origin: a.origin, correction,
    attachments: a.pub.attachments.map((f) => ({ name: f.originalName, href: a.attachmentHref(f.id, f.ext), type: f.ext.toUpperCase(), size: humanSize(f.size) })),
    related: a.related.items, relatedTitle: a.related.title,
  };
  return renderTemplate(engine, 'article', {
    site: ctx.model, nav: ctx.nav, column: column ? columnModel(column) : null, article,
    breadcrumb: [...breadcrumbOf(ctx, a.columnId), { name: '正文', href: a.path }],
    page: { title: e.title, canonical: `https://${ctx.site.primaryDomain}${a.path}` },
  });
}

/** Pages of a column list: index (newest chunk + the open tail) and archives 1..K-1, numbered from the oldest. */
export function archiveCount(lastSeq: number): number {
  return Math.max(0, Math.floor(lastSeq / LIST_PAGE_SIZE) - 1);
}

export function archivePath(columnHref: string, n: number): string {
  return `${columnHref}list-${n}.html`;
}

/** Positions shown on the column's first page: everything after the last archived chunk. */
export function indexRange(lastSeq: number): { from: number; to: number } {
  return { from: archiveCount(lastSeq) * LIST_PAGE_SIZE + 1, to: Math.max(lastSeq, 1) };
}

export function archiveRange(n: number): { from: number; to: number } {
  return { from: (n - 1) * LIST_PAGE_SIZE + 1, to: n * LIST_PAGE_SIZE };
}

export async function renderColumnPage(engine: Liquid, ctx: SiteContext, q: {
  columnId: number; items: readonly PublishedItem[]; page: 'index' | number; lastSeq: number;
  /** Sub-column blocks (first page of a parent column). */
  blocks: readonly { name: string; href: string; items: readonly PublishedItem[] }[];
}): Promise<string> {
  const column = ctx.columns.get(q.columnId);
  if (!column) throw new Error(`column ${q.columnId} is not public`);
  const archives = archiveCount(q.lastSeq);
  const n = q.page === 'index' ? archives + 1 : q.page;
  const older = n > 1 ? archivePath(column.href, n - 1) : null;
  const newer = q.page === 'index' ? null : n + 1 <= archives ? archivePath(column.href, n + 1) : column.href;
  const children = [...ctx.columns.values()].filter((c) => c.parentId === column.id).map((c) => ({ name: c.name, href: c.href }));
  const path = q.page === 'index' ? column.href : archivePath(column.href, q.page);
  return renderTemplate(engine, 'column', {
    site: ctx.model, nav: ctx.nav, column: columnModel(column), article: null, children, items: q.items.map(listItemModel),
    blocks: q.blocks.map((b) => ({ name: b.name, href: b.href, items: b.items.map(listItemModel) })),
    pager: { older, newer, label: q.page === 'index' ? '最新信息' : `第 ${archives - n + 2} 页（共 ${archives + 1} 页）` },
    breadcrumb: breadcrumbOf(ctx, column.id), page: { title: column.name, canonical: `https://${ctx.site.primaryDomain}${path}` },
  });
}

export async function renderHome(engine: Liquid, ctx: SiteContext, blocks: readonly { name: string; href: string; items: readonly PublishedItem[] }[]): Promise<string> {
  return renderTemplate(engine, 'home', {
    site: ctx.model, nav: ctx.nav, column: null, article: null, breadcrumb: [],
    blocks: blocks.map((b) => ({ name: b.name, href: b.href, items: b.items.map(listItemModel) })),
    page: { title: '', canonical: `https://${ctx.site.primaryDomain}/` },
  });
}

export async function renderGone(engine: Liquid, ctx: SiteContext, q: { reason: string | null; at: number }): Promise<string> {
  return renderTemplate(engine, 'gone', {
    site: ctx.model, nav: ctx.nav, column: null, article: null, breadcrumb: [], gone: { reason: q.reason, at: pubTime(q.at) }, page: { title: '该信息已撤稿', canonical: '' },
  });
}

export async function renderNotFound(engine: Liquid, ctx: SiteContext): Promise<string> {
  return renderTemplate(engine, 'not-found', { site: ctx.model, nav: ctx.nav, column: null, article: null, breadcrumb: [], page: { title: '页面不存在', canonical: '' } });
}

interface TreeNode { readonly name: string; readonly href: string; readonly children: TreeNode[] }

export async function renderSitemapPage(engine: Liquid, ctx: SiteContext): Promise<string> {
  const build = (parent: number | null): TreeNode[] => [...ctx.columns.values()].filter((c) => c.parentId === parent)
    .map((c) => ({ name: c.name, href: c.href, children: build(c.id) }));
  return renderTemplate(engine, 'sitemap', {
    site: ctx.model, nav: ctx.nav, column: null, article: null, breadcrumb: [{ name: '首页', href: '/' }, { name: '网站地图', href: '/sitemap.html' }],
    tree: build(null), page: { title: '网站地图', canonical: `https://${ctx.site.primaryDomain}/sitemap.html` },
  });
}
