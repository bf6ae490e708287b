import fs from 'node:fs';
import { inTransaction } from '../../db/index.js';
import { articlePath, attachmentFilePath, getPublicDocument, listInterpretationsOf, referencingColumns, type PublicDocument } from '../content/index.js';
import { getSite } from '../sites/index.js';
import { HTML_TYPE, type PageChanges, type PageWrite } from './page-store/index.js';
import type { PublishingDeps } from './publishing-deps.js';
import { itemsOfDocument, lastSeq, removeItem, upsertItem } from './published-items.repo.js';
import { archiveCount, LIST_PAGE_SIZE, renderArticle, renderGone } from './render/pages.js';
import { SiteContexts } from './page-batch.js';
import { columnIndexPage, columnPages, homePages, sitemapPages, siteUrl } from './site-pages.js';
import { sitesEmbedding } from './theme-settings.repo.js';
import { withSiteLocks } from './site-lock.js';
import type { SiteContext } from './site-context.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

export const attachmentPath = (documentId: number, attachmentId: number, ext: string) => `/files/${documentId}/${attachmentId}.${ext}`;

export interface Target { readonly siteId: number; readonly columnId: number; readonly via: 'own' | 'reference' }

/** Pages collected per site, applied to the store at the end. */
class Changes {
  readonly bySite = new Map<number, { write: PageWrite[]; redirect: { path: string; location: string }[]; remove: string[] }>();
  of(siteId: number) {
    let c = this.bySite.get(siteId);
    if (!c) { c = { write: [], redirect: [], remove: [] }; this.bySite.set(siteId, c); }
    return c;
  }
  write(siteId: number, pages: readonly PageWrite[]): void { this.of(siteId).write.push(...pages); }
  redirect(siteId: number, path: string, location: string): void { this.of(siteId).redirect.push({ path, location }); }
  count(): number { let n = 0; for (const c of this.bySite.values()) n += c.write.length; return n; }
}

/** Links between a policy and its interpretations, both ways (only those live). */
async function relatedOf(deps: PublishingDeps, pub: PublicDocument, ctx: SiteContext): Promise<{ title: string; items: { title: string; href: string }[] }> {
  const doc = pub.document;
  const href = async (p: PublicDocument) => {
    const path = articlePath(p.document.id, p.document.firstPublishedAt!);
    if (p.document.siteId === ctx.site.id) return path;
    const site = await getSite(deps.db, p.document.siteId);
    return site ? `https://${site.primaryDomain}${path}` : path;
  };
  const live = (p: PublicDocument | undefined): p is PublicDocument & { edition: NonNullable<PublicDocument['edition']> } => !!p && p.edition !== null;
  if (doc.kind === 'interpretation' && doc.interpretsId !== null) {
    const policy = await getPublicDocument(deps.db, doc.interpretsId);
    return { title: '解读的文件', items: live(policy) ? [{ title: policy.edition.title, href: await href(policy) }] : [] };
  }
  if (doc.kind === 'policy') {
    const items = [];
    for (const i of await listInterpretationsOf(deps.db, doc.id)) {
      const p = await getPublicDocument(deps.db, i.id);
      if (live(p)) items.push({ title: p.edition.title, href: await href(p) });
    }
    return { title: '相关解读', items };
  }
  return { title: '', items: [] };
}

async function articlePages(deps: PublishingDeps, ctx: SiteContext, pub: PublicDocument, t: Target, origin: SiteContext | undefined): Promise<PageWrite[]> {
  const doc = pub.document;
  const path = articlePath(doc.id, doc.firstPublishedAt!);
  const html = await renderArticle(deps.engine, ctx, {
    pub, columnId: t.columnId, path,
    origin: t.via === 'reference' && origin ? { siteName: origin.site.name, href: `${siteUrl(origin)}${path}` } : null,
    related: await relatedOf(deps, pub, ctx), attachmentHref: (id, ext) => attachmentPath(doc.id, id, ext),
  });
  const e = pub.edition!;
  const out: PageWrite[] = [{ path, body: utf8(html) }];
  for (const a of pub.attachments) {
    const file = attachmentFilePath(deps.dataDir, a.storedName);
    if (fs.existsSync(file)) out.push({ path: attachmentPath(doc.id, a.id, a.ext), body: fs.readFileSync(file) });
  }
  out.push({ path: `/json/articles/${doc.id}.json`, body: utf8(JSON.stringify({
    id: doc.id, url: `${siteUrl(ctx)}${path}`, title: e.title, subtitle: e.subtitle, kind: doc.kind, publishedAt: html.match(/name="PubDate" content="([^"]+)"/)?.[1] ?? '',
    source: e.source, indexNumber: doc.indexNumber, documentNumber: e.documentNumber, issuingOrg: e.issuingOrgName, topicCategory: e.topicCategory,
    genre: e.genre, validity: e.validity, dateWritten: e.dateWritten, keywords: e.keywords, summary: e.summary, bodyHtml: e.bodyHtml,
    attachments: pub.attachments.map((a) => ({ name: a.originalName, url: `${siteUrl(ctx)}${attachmentPath(doc.id, a.id, a.ext)}`, size: a.size, type: a.ext })),
  })) });
  return out;
}

/** The pages of one document on one site (its article, attachments and JSON). */
export async function articlePagesFor(deps: PublishingDeps, contexts: SiteContexts, pub: PublicDocument, t: Target): Promise<PageWrite[]> {
  const ctx = await contexts.get(t.siteId);
  return ctx ? articlePages(deps, ctx, pub, t, await contexts.get(pub.document.siteId)) : [];
}

/** The withdrawal notice pages of a document on one site (its page, JSON and attachment paths). */
export async function gonePagesFor(deps: PublishingDeps, ctx: SiteContext, pub: PublicDocument): Promise<PageWrite[]> {
  return gonePages(deps, ctx, pub, await attachmentsOnDisk(deps, [ctx.site.id], pub.document.id));
}

async function gonePages(deps: PublishingDeps, ctx: SiteContext, pub: PublicDocument, attachmentIds: readonly { id: number; ext: string }[]): Promise<PageWrite[]> {
  const doc = pub.document;
  const body = utf8(await renderGone(deps.engine, ctx, { reason: doc.withdrawPublic ? doc.withdrawReason : null, at: doc.withdrawnAt ?? doc.updatedAt }));
  const page: PageWrite[] = doc.withdrawRedirect ? [] : [{ path: articlePath(doc.id, doc.firstPublishedAt!), body, status: 410 }];
  return [
    ...page,
    { path: `/json/articles/${doc.id}.json`, body: utf8(JSON.stringify({ id: doc.id, gone: true })), status: 410 },
    // The notice at an attachment's address is HTML, not the file type its extension names.
    ...attachmentIds.map((a) => ({ path: attachmentPath(doc.id, a.id, a.ext), body, status: 410 as const, type: HTML_TYPE })),
  ];
}

/**
 * Renders exactly the pages one document's change affects, on every site that shows it: its
 * page (or the 410 notice that replaces it), the list pages of its columns — the first page and
 * at most two archive pages, however long the list (positions are fixed at first appearance;
 * see render/pages.ts) — the homes that embed those columns, the feeds, the month's sitemap,
 * the JSON API files, and the pages of a policy or interpretation it links to.
 */
export async function publishDocument(deps: PublishingDeps, documentId: number): Promise<{ pages: number; live: boolean }> {
  await deps.theme.refresh(deps.db);
  const pub = await getPublicDocument(deps.db, documentId);
  const firstPublishedAt = pub?.document.firstPublishedAt ?? null;
  if (!pub || firstPublishedAt === null) return { pages: 0, live: false };
  const doc = pub.document;
  const live = pub.edition !== null;
  const contexts = new SiteContexts(deps);
  const before = await itemsOfDocument(deps.db, documentId);
  const wanted: Target[] = live ? [{ siteId: doc.siteId, columnId: doc.columnId, via: 'own' }, ...(await referencingColumns(deps.db, documentId)).map((r) => ({ ...r, via: 'reference' as const }))] : [];
  // Only columns the public can see hold the item.
  const targets: Target[] = [];
  for (const t of wanted) if ((await contexts.get(t.siteId))?.columns.has(t.columnId)) targets.push(t);
  const siteIds = [...new Set([...before.map((b) => b.siteId), ...targets.map((t) => t.siteId)])];
  const path = articlePath(doc.id, firstPublishedAt);

  return withSiteLocks(deps, siteIds, async () => {
    const changes = new Changes();
    const touched = new Map<number, Set<number>>(); // column → archive pages to refresh
    const touch = (columnId: number, seq: number, lastBefore: number, lastAfter: number) => {
      const set = touched.get(columnId) ?? new Set<number>();
      set.add(Math.ceil(seq / LIST_PAGE_SIZE));
      const a0 = archiveCount(lastBefore), a1 = archiveCount(lastAfter);
      // A newly archived chunk, and the archive before it (its "newer" link now points to it).
      if (a1 > a0) { set.add(a1); set.add(a0); }
      touched.set(columnId, set);
    };
    await inTransaction(deps.db, async (trx) => {
      for (const b of before) {
        if (targets.some((t) => t.columnId === b.columnId)) continue;
        await removeItem(trx, b.columnId, documentId);
        touch(b.columnId, b.seq, 0, 0);
      }
      for (const t of targets) {
        const lastBefore = await lastSeq(trx, t.columnId);
        const { seq } = await upsertItem(trx, { siteId: t.siteId, columnId: t.columnId, documentId, title: pub.edition!.title, path, kind: doc.kind, publishedAt: firstPublishedAt, via: t.via });
        touch(t.columnId, seq, lastBefore, await lastSeq(trx, t.columnId));
      }
    });

    const origin = await contexts.get(doc.siteId);
    for (const t of targets) changes.write(t.siteId, await articlePages(deps, (await contexts.get(t.siteId))!, pub, t, origin));
    // Sites that showed it and no longer do get the withdrawal notice in its place.
    const previousAttachments = pub.attachments.length > 0 ? pub.attachments : await attachmentsOnDisk(deps, before.map((b) => b.siteId), documentId);
    for (const siteId of new Set(before.map((b) => b.siteId))) {
      if (targets.some((t) => t.siteId === siteId)) continue;
      const ctx = await contexts.get(siteId);
      if (!ctx) continue;
      changes.write(siteId, await gonePages(deps, ctx, pub, previousAttachments));
      // The editor chose to send visitors elsewhere: a 301 instead of the notice.
      if (doc.withdrawRedirect) changes.redirect(siteId, path, doc.withdrawRedirect);
    }
    // Column lists, homes (own sites and sites embedding the columns), feeds, sitemaps.
    const columnSites = new Map<number, number>([...before.map((b) => [b.columnId, b.siteId] as const), ...targets.map((t) => [t.columnId, t.siteId] as const)]);
    const parentPages = new Set<string>();
    for (const [columnId, archives] of touched) {
      const siteId = columnSites.get(columnId)!;
      const ctx = await contexts.get(siteId);
      if (!ctx) continue;
      changes.write(siteId, await columnPages(deps, ctx, columnId, archives));
      // Parent columns' first pages show their sub-columns' newest items.
      for (const id of (ctx.columns.get(columnId)?.path ?? '').split('/').filter(Boolean).map(Number)) {
        if (id === columnId || touched.has(id) || parentPages.has(`${siteId}:${id}`)) continue;
        parentPages.add(`${siteId}:${id}`);
        changes.write(siteId, await columnIndexPage(deps, ctx, id));
      }
    }
    // Homes embedding a touched column or one of its ancestors (a parent's block shows its sub-columns).
    const embedded = new Set<number>();
    for (const columnId of touched.keys()) {
      const ctx = await contexts.get(columnSites.get(columnId)!);
      for (const id of (ctx?.columns.get(columnId)?.path ?? `/${columnId}/`).split('/').filter(Boolean)) embedded.add(Number(id));
    }
    const homes = new Set([...siteIds, ...(await sitesEmbedding(deps.db, [...embedded]))]);
    for (const siteId of homes) {
      const ctx = await contexts.get(siteId);
      if (!ctx) continue;
      changes.write(siteId, await homePages(deps, ctx, contexts.blockItems(ctx)));
      if (siteIds.includes(siteId)) changes.write(siteId, await sitemapPages(deps, ctx, [firstPublishedAt], changes.of(siteId).remove));
    }
    // The other half of a policy ↔ interpretation link shows this one (or stops showing it).
    for (const relatedId of await relatedIds(deps, pub)) {
      const rel = await getPublicDocument(deps.db, relatedId);
      if (!rel || rel.edition === null) continue;
      for (const item of await itemsOfDocument(deps.db, relatedId)) {
        const ctx = await contexts.get(item.siteId);
        if (ctx) changes.write(item.siteId, await articlePages(deps, ctx, rel, { siteId: item.siteId, columnId: item.columnId, via: item.via }, await contexts.get(rel.document.siteId)));
      }
    }
    await applyChanges(deps, contexts, changes);
    for (const l of deps.listeners) await (live ? l.documentLive(deps.db, documentId) : l.documentGone(deps.db, documentId));
    return { pages: changes.count(), live };
  });
}

async function relatedIds(deps: PublishingDeps, pub: PublicDocument): Promise<number[]> {
  const doc = pub.document;
  if (doc.kind === 'interpretation' && doc.interpretsId !== null) return [doc.interpretsId];
  if (doc.kind === 'policy') return (await listInterpretationsOf(deps.db, doc.id)).map((d) => d.id);
  return [];
}

/** Attachment pages a withdrawn document left in the store (its attachment rows may be gone from the edition). */
async function attachmentsOnDisk(deps: PublishingDeps, siteIds: readonly number[], documentId: number): Promise<{ id: number; ext: string }[]> {
  const found = new Map<number, string>();
  for (const siteId of new Set(siteIds)) {
    const site = await getSite(deps.db, siteId);
    if (!site) continue;
    const m = await deps.store.manifest(site.code);
    for (const file of m.entries.keys()) {
      const hit = new RegExp(`^/files/${documentId}/(\\d+)\\.([a-z0-9]+)$`).exec(file);
      if (hit) found.set(Number(hit[1]), hit[2]!);
    }
  }
  return [...found].map(([id, ext]) => ({ id, ext }));
}

export async function applyChanges(deps: PublishingDeps, contexts: SiteContexts, changes: Changes | Map<number, PageChanges>): Promise<void> {
  const entries = changes instanceof Changes ? changes.bySite : changes;
  for (const [siteId, c] of entries) {
    const ctx = await contexts.get(siteId);
    if (!ctx) continue;
    await deps.store.apply(ctx.site.code, c);
    await deps.events.publish({ channel: 'pages.changed', data: { siteCode: ctx.site.code } });
  }
}
