/**
 * A site that is not open (closed here; offline and being set up answer the same way with 503)
 * serves none of its pages, feeds or search at any public address, and its documents leave the
 * platform-wide search, while the other sites go on as before.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signInFresh } from './columns-fixtures.js';
import { NANJING_PORTAL_CODE, ONE_STEP, PROVINCE_PORTAL_CODE, publishedDocument, workflowColumn } from '../support/workflow-fixtures.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import { searchDocuments } from '../../src/modules/search/search-documents.js';
import { ManualClock } from '../../src/platform/clock.js';

interface SearchBody { total: number; items: { title: string; siteCode: string }[] }

for (const engine of selectedEngines()) {
  describe(`a closed site is not public [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 3, 0, 0));
    before(async () => { ctx = await createTestContext(engine, { clock }); });
    after(async () => ctx?.close());
    const get = (code: string, url: string, method: 'GET' | 'HEAD' = 'GET') => ctx.app.inject({ method, url, headers: { host: `${code}.localhost` } });

    test('every public address of the closed site answers its 410 notice; its documents leave the search; the portal is untouched', async () => {
      const nanjing = await publishedDocument(ctx.platform, { columnId: (await workflowColumn(ctx.platform, { siteCode: NANJING_PORTAL_CODE, workflow: ONE_STEP })).id, title: '关于南京市冬季供暖保障的通知' });
      await publishedDocument(ctx.platform, { title: '关于全省冬季供暖保障的通知' });
      await ctx.platform.jobs.runDue();
      const site = await getSiteByCode(ctx.platform.db, NANJING_PORTAL_CODE);
      // (Through the module, not the route: the route remembers which sites are hidden for half a minute.)
      assert.equal((await searchDocuments(ctx.platform.db, { q: '供暖保障' })).total, 2, 'both are found while both sites are open');

      // Closed through the registry, as the platform administrator does it (audited there).
      const sys = await signInFresh(ctx, clock, ctx.accounts.sysadmin!);
      const closed = await sys.request('PATCH', `/api/v1/sites/${site!.id}`, { status: 'closed' });
      assert.equal(closed.statusCode, 200, closed.body);

      const portal = await getSiteByCode(ctx.platform.db, PROVINCE_PORTAL_CODE);
      for (const path of ['/', `/art/${new Date(clock.now()).getUTCFullYear()}/`, '/rss.xml', '/sitemap.xml', '/search.html?q=供暖', '/letters.html', `/does-not-exist-${nanjing.documentId}.html`]) {
        const res = await get(NANJING_PORTAL_CODE, path);
        assert.equal(res.statusCode, 410, `${path} → ${res.statusCode}`);
        assert.match(res.headers['content-type'] as string, /text\/html/);
        assert.equal(res.headers['cache-control'], 'no-store');
        assert.match(res.body, new RegExp(`${site!.name}已关闭`));
        assert.ok(res.body.includes(`href="https://${portal!.primaryDomain}"`), 'points visitors to the provincial portal');
        assert.doesNotMatch(res.body, /冬季供暖/);
      }
      const head = await get(NANJING_PORTAL_CODE, '/', 'HEAD');
      assert.equal(head.statusCode, 410);
      assert.equal(head.body, '');

      // The portal is served as before.
      assert.equal((await get(PROVINCE_PORTAL_CODE, '/')).statusCode, 200);

      // Search: the closed site is not searchable by code, and its documents leave the platform-wide search.
      const all = (await ctx.app.inject({ method: 'GET', url: `/api/v1/public/search?q=${encodeURIComponent('供暖保障')}` })).json() as SearchBody;
      assert.deepEqual(all.items.map((i) => i.title.replace(/<\/?mark>/g, '')), ['关于全省冬季供暖保障的通知']);
      assert.deepEqual(all.items.map((i) => i.siteCode), [PROVINCE_PORTAL_CODE]);
      const scoped = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/search?q=${encodeURIComponent('供暖')}&site=${NANJING_PORTAL_CODE}` });
      assert.equal(scoped.statusCode, 404);
      assert.equal((scoped.json() as { code: string }).code, 'search.site_not_found');
      const page = await get(PROVINCE_PORTAL_CODE, `/search.html?q=${encodeURIComponent('供暖保障')}`);
      assert.equal(page.statusCode, 200);
      const text = page.body.replace(/<\/?mark>/g, '');
      assert.match(text, /全省冬季供暖保障/);
      assert.doesNotMatch(text, /南京市冬季供暖保障/);
    });
  });
}
