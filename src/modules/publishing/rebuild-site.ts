import { inTransaction } from '../../db/index.js';
import { acceptedReferencesInColumn, articlePath, getPublicDocument, listPublishedDocumentIds, type PublicDocument } from '../content/index.js';
import type { PageWrite } from './page-store/index.js';
import type { PublishingDeps } from './publishing-deps.js';
import { lastSeq, removeItemsExcept, upsertItem } from './published-items.repo.js';
import { archiveCount } from './render/pages.js';
import { columnAddressChanges } from './column-redirects.js';
import { SiteContexts, themeAssetPages } from './page-batch.js';
import { allArchives, allMonths, columnPages, homePages, sitemapPages, staticSitePages } from './site-pages.js';
import { withSiteLocks } from './site-lock.js';
import { articlePagesFor, gonePagesFor } from './publish-document.js';

export type RebuildProgress = (done: number, total: number, note: string) => Promise<void> | void;

/**
 * Files per apply: each apply rewrites the manifest shards it touches (with 256 shards, most of
 * them) and signs the root, so fewer, larger batches write the manifest fewer times.
 */
const BATCH = 1500;
const CHUNK = 200;
/**
 * Manifest entries per batch between commits: a batch of 1,500 files touches nearly all 256
 * shards, so each commit rewrites the whole manifest. Committing every batch made a rebuild's
 * manifest work grow with the square of the site (a third of a 100,000-document rebuild).
 */
const ENTRIES_PER_COMMIT_BATCH = 25_000;

interface Target { readonly documentId: number; readonly columnId: number; readonly via: 'own' | 'reference' }

/**
 * Rebuilds every page of one site from the database: list positions are brought in line with
 * what is published (new items take the next positions in publish order; existing ones keep
 * theirs, so archive pages stay where they were), then every article, list page, home, feed,
 * sitemap, JSON file and asset is rendered and written in batches. The same data gives the
 * same bytes. Pages are stored without their precompressed variants: compressVariants adds
 * them once the site is live (rebuildAll runs it after each site).
 */
export async function rebuildSite(deps: PublishingDeps, siteId: number, progress: RebuildProgress = () => undefined): Promise<{ pages: number }> {
  await deps.theme.refresh(deps.db);
  const contexts = new SiteContexts(deps);
  const ctx = await contexts.get(siteId);
  if (!ctx) throw new Error(`site ${siteId} not found`);
  const code = ctx.site.code;
  let pages = 0;
  let pending: PageWrite[] = [];
  // On SQLite one process owns the page store, so batches may be held back from the manifest
  // (the public server and the watcher of this process know them); with PostgreSQL other
  // processes' watchers would take them for tampering, so every batch is listed at once.
  const mayHold = deps.ops.engine === 'sqlite';
  const listedBefore = mayHold ? (await deps.store.manifest(code)).entries.size : 0;
  let sinceCommit = 0;
  /** Whether this batch's manifest changes wait for a later one: one commit per ENTRIES_PER_COMMIT_BATCH entries of the manifest. */
  const holdBatch = (last: boolean): boolean => {
    const every = Math.max(1, Math.floor((listedBefore + pages) / ENTRIES_PER_COMMIT_BATCH));
    const hold = mayHold && !last && ++sinceCommit < every;
    if (!hold) sinceCommit = 0;
    return hold;
  };
  // One batch is written (stored by the page writer threads) while the next is rendered.
  let writing: Promise<unknown> = Promise.resolve();
  const flush = async (last = false) => {
    await writing;
    // The last flush always applies: it commits what earlier batches held back.
    if (pending.length === 0 && !last) return;
    const batch = pending;
    pending = [];
    pages += batch.length;
    // The variants come after the whole site is live (compressVariants): on this machine they
    // were two fifths of a rebuild's time.
    writing = deps.store.apply(code, { write: batch, deferVariants: true, holdManifest: holdBatch(last) });
    // Handled when awaited by the next flush; until then a failure must not count as unhandled.
    writing.catch(() => undefined);
  };
  const add = async (list: readonly PageWrite[]) => {
    pending.push(...list);
    if (pending.length >= BATCH) await flush();
  };

  // Documents: own, in publish order, then accepted references into this site's columns.
  const docs: number[] = [];
  for (let after: { at: number; id: number } | null = null; ;) {
    const page = await listPublishedDocumentIds(deps.db, { siteId, after, limit: 1000 });
    if (page.length === 0) break;
    docs.push(...page.map((p) => p.id));
    after = page[page.length - 1]!;
  }
  const references: { documentId: number; columnId: number }[] = [];
  for (const c of ctx.columns.values()) for (const r of await acceptedReferencesInColumn(deps.db, c.id)) references.push({ documentId: r.documentId, columnId: c.id });
  const total = docs.length + references.length + ctx.columns.size + 3;
  await progress(0, total, `${ctx.site.name}：${docs.length} 篇文章 / articles`);

  return withSiteLocks(deps, [siteId], async () => {
    let done = 0;
    // Old addresses of moved, merged or deleted columns: 301s and 410s first.
    const moved = await columnAddressChanges(deps, ctx, async (columnId) => archiveCount(await lastSeq(deps.db, columnId)));
    if ((moved.redirect?.length ?? 0) + (moved.write?.length ?? 0) > 0) await deps.store.apply(code, moved);
    const wanted = new Set<string>();
    // In chunks: one transaction records the chunk's list positions (a commit per document
    // would dominate on PostgreSQL), then its pages are rendered outside any transaction.
    const all: Target[] = [
      ...docs.map((id) => ({ documentId: id, columnId: 0, via: 'own' as const })),
      ...references.map((r) => ({ documentId: r.documentId, columnId: r.columnId, via: 'reference' as const })),
    ];
    for (let i = 0; i < all.length; i += CHUNK) {
      const chunk: { pub: PublicDocument; columnId: number; via: 'own' | 'reference' }[] = [];
      for (const t of all.slice(i, i + CHUNK)) {
        const pub = await getPublicDocument(deps.db, t.documentId);
        const columnId = t.via === 'own' ? pub?.document.columnId ?? 0 : t.columnId;
        if (pub?.edition && pub.document.firstPublishedAt !== null && ctx.columns.has(columnId)) chunk.push({ pub, columnId, via: t.via });
      }
      await inTransaction(deps.db, async (trx) => {
        for (const { pub, columnId, via } of chunk) {
          const d = pub.document;
          wanted.add(`${columnId}:${d.id}`);
          await upsertItem(trx, { siteId, columnId, documentId: d.id, title: pub.edition!.title, path: articlePath(d.id, d.firstPublishedAt!), kind: d.kind, publishedAt: d.firstPublishedAt!, via });
        }
      });
      for (const { pub, columnId, via } of chunk) await add(await articlePagesFor(deps, contexts, pub, { siteId, columnId, via }));
      done += Math.min(CHUNK, all.length - i);
      await progress(done, total, '文章 / articles');
    }
    // Items left in columns they no longer belong to (a moved or merged document, a removed reference).
    // A document that left this site entirely (withdrawn or unplaced before its own job ran)
    // gets its withdrawal notice here; one that only moved column keeps its address.
    const stale = await removeItemsExcept(deps.db, siteId, wanted);
    const stillShown = new Set([...wanted].map((k) => Number(k.split(':')[1])));
    for (const documentId of new Set(stale.map((r) => r.documentId))) {
      if (stillShown.has(documentId)) continue;
      const pub = await getPublicDocument(deps.db, documentId);
      if (pub) await add(await gonePagesFor(deps, ctx, pub));
    }
    for (const c of ctx.columns.values()) {
      await add(await columnPages(deps, ctx, c.id, await allArchives(deps, c.id)));
      if (++done % 20 === 0) await progress(done, total, '栏目 / columns');
    }
    await add(await homePages(deps, ctx, contexts.blockItems(ctx)));
    const emptyMonths: string[] = [];
    await add(await sitemapPages(deps, ctx, await allMonths(deps, siteId), emptyMonths));
    await add([...(await staticSitePages(deps, ctx)), ...themeAssetPages()]);
    await flush(true);
    await writing;
    const listed = (await deps.store.manifest(code)).entries;
    const drop = emptyMonths.filter((m) => listed.has(m));
    if (drop.length > 0) await deps.store.apply(code, { remove: drop });
    await deps.events.publish({ channel: 'pages.changed', data: { siteCode: code } });
    await progress(total, total, `${ctx.site.name}：${pages} 个页面 / pages`);
    return { pages };
  });
}
