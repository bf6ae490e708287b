import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import { createTestDatabase, selectedEngines, type TestDatabase } from '../support/engines.js';
import { migrate, MigrationError, openDatabase, type DatabaseHandle } from '../../src/db/index.js';
import { migrations } from '../../src/db/migrations/index.js';
import type { Migration } from '../../src/db/migration-kit.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A migration that creates a table and then fails: the table must vanish with the rest. */
const badMigration: Migration = {
  name: 'zz_bad',
  up: async (db) => {
    await db.schema.createTable('should_vanish').addColumn('x', 'integer').execute();
    throw new Error('boom');
  },
};

/** Tables the platform migration creates (a sample from each module). */
const PLATFORM_TABLES = ['organizations', 'users', 'role_grants', 'sessions', 'audit_events', 'jobs'];

async function tableNames(dbh: DatabaseHandle): Promise<string[]> {
  return (await dbh.db.introspection.getTables()).map((t) => t.name).sort();
}

async function appliedNames(dbh: DatabaseHandle): Promise<string[]> {
  return (await dbh.db.selectFrom('schema_migrations').select('name').orderBy('name').execute()).map((r) => r.name);
}

const raw = (dbh: DatabaseHandle) => dbh.db as unknown as Kysely<unknown>;

for (const engine of selectedEngines()) {
  describe(`migrations [${engine}]`, () => {
    const opened: { tdb: TestDatabase; dbh: DatabaseHandle }[] = [];
    const fresh = async () => {
      const tdb = await createTestDatabase(engine);
      const dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
      opened.push({ tdb, dbh });
      return dbh;
    };
    after(async () => {
      for (const { tdb, dbh } of opened) {
        await dbh.close();
        await tdb.drop();
      }
    });

    test('migrating twice: the first run applies every migration, the second applies nothing', async () => {
      const dbh = await fresh();
      const first = await dbh.migrate();
      assert.deepEqual(first.applied, migrations.map((m) => m.name));
      assert.equal(first.alreadyApplied, 0);
      const tablesAfterFirst = await tableNames(dbh);
      for (const t of PLATFORM_TABLES) assert.ok(tablesAfterFirst.includes(t), `missing table ${t}`);
      const second = await dbh.migrate();
      assert.deepEqual(second.applied, []);
      assert.equal(second.alreadyApplied, migrations.length);
      assert.deepEqual(await tableNames(dbh), tablesAfterFirst);
      assert.deepEqual(await appliedNames(dbh), migrations.map((m) => m.name).sort());
    });

    test('a failing migration on a fresh database leaves it as it was: all or nothing', async () => {
      const dbh = await fresh();
      await assert.rejects(migrate(raw(dbh), engine, [...migrations, badMigration]), (err: unknown) => {
        assert.ok(err instanceof MigrationError, String(err));
        assert.equal(err.migrationName, 'zz_bad');
        assert.match(err.message, /zz_bad/);
        assert.match(err.message, /boom/);
        return true;
      });
      const tables = await tableNames(dbh);
      assert.ok(!tables.includes('should_vanish'), 'the failing migration\'s table is gone');
      for (const t of PLATFORM_TABLES) assert.ok(!tables.includes(t), `the good migrations were rolled back too, but ${t} exists`);
      assert.deepEqual(await appliedNames(dbh), []);
      // And the database is still usable: a correct run now succeeds.
      assert.deepEqual((await dbh.migrate()).applied, migrations.map((m) => m.name));
    });

    test('a failing new migration on a migrated database changes nothing', async () => {
      const dbh = await fresh();
      await dbh.migrate();
      const tables = await tableNames(dbh);
      const applied = await appliedNames(dbh);
      const rows = await dbh.db.selectFrom('schema_migrations').selectAll().orderBy('name').execute();
      const good: Migration = { name: 'zz_good', up: async (db) => { await db.schema.createTable('also_vanishes').addColumn('y', 'integer').execute(); } };
      await assert.rejects(migrate(raw(dbh), engine, [...migrations, good, badMigration]), (err: unknown) => {
        assert.ok(err instanceof MigrationError);
        assert.equal(err.migrationName, 'zz_bad');
        return true;
      });
      assert.deepEqual(await tableNames(dbh), tables);
      assert.deepEqual(await appliedNames(dbh), applied);
      assert.deepEqual(await dbh.db.selectFrom('schema_migrations').selectAll().orderBy('name').execute(), rows);
    });

    test('`jiyue migrate` twice: exit 0, then "up to date"', async () => {
      const tdb = await createTestDatabase(engine);
      try {
        const env: NodeJS.ProcessEnv = { ...process.env, JIYUE_DATA_DIR: tdb.dataDir, JIYUE_LOG_LEVEL: 'silent' };
        delete env.DATABASE_URL;
        if (tdb.databaseUrl) env.DATABASE_URL = tdb.databaseUrl;
        const cli = () => run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate'], { cwd: ROOT, env, timeout: 60_000 });
        const first = await cli();
        assert.match(first.stdout, new RegExp(`^applied ${migrations.length} migration\\(s\\): ${migrations[0]!.name}`));
        const second = await cli(); // execFile rejects on a non-zero exit code
        assert.match(second.stdout, /up to date/);
        assert.equal(second.stderr, '');
      } finally {
        await tdb.drop();
      }
    });
  });
}
