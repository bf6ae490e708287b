import type { Db } from '../../db/index.js';
import { getColumn } from '../columns/index.js';
import { HTML_TYPE, type PageChanges, type PageWrite } from './page-store/index.js';
import type { PublishingDeps } from './publishing-deps.js';
import type { SiteContext } from './site-context.js';
import { renderGone } from './render/pages.js';

/** Files of a column folder that may have been published (first page, feeds; archives by number). */
function folderFiles(href: string, archives: number): string[] {
  return [href, `${href}rss.xml`, `${href}atom.xml`, ...Array.from({ length: archives }, (_v, i) => `${href}list-${i + 1}.html`)];
}

async function recorded(db: Db, siteId: number): Promise<Map<number, string>> {
  const rows = await db.selectFrom('published_columns').select(['column_id', 'href']).where('site_id', '=', siteId).execute();
  return new Map(rows.map((r) => [Number(r.column_id), r.href]));
}

/**
 * What the column tree's changes since the last rebuild leave behind at old addresses: a moved
 * or renamed column's old folder answers 301 to the new one (archive pages keep their numbers);
 * a column merged into another redirects there; a deleted or hidden column answers 410. Records
 * the current folders for next time.
 */
export async function columnAddressChanges(deps: PublishingDeps, ctx: SiteContext, archivesOf: (columnId: number) => Promise<number>): Promise<PageChanges> {
  const before = await recorded(deps.db, ctx.site.id);
  const redirect: { path: string; location: string }[] = [];
  const write: PageWrite[] = [];
  const current = new Set<string>([...ctx.columns.values()].map((c) => c.href));
  for (const [columnId, oldHref] of before) {
    const now = ctx.columns.get(columnId);
    if (now?.href === oldHref || current.has(oldHref)) continue;
    const archives = await archivesOf(columnId);
    let target = now?.href ?? null;
    const column = await getColumn(deps.db, columnId);
    if (!target && column?.mergedIntoId) target = ctx.columns.get(column.mergedIntoId)?.href ?? null;
    if (target && target.startsWith('/')) {
      for (const file of folderFiles(oldHref, archives)) redirect.push({ path: file, location: file === oldHref ? target : `${target}${file.slice(oldHref.length)}` });
    } else {
      const body = Buffer.from(await renderGone(deps.engine, ctx, { reason: '该栏目已撤销', at: column?.updatedAt ?? deps.clock.now() }), 'utf8');
      // The same HTML notice at the feeds' addresses too (rss.xml, atom.xml): typed as what it is.
      for (const file of folderFiles(oldHref, archives)) write.push({ path: file, body, status: 410, type: HTML_TYPE });
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('published_columns').where('site_id', '=', ctx.site.id).execute();
    const rows = [...ctx.columns.values()].filter((c) => c.href.startsWith('/')).map((c) => ({ site_id: ctx.site.id, column_id: c.id, href: c.href }));
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('published_columns').values(rows.slice(i, i + 200)).execute();
  });
  return { redirect, write };
}
