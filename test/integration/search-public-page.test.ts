/**
 * The public search page (/search.html) on a site, in its theme, working without JavaScript:
 * a Chinese query finds a published document (highlighted), a withdrawn one is gone, and
 * odd input gives the page with a message, never an error.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { withdrawDocument, workflowDeps } from '../../src/modules/workflow/index.js';
import { PROVINCE_PORTAL_CODE, publishedDocument } from '../support/workflow-fixtures.js';
import { DYNAMIC_PAGES_PER_MINUTE } from '../../src/modules/delivery/public-server.js';

for (const engine of selectedEngines()) {
  describe(`public search page [${engine}]`, () => {
    let ctx: TestContext;
    const host = `${PROVINCE_PORTAL_CODE}.localhost`;
    before(async () => { ctx = await createTestContext(engine); });
    after(async () => ctx?.close());
    const get = (q: string) => ctx.app.inject({ method: 'GET', url: `/search.html?q=${encodeURIComponent(q)}`, headers: { host } });

    test('finds a published document by a two-character word; withdrawn → gone; bad input → a message', async () => {
      const { documentId } = await publishedDocument(ctx.platform, { title: '关于做好冬季供暖保障工作的通知' });
      await ctx.platform.jobs.runDue();
      const res = await get('供暖');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.match(res.body, /<mark>供暖<\/mark>/);
      assert.match(res.body, /网站标识码：3200000001/, 'in the site theme');
      assert.equal(res.headers['cache-control'], 'no-store');
      for (const odd of ['"', '*', 'AND', 'a:b', '😀😀', 'x'.repeat(500), '政务 OR 社保 NEAR(1)']) {
        const r = await get(odd);
        assert.ok(r.statusCode === 200, `${JSON.stringify(odd.slice(0, 20))} → ${r.statusCode}`);
      }
      // A NUL is refused at the edge (the platform's text guard): a clear 400, not a 500.
      assert.equal((await get('\u0000')).statusCode, 400);
      await withdrawDocument({ db: ctx.platform.db, actor: systemActor('t'), documentId, input: { reason: '撤稿', showPublicly: true }, deps: workflowDeps(ctx.platform) });
      await ctx.platform.jobs.runDue();
      assert.doesNotMatch((await get('供暖')).body, /冬季供暖保障/);
    });

    test('one address gets its allowance of search pages a minute, then a 429 page; other addresses are still served', async () => {
      const from = (remoteAddress: string) => ctx.app.inject({ method: 'GET', url: '/search.html', headers: { host }, remoteAddress });
      for (let i = 0; i < DYNAMIC_PAGES_PER_MINUTE; i++) {
        const r = await from('198.51.100.7');
        assert.equal(r.statusCode, 200, `request ${i + 1}`);
      }
      const refused = await from('198.51.100.7');
      assert.equal(refused.statusCode, 429);
      assert.match(refused.headers['content-type'] as string, /text\/html/);
      assert.match(refused.body, /访问过于频繁/);
      assert.ok(Number(refused.headers['retry-after']) >= 1 && Number(refused.headers['retry-after']) <= 60, String(refused.headers['retry-after']));
      assert.equal(refused.headers['cache-control'], 'no-store');
      assert.ok(refused.headers['content-security-policy'], 'with the public security headers');
      assert.equal((await from('198.51.100.8')).statusCode, 200);
      // Stored pages are not dynamic pages: the same address still gets them.
      assert.notEqual((await ctx.app.inject({ method: 'GET', url: '/', headers: { host }, remoteAddress: '198.51.100.7' })).statusCode, 429);
    });
  });
}
