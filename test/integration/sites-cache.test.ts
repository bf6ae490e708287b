import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { getSiteByCode, getSiteByCodeCached, sitesDeps, updateSite } from '../../src/modules/sites/index.js';

const PORTAL = '3200000001';

for (const engine of selectedEngines()) {
  describe(`sites: the public forms' memory of sites by code [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => { ctx = await createTestContext(engine); });
    after(async () => { await ctx.close(); });

    test('serves from memory what another process changed, and sees this process\'s own change at once', async () => {
      const first = await getSiteByCodeCached(ctx.platform.db, PORTAL);
      assert.ok(first);
      // Written past the sites module, as another process's write looks from here.
      await ctx.platform.db.updateTable('sites').set({ name: '别的进程改的名称' }).where('code', '=', PORTAL).execute();
      assert.equal((await getSiteByCodeCached(ctx.platform.db, PORTAL))?.name, first.name);
      assert.equal((await getSiteByCode(ctx.platform.db, PORTAL))?.name, '别的进程改的名称');
      await updateSite({ db: ctx.platform.db, actor: systemActor('test'), siteId: first.id, input: { status: 'closed' }, deps: sitesDeps(ctx.platform) });
      const now = await getSiteByCodeCached(ctx.platform.db, PORTAL);
      assert.equal(now?.status, 'closed');
      assert.equal(now?.name, '别的进程改的名称');
    });

    test('finds nothing for a code that names no site', async () => {
      assert.equal(await getSiteByCodeCached(ctx.platform.db, '9999999999'), undefined);
    });
  });
}
