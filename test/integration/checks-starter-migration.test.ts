import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { createTestDatabase, selectedEngines, type TestDatabase } from '../support/engines.js';
import { migrate, openDatabase, type DatabaseHandle } from '../../src/db/index.js';
import { migrations } from '../../src/db/migrations/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { importStarterDictionary, STARTER_DICTIONARY } from '../../src/modules/checks/index.js';

const MIGRATION = '20261128_0021_check_starter_imports';

/**
 * Migration 0021 on a database that already has a dictionary: entries deleted or renamed before
 * it (as the audit log shows) must not come back with the next "导入初始词库".
 */
for (const engine of selectedEngines()) {
  describe(`checks: migration 0021 remembers the starter phrases already offered [${engine}]`, () => {
    let tdb: TestDatabase;
    let dbh: DatabaseHandle;
    after(async () => {
      await dbh.close();
      await tdb.drop();
    });

    it('fills check_starter_imports from the dictionary and the audit log, and the import then leaves those phrases alone', async () => {
      tdb = await createTestDatabase(engine);
      dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
      const at = migrations.findIndex((m) => m.name === MIGRATION);
      assert.ok(at > 0);
      await migrate(dbh.db as unknown as Kysely<unknown>, engine, migrations.slice(0, at));
      const db = dbh.db;

      const entry = (phrase: string) => ({ phrase, suggestion: '', category: 'miswritten' as const, severity: 'warn' as const, created_at: 1000 });
      await db.insertInto('banned_expressions').values([entry('报导'), entry('聋子们'), entry('管理员自己加的词')]).execute();
      let seq = 0;
      const audit = (action: string, detail: string) => ({
        seq: ++seq, at: 2000 + seq, actor_id: null, actor_name: 'admin', org_id: null, action, target_type: 'check_dictionary', target_id: '1',
        result: 'success' as const, ip: '-', user_agent: '-', detail, prev_hash: '', hash: '',
      });
      await db.insertInto('audit_events').values([
        audit('checks.dictionary.delete', JSON.stringify({ phrase: '其它', suggestion: '其他', category: 'miswritten', severity: 'warn' })),
        audit('checks.dictionary.update', JSON.stringify({ before: { phrase: '聋子' }, after: { phrase: '聋子们' } })),
        // Not a rename: nothing to remember.
        audit('checks.dictionary.update', JSON.stringify({ before: { phrase: '帐号' }, after: { phrase: '帐号' } })),
        audit('checks.dictionary.delete', 'not json'),
        audit('checks.dictionary.create', JSON.stringify({ phrase: '制订' })),
      ]).execute();

      await dbh.migrate();
      const rows = await db.selectFrom('check_starter_imports').selectAll().orderBy('phrase').execute();
      assert.deepEqual(
        rows.map((r) => [r.phrase, Number(r.imported_at)]).sort(),
        [['其它', 2001], ['报导', 1000], ['管理员自己加的词', 1000], ['聋子', 2002], ['聋子们', 1000]].sort(),
      );

      const log: unknown[] = [];
      const deps = { clock: new ManualClock(5000), audit: { append: async (_t: unknown, _a: unknown, e: unknown) => { log.push(e); }, appendMany: async () => {} } };
      const result = await importStarterDictionary({ db, actor: systemActor('test'), deps });
      const phrases = new Set((await db.selectFrom('banned_expressions').select('phrase').execute()).map((r) => r.phrase));
      assert.ok(!phrases.has('其它'), 'deleted before the migration: stays deleted');
      assert.ok(!phrases.has('聋子'), 'renamed before the migration: not added next to the new name');
      assert.ok(phrases.has('帐号') && phrases.has('制订'), 'starter phrases never offered are added');
      assert.equal(result.added, STARTER_DICTIONARY.filter((e) => !['其它', '聋子', '报导'].includes(e.phrase)).length);
      assert.equal(log.length, 1);
    });
  });
}
