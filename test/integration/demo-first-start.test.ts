import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, selectedEngines } from '../support/engines.js';
import { testConfig } from '../support/platform.js';
import { prepareData } from '../../src/cli/start-command.js';
import { createPlatform } from '../../src/platform/platform.js';
import { reindexAll, searchDocuments, SEARCH_REINDEX_KIND } from '../../src/modules/search/index.js';
import { REBUILD_KIND } from '../../src/modules/publishing/index.js';

for (const engine of selectedEngines()) {
  describe(`first start with the demo seed [${engine}]`, () => {
    test('queues the search index of the demo documents once; run, it finds them with a Chinese query', async () => {
      const tdb = await createTestDatabase(engine);
      try {
        const config = testConfig(tdb, { demoSeed: true });
        await prepareData(config);
        // A second start finds data: no second seed and no second index job.
        await prepareData(config);
        const platform = await createPlatform(config);
        try {
          const queued = await platform.db.selectFrom('jobs').select(['kind', 'status', 'created_by']).where('kind', '=', SEARCH_REINDEX_KIND).execute();
          assert.deepEqual(queued.map((j) => [j.status, j.created_by]), [['queued', null]], 'one index job, queued by the platform itself');
          // The sites are not rendered yet (no worker ran): the second start finds the first's rebuild waiting.
          const rebuilds = await platform.db.selectFrom('jobs').select(['status', 'payload']).where('kind', '=', REBUILD_KIND).execute();
          assert.deepEqual(rebuilds.map((j) => [j.status, j.payload]), [['queued', '{}']], 'one full rebuild');
          const outcome = await reindexAll(platform.db, async () => undefined);
          assert.ok(outcome.indexed >= 2000, `${outcome.indexed} demo documents indexed`);
          const after = await searchDocuments(platform.db, { q: '政务' });
          assert.ok(after.total > 0 && after.items.length > 0, 'a two-character word finds demo documents');
        } finally {
          await platform.close();
        }
      } finally {
        await tdb.drop();
      }
    });
  });
}
