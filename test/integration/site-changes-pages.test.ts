/**
 * What a site's pages show of its registry entry (name, contact, filing numbers...) follows a
 * change: the change queues a rebuild of that site in its own transaction, several edits in a
 * row are rebuilt once, and a change the pages do not show queues nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signInFresh } from './columns-fixtures.js';
import { PROVINCE_PORTAL_CODE, publishedDocument } from '../support/workflow-fixtures.js';
import { getSiteByCode, SITE_CHANGED_KIND } from '../../src/modules/sites/index.js';
import { ManualClock } from '../../src/platform/clock.js';

for (const engine of selectedEngines()) {
  describe(`a site's registry changes reach its pages [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 3, 0, 0));
    before(async () => { ctx = await createTestContext(engine, { clock }); });
    after(async () => ctx?.close());
    const queued = async () => (await ctx.platform.db.selectFrom('jobs').select('id').where('kind', '=', SITE_CHANGED_KIND).where('status', '=', 'queued').execute()).length;
    const home = async () => (await ctx.app.inject({ method: 'GET', url: '/', headers: { host: `${PROVINCE_PORTAL_CODE}.localhost` } })).body;

    test('the site admin changes the phone and the name: one rebuild, after which the home page shows both', async () => {
      await publishedDocument(ctx.platform);
      await ctx.platform.jobs.runDue();
      assert.doesNotMatch(await home(), /025-88886666/);
      const portal = await getSiteByCode(ctx.platform.db, PROVINCE_PORTAL_CODE);
      const admin = await signInFresh(ctx, clock, ctx.accounts.siteadmin!);
      const phone = await admin.request('PATCH', `/api/v1/sites/${portal!.id}/settings`, { contact: { phone: '025-88886666' } });
      assert.equal(phone.statusCode, 200, phone.body);
      const name = await admin.request('PATCH', `/api/v1/sites/${portal!.id}/settings`, { name: '江苏省人民政府门户网站（测试）' });
      assert.equal(name.statusCode, 200, name.body);
      assert.equal(await queued(), 1, 'two edits, one rebuild');

      const report = await ctx.platform.jobs.runDue();
      assert.ok(report.succeeded >= 1);
      assert.equal(await queued(), 0);
      const page = await home();
      assert.match(page, /025-88886666/);
      assert.match(page, /江苏省人民政府门户网站（测试）/);

      // Aliases are not on the pages: no rebuild.
      const sys = await signInFresh(ctx, clock, ctx.accounts.sysadmin!);
      const alias = await sys.request('PATCH', `/api/v1/sites/${portal!.id}`, { aliases: ['js.gov.cn'] });
      assert.equal(alias.statusCode, 200, alias.body);
      assert.equal(await queued(), 0);
    });
  });
}
