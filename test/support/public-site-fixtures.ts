/**
 * Content on the demo portals for the tests of the public sites (feeds, sitemaps, links, the
 * browser), made through the real operations as the system actor, and an oracle of what each
 * public list must hold, read from the documents and placements themselves — not from the
 * publishing module's own bookkeeping, which is what the tests check.
 */
import http from 'node:http';
import type { Platform } from '../../src/platform/platform.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import { listSiteColumns, type ColumnView } from '../../src/modules/columns/index.js';
import { articlePath, getDocument, type DocumentKind } from '../../src/modules/content/index.js';
import { contentDeps } from '../../src/modules/content/content-deps.js';
import { placeDocument } from '../../src/modules/content/placements/place-document.js';
import { decidePlacement } from '../../src/modules/content/placements/decide-placement.js';
import { approveDocument, submitDocument, withdrawDocument, workflowDeps } from '../../src/modules/workflow/index.js';
import { publishingDeps, rebuildAll } from '../../src/modules/publishing/index.js';
import { NANJING_PORTAL_CODE, PROVINCE_PORTAL_CODE, workflowDraft } from './workflow-fixtures.js';

export { NANJING_PORTAL_CODE, PROVINCE_PORTAL_CODE };

const SYSTEM = systemActor('public-site-fixture');
/** No demo column has a longer chain than this (custom steps plus the secrecy review). */
const MAX_STEPS = 8;

export interface PublicColumn {
  readonly id: number;
  readonly name: string;
  readonly kind: ColumnView['kind'];
  /** Public address of the column's first page, e.g. `/zwdt/bmdt/`. */
  readonly href: string;
}

/** A site's active columns with their public addresses (slugs of the column and its ancestors). */
export async function publicColumns(platform: Platform, siteCode: string): Promise<PublicColumn[]> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (!site) throw new Error(`demo site ${siteCode} missing`);
  const columns = await listSiteColumns(platform.db, site.id);
  const byId = new Map(columns.map((c) => [c.id, c]));
  return columns.map((c) => {
    const slugs = c.path.split('/').filter(Boolean).map((id) => byId.get(Number(id))?.slug);
    if (slugs.at(-1) !== c.slug) slugs.push(c.slug);
    return { id: c.id, name: c.name, kind: c.kind, href: `/${slugs.join('/')}/` };
  });
}

export async function columnByHref(platform: Platform, siteCode: string, href: string): Promise<PublicColumn> {
  const found = (await publicColumns(platform, siteCode)).find((c) => c.href === href);
  if (!found) throw new Error(`no column ${href} on ${siteCode}`);
  return found;
}

/** A draft in the column, submitted and approved through the column's whole chain: published now. */
export async function publishInto(platform: Platform, q: { columnId: number; kind: DocumentKind; title: string; bodyHtml?: string }): Promise<number> {
  const { documentId } = await workflowDraft(platform, { columnId: q.columnId, kind: q.kind, title: q.title, ...(q.bodyHtml ? { bodyHtml: q.bodyHtml } : {}) });
  const deps = workflowDeps(platform);
  await submitDocument({ db: platform.db, actor: SYSTEM, documentId, deps });
  for (let step = 0; step < MAX_STEPS; step++) {
    const r = await approveDocument({ db: platform.db, actor: SYSTEM, documentId, input: { step }, deps });
    if (r.document.status === 'published') return documentId;
  }
  throw new Error(`document ${documentId} not published after ${MAX_STEPS} approvals`);
}

/** Places a published document into another column by reference and accepts it there. */
export async function referenceInto(platform: Platform, documentId: number, columnId: number): Promise<void> {
  const deps = contentDeps(platform);
  const { placement } = await placeDocument({ db: platform.db, actor: SYSTEM, sourceId: documentId, input: { columnId, mode: 'reference' }, deps });
  await decidePlacement({ db: platform.db, actor: SYSTEM, placementId: placement.id, decision: 'accept', deps });
}

export async function withdraw(platform: Platform, documentId: number, reason = '信息有误，予以撤稿'): Promise<void> {
  await withdrawDocument({ db: platform.db, actor: SYSTEM, documentId, input: { reason, showPublicly: true }, deps: workflowDeps(platform) });
}

export interface DemoPublicContent {
  /** Titles of the documents still public on the provincial portal (own and by reference). */
  readonly live: readonly string[];
  /** A notice published and then withdrawn: on no public list. */
  readonly withdrawnTitle: string;
  readonly withdrawnId: number;
}

/**
 * The provincial portal with news, notices, a department item, a Nanjing article shown by
 * reference in 市县动态 and a withdrawn notice; the publish jobs run, then the portal is
 * rebuilt in full (as `jiyue publish --all --site` does).
 */
export async function publishDemoContent(platform: Platform): Promise<DemoPublicContent> {
  const col = (href: string, site = PROVINCE_PORTAL_CODE) => columnByHref(platform, site, href).then((c) => c.id);
  const own: [string, DocumentKind, string][] = [
    ['/tzgg/', 'notice', '关于开展2026年度防汛应急演练的通知'],
    ['/tzgg/', 'notice', '关于公布第二批省级数字乡村试点名单的公告'],
    ['/yaowen/', 'article', '全省优化营商环境工作推进会在南京召开'],
    ['/yaowen/', 'article', '我省启动“苏服办”政务服务品牌建设'],
    ['/zwdt/bmdt/', 'article', '省发展改革委部署重大项目建设'],
  ];
  const live: string[] = [];
  for (const [href, kind, title] of own) {
    await publishInto(platform, { columnId: await col(href), kind, title });
    live.push(title);
  }
  const njTitle = '南京市推进城市更新行动取得新进展';
  const njId = await publishInto(platform, { columnId: await col('/yaowen/', NANJING_PORTAL_CODE), kind: 'article', title: njTitle });
  await referenceInto(platform, njId, await col('/zwdt/sxdt/'));
  live.push(njTitle);
  const withdrawnTitle = '关于征集2026年度民生实事项目建议的通知';
  const withdrawnId = await publishInto(platform, { columnId: await col('/tzgg/'), kind: 'notice', title: withdrawnTitle });
  await withdraw(platform, withdrawnId);
  await platform.jobs.runDue();
  await rebuildAll(publishingDeps(platform), { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
  return { live, withdrawnTitle, withdrawnId };
}

export interface ExpectedItem {
  readonly documentId: number;
  readonly title: string;
  /** Absolute address on the site's primary domain, as feeds and sitemaps give it. */
  readonly url: string;
  readonly publishedAt: number;
  readonly columnId: number;
}

/**
 * What the public lists of a site must hold: every published document of the site (its
 * published edition's title, in its own column) and every published document shown there by
 * accepted reference (in the receiving column), at the address fixed by first publication.
 */
export async function expectedItems(platform: Platform, siteCode: string): Promise<ExpectedItem[]> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (!site) throw new Error(`demo site ${siteCode} missing`);
  const db = platform.db;
  const own = await db.selectFrom('documents').select(['id', 'column_id']).where('site_id', '=', site.id).where('status', '=', 'published').execute();
  const refs = await db.selectFrom('placements as p').innerJoin('documents as d', 'd.id', 'p.document_id')
    .select(['p.document_id as id', 'p.column_id']).where('p.site_id', '=', site.id).where('p.mode', '=', 'reference')
    .where('p.status', '=', 'accepted').where('d.status', '=', 'published').execute();
  const out: ExpectedItem[] = [];
  for (const r of [...own, ...refs]) {
    const doc = (await getDocument(db, Number(r.id)))!;
    const edition = await db.selectFrom('document_editions').select('title').where('id', '=', doc.publishedEditionId!).executeTakeFirstOrThrow();
    const at = doc.firstPublishedAt!;
    out.push({ documentId: doc.id, title: edition.title, url: `https://${site.primaryDomain}${articlePath(doc.id, at)}`, publishedAt: at, columnId: Number(r.column_id) });
  }
  return out;
}

export async function primaryOrigin(platform: Platform, siteCode: string): Promise<string> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (!site) throw new Error(`demo site ${siteCode} missing`);
  return `https://${site.primaryDomain}`;
}

export interface PublicResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/**
 * GET on a listening server as a visitor of `<code>.localhost` would send it (Node does not
 * resolve *.localhost the way browsers do, so the socket goes to 127.0.0.1 with that Host).
 */
export function publicGet(port: number, siteCode: string, path: string): Promise<PublicResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { host: `${siteCode}.localhost:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Polls until the public page answers `status` (the job worker renders pages in the background). */
export async function waitForPublicStatus(port: number, siteCode: string, path: string, status: number, timeoutMs = 20_000): Promise<PublicResponse> {
  const deadline = Date.now() + timeoutMs;
  let last: PublicResponse | null = null;
  while (Date.now() < deadline) {
    last = await publicGet(port, siteCode, path);
    if (last.status === status) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${siteCode}.localhost${path} still answers ${last?.status ?? 'nothing'} after ${timeoutMs} ms (waiting for ${status})`);
}
