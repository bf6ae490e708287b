/**
 * The publishing pipeline end to end on real files: approval → outbox job → the worker renders
 * exactly the affected pages into the page store; withdrawal → a 410 notice in its place;
 * bounded list pages however long the column; byte-identical re-renders; a reference placed in
 * another site shows there too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { ManualClock } from '../../src/platform/clock.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import { articlePath, getDocument } from '../../src/modules/content/index.js';
import { contentDeps } from '../../src/modules/content/content-deps.js';
import { placeDocument } from '../../src/modules/content/placements/place-document.js';
import { decidePlacement } from '../../src/modules/content/placements/decide-placement.js';
import { withdrawDocument, workflowDeps } from '../../src/modules/workflow/index.js';
import { pageStoreFor, publishDocument, publishingDeps, rebuildAll, PUBLISH_DOCUMENT_KIND } from '../../src/modules/publishing/index.js';
import { LIST_PAGE_SIZE } from '../../src/modules/publishing/render/pages.js';
import { columnsDeps, createColumn, deleteColumn, mergeColumns, moveColumn } from '../../src/modules/columns/index.js';
import { NANJING_PORTAL_CODE, ONE_STEP, PROVINCE_PORTAL_CODE, publishedDocument, workflowColumn } from '../support/workflow-fixtures.js';

const SYSTEM = systemActor('publishing-test');

for (const engine of selectedEngines()) {
  describe(`publishing pipeline [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 20, 2, 0, 0));
    const store = () => pageStoreFor(ctx.platform);
    const page = async (siteCode: string, file: string) => (await store().read(siteCode, file))?.toString('utf8') ?? null;
    const entry = async (siteCode: string, file: string) => (await store().manifest(siteCode)).entries.get(file);

    before(async () => { ctx = await createTestContext(engine, { clock }); });
    after(async () => ctx?.close());

    test('approval enqueues a publish job in the same transaction; the worker writes the page, list, home, feeds and sitemap', async () => {
      const column = await workflowColumn(ctx.platform, { workflow: ONE_STEP });
      const { documentId } = await publishedDocument(ctx.platform, { columnId: column.id, title: '关于开展全省政府网站普查的通知' });
      const jobs = await ctx.platform.db.selectFrom('jobs').select(['kind', 'payload']).where('kind', '=', PUBLISH_DOCUMENT_KIND).execute();
      assert.ok(jobs.some((j) => JSON.parse(j.payload).documentId === documentId), `outbox job written with the approval: ${JSON.stringify(jobs)} doc ${documentId}`);
      await ctx.platform.jobs.runDue();
      const doc = (await getDocument(ctx.platform.db, documentId))!;
      const path = articlePath(documentId, doc.firstPublishedAt!);
      const html = await page(PROVINCE_PORTAL_CODE, path);
      assert.ok(html, 'article page written');
      assert.match(html, /<h1>关于开展全省政府网站普查的通知<\/h1>/);
      assert.match(html, /<meta name="PubDate" content="2026-11-20 10:00">/);
      assert.match(html, /<meta name="SiteIDCode" content="3200000001">/);
      assert.match(html, /网站标识码：3200000001/);
      assert.match(html, /我为政府网站找错/);
      assert.match(html, /索引号/, 'a notice shows its disclosure metadata');
      const list = await page(PROVINCE_PORTAL_CODE, `/${(await ctx.platform.db.selectFrom('columns').select('slug').where('id', '=', column.id).executeTakeFirstOrThrow()).slug}/index.html`);
      assert.ok(list?.includes(path), 'the column list links to it');
      assert.ok((await page(PROVINCE_PORTAL_CODE, '/rss.xml'))?.includes(path));
      assert.ok((await page(PROVINCE_PORTAL_CODE, '/sitemaps/2026-11.xml'))?.includes(path));
      assert.ok((await page(PROVINCE_PORTAL_CODE, '/index.html')) !== null);
      const m = await store().manifest(PROVINCE_PORTAL_CODE);
      assert.equal(m.ok, true, m.problems.join('; '));
      assert.equal(m.entries.get(path)?.status, 200);
    });

    test('withdrawal replaces the page with a 410 notice stating it, and takes it off the list and feeds', async () => {
      const { documentId } = await publishedDocument(ctx.platform, { title: '将被撤稿的通知' });
      await ctx.platform.jobs.runDue();
      const path = articlePath(documentId, (await getDocument(ctx.platform.db, documentId))!.firstPublishedAt!);
      await withdrawDocument({ db: ctx.platform.db, actor: SYSTEM, documentId, input: { reason: '内容已过时', showPublicly: true }, deps: workflowDeps(ctx.platform) });
      await ctx.platform.jobs.runDue();
      assert.equal((await entry(PROVINCE_PORTAL_CODE, path))?.status, 410);
      const gone = await page(PROVINCE_PORTAL_CODE, path);
      assert.match(gone ?? '', /该信息已撤稿/);
      assert.match(gone ?? '', /内容已过时/);
      assert.doesNotMatch(gone ?? '', /将被撤稿的通知/);
      assert.ok(!(await page(PROVINCE_PORTAL_CODE, '/rss.xml'))?.includes(path));
    });

    test('a full rebuild that runs between a withdrawal and its job still takes the page down', async () => {
      const { documentId } = await publishedDocument(ctx.platform, { title: '重建与撤稿之间的通知' });
      await ctx.platform.jobs.runDue();
      const path = articlePath(documentId, (await getDocument(ctx.platform.db, documentId))!.firstPublishedAt!);
      assert.equal((await entry(PROVINCE_PORTAL_CODE, path))?.status, 200);
      await withdrawDocument({ db: ctx.platform.db, actor: SYSTEM, documentId, input: { reason: '竞态测试', showPublicly: false }, deps: workflowDeps(ctx.platform) });
      await rebuildAll(publishingDeps(ctx.platform), { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
      assert.equal((await entry(PROVINCE_PORTAL_CODE, path))?.status, 410, 'the rebuild wrote the notice');
      await publishDocument(publishingDeps(ctx.platform), documentId);
      assert.equal((await entry(PROVINCE_PORTAL_CODE, path))?.status, 410);
      assert.equal((await entry(PROVINCE_PORTAL_CODE, `/json/articles/${documentId}.json`))?.status, 410);
    });

        test('a withdrawal may send visitors elsewhere (301) instead of the notice; a bad address is refused', async () => {
      const { documentId } = await publishedDocument(ctx.platform, { title: '被新文件替代的通知' });
      await ctx.platform.jobs.runDue();
      const path = articlePath(documentId, (await getDocument(ctx.platform.db, documentId))!.firstPublishedAt!);
      await assert.rejects(
        withdrawDocument({ db: ctx.platform.db, actor: SYSTEM, documentId, input: { reason: '已被替代', showPublicly: true, redirectTo: 'javascript:alert(1)' }, deps: workflowDeps(ctx.platform) }),
        (e: Error & { code?: string }) => e.code === 'content.workflow.bad_redirect',
      );
      await withdrawDocument({ db: ctx.platform.db, actor: SYSTEM, documentId, input: { reason: '已被替代', showPublicly: true, redirectTo: '/zcwj/' }, deps: workflowDeps(ctx.platform) });
      await ctx.platform.jobs.runDue();
      assert.deepEqual(await entry(PROVINCE_PORTAL_CODE, path), { status: 301, location: '/zcwj/' });
    });

    test('publishing one item into a long column rewrites a bounded number of list pages', async () => {
      const column = await workflowColumn(ctx.platform, { workflow: ONE_STEP });
      const deps = publishingDeps(ctx.platform);
      const written: number[] = [];
      const original = deps.store.apply.bind(deps.store);
      for (let i = 0; i < LIST_PAGE_SIZE * 4 + 3; i++) {
        const { documentId } = await publishedDocument(ctx.platform, { columnId: column.id, title: `长栏目稿件${i}` });
        clock.advance(60_000);
        let count = 0;
        const spy = { ...deps, store: { ...deps.store, apply: async (site: string, c: Parameters<typeof original>[1]) => { count += (c.write ?? []).filter((w) => /\/(index|list-\d+)\.html$|\/$/.test(w.path) && !w.path.startsWith('/art/')).length; return original(site, c); } } };
        await publishDocument(spy, documentId);
        written.push(count);
      }
      await ctx.platform.jobs.runDue();
      // Column first page + home, plus at most two archive pages when a chunk closes.
      assert.ok(Math.max(...written) <= 4, `list pages per publish: ${written.join(',')}`);
      const slug = (await ctx.platform.db.selectFrom('columns').select('slug').where('id', '=', column.id).executeTakeFirstOrThrow()).slug;
      assert.ok(await page(PROVINCE_PORTAL_CODE, `/${slug}/list-1.html`), 'oldest archive page exists');
      assert.match((await page(PROVINCE_PORTAL_CODE, `/${slug}/list-1.html`))!, /长栏目稿件0</);
    });

    test("a parent column's first page shows its sub-columns' newest items, kept current by publishing", async () => {
      const site = (await getSiteByCode(ctx.platform.db, PROVINCE_PORTAL_CODE))!;
      const cdeps = columnsDeps(ctx.platform);
      const parent = await createColumn({ db: ctx.platform.db, actor: SYSTEM, siteId: site.id, deps: cdeps, input: { name: '政策文件库', slug: `zcwjk${Date.now().toString(36)}`, kind: 'policy', workflow: ONE_STEP } });
      const child = await createColumn({ db: ctx.platform.db, actor: SYSTEM, siteId: site.id, deps: cdeps, input: { parentId: parent.id, name: '省政府文件', slug: 'szfwj', kind: 'notice', workflow: ONE_STEP } });
      await rebuildAll(publishingDeps(ctx.platform), { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
      const parentFile = `/${parent.slug}/index.html`;
      const before = await page(PROVINCE_PORTAL_CODE, parentFile);
      assert.match(before ?? '', /省政府文件/, 'the empty sub-column has its block');
      const { documentId } = await publishedDocument(ctx.platform, { columnId: child.id, title: '关于印发全省数字政府建设方案的通知' });
      await ctx.platform.jobs.runDue();
      const doc = (await getDocument(ctx.platform.db, documentId))!;
      const after = await page(PROVINCE_PORTAL_CODE, parentFile);
      assert.ok(after?.includes(articlePath(documentId, doc.firstPublishedAt!)), 'the publish into the sub-column rewrote the parent page');
      assert.match(after!, /<h2 id="sub-1"><a href="[^"]*szfwj\/">省政府文件<\/a><\/h2>/);
      assert.match(after!, /关于印发全省数字政府建设方案的通知/);
    });

    test('column feeds and JSON list the newest first even when publish jobs ran in the other order', async () => {
      const column = await workflowColumn(ctx.platform, { workflow: ONE_STEP });
      const older = await publishedDocument(ctx.platform, { columnId: column.id, title: '较早批准的通知' });
      clock.advance(60_000);
      const newer = await publishedDocument(ctx.platform, { columnId: column.id, title: '较晚批准的通知' });
      // Two workers may take the jobs in either order: the newer one gets the first list position.
      const deps = publishingDeps(ctx.platform);
      await publishDocument(deps, newer.documentId);
      await publishDocument(deps, older.documentId);
      await ctx.platform.jobs.runDue();
      const slug = (await ctx.platform.db.selectFrom('columns').select('slug').where('id', '=', column.id).executeTakeFirstOrThrow()).slug;
      const rss = (await page(PROVINCE_PORTAL_CODE, `/${slug}/rss.xml`))!;
      assert.ok(rss.indexOf('较晚批准的通知') < rss.indexOf('较早批准的通知') && rss.includes('较早批准的通知'), rss);
      const json = JSON.parse((await page(PROVINCE_PORTAL_CODE, `/json/columns/${column.id}.json`))!) as { items: { title: string }[] };
      assert.deepEqual(json.items.map((i) => i.title), ['较晚批准的通知', '较早批准的通知']);
    });

    test('a full rebuild gives byte-identical pages for the same data', async () => {
      const deps = publishingDeps(ctx.platform);
      await rebuildAll(deps, { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
      const root = store().root;
      const snapshot = () => {
        const out = new Map<string, string>();
        const walk = (dir: string) => {
          for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const p = `${dir}/${e.name}`;
            if (e.isDirectory()) { if (e.name !== '_manifest') walk(p); } else out.set(p, fs.readFileSync(p).toString('base64'));
          }
        };
        walk(`${root}/${PROVINCE_PORTAL_CODE}`);
        return out;
      };
      const first = snapshot();
      await rebuildAll(deps, { siteCode: PROVINCE_PORTAL_CODE }, () => undefined);
      const second = snapshot();
      assert.ok(first.size > 10);
      assert.deepEqual([...second.keys()].sort(), [...first.keys()].sort());
      for (const [k, v] of first) assert.equal(second.get(k), v, `${k} changed between identical rebuilds`);
    });

    test('a document placed by reference appears on the receiving site, with its origin', async () => {
      const { documentId } = await publishedDocument(ctx.platform, { title: '全省共享的政策通知' });
      await ctx.platform.jobs.runDue();
      const target = await workflowColumn(ctx.platform, { siteCode: NANJING_PORTAL_CODE });
      const { placement } = await placeDocument({ db: ctx.platform.db, actor: SYSTEM, sourceId: documentId, input: { columnId: target.id, mode: 'reference' }, deps: contentDeps(ctx.platform) });
      await decidePlacement({ db: ctx.platform.db, actor: SYSTEM, placementId: placement.id, decision: 'accept', deps: contentDeps(ctx.platform) });
      // Accepting queued the document's publish (outbox).
      await ctx.platform.jobs.runDue();
      const path = articlePath(documentId, (await getDocument(ctx.platform.db, documentId))!.firstPublishedAt!);
      const html = await page(NANJING_PORTAL_CODE, path);
      assert.ok(html, 'rendered on the Nanjing portal too');
      assert.match(html, /转自：<a href="https:\/\/www\.jiangsu\.gov\.cn\/art\//);
      assert.match(html, /南京/);
      assert.ok((await getSiteByCode(ctx.platform.db, NANJING_PORTAL_CODE)) !== undefined);
    });

    test('a moved column leaves 301s at its old folder, a merged one redirects to its target, a deleted one answers 410', async () => {
      const deps = columnsDeps(ctx.platform);
      const parent = await workflowColumn(ctx.platform, { workflow: ONE_STEP });
      const moving = await workflowColumn(ctx.platform, { workflow: ONE_STEP });
      const merging = await workflowColumn(ctx.platform, { workflow: ONE_STEP });
      const empty = await workflowColumn(ctx.platform, { workflow: ONE_STEP });
      for (const c of [moving, merging]) await publishedDocument(ctx.platform, { columnId: c.id });
      const slugOf = async (id: number) => (await ctx.platform.db.selectFrom('columns').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
      await ctx.platform.jobs.runDue();
      const jobsBefore = await ctx.platform.db.selectFrom('jobs').select('id').where('kind', '=', 'publishing.rebuild').execute();
      assert.ok(jobsBefore.length >= 1, 'creating columns queued a rebuild of the site');
      const [movingSlug, mergingSlug, emptySlug, parentSlug] = [await slugOf(moving.id), await slugOf(merging.id), await slugOf(empty.id), await slugOf(parent.id)];
      assert.ok(await page(PROVINCE_PORTAL_CODE, `/${movingSlug}/index.html`), 'first rendered at the top level');

      await moveColumn({ db: ctx.platform.db, actor: SYSTEM, columnId: moving.id, input: { parentId: parent.id }, deps });
      await mergeColumns({ db: ctx.platform.db, actor: SYSTEM, columnId: merging.id, intoId: parent.id, deps });
      await deleteColumn({ db: ctx.platform.db, actor: SYSTEM, columnId: empty.id, deps });
      const queued = await ctx.platform.db.selectFrom('jobs').select('id').where('kind', '=', 'publishing.rebuild').where('status', '=', 'queued').execute();
      assert.equal(queued.length, 1, 'three changes, one queued rebuild');
      await ctx.platform.jobs.runDue();

      assert.deepEqual(await entry(PROVINCE_PORTAL_CODE, `/${movingSlug}/index.html`), { status: 301, location: `/${parentSlug}/${movingSlug}/` });
      assert.equal((await entry(PROVINCE_PORTAL_CODE, `/${movingSlug}/rss.xml`))?.location, `/${parentSlug}/${movingSlug}/rss.xml`);
      assert.ok(await page(PROVINCE_PORTAL_CODE, `/${parentSlug}/${movingSlug}/index.html`), 'rendered at the new folder');
      assert.equal((await entry(PROVINCE_PORTAL_CODE, `/${mergingSlug}/index.html`))?.location, `/${parentSlug}/`);
      assert.equal((await entry(PROVINCE_PORTAL_CODE, `/${emptySlug}/index.html`))?.status, 410);
      assert.match((await page(PROVINCE_PORTAL_CODE, `/${emptySlug}/index.html`)) ?? '', /该栏目已撤销/);
      const served = await ctx.app.inject({ method: 'GET', url: `/${movingSlug}/`, headers: { host: `${PROVINCE_PORTAL_CODE}.localhost` } });
      assert.equal(served.statusCode, 301);
      assert.equal(served.headers.location, `/${parentSlug}/${movingSlug}/`);
    });
  });
}
