import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, selectedEngines, type TestDatabase } from '../support/engines.js';
import { executeNamed, openDatabase, type DatabaseHandle } from '../../src/db/index.js';

interface Probe { probe_items: { id: number; label: string } }

for (const engine of selectedEngines()) {
  describe(`named statements [${engine}]`, () => {
    let tdb: TestDatabase;
    let dbh: DatabaseHandle;
    let db: Kysely<Probe>;
    before(async () => {
      tdb = await createTestDatabase(engine);
      dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
      db = dbh.db as unknown as Kysely<Probe>;
      await db.schema.createTable('probe_items').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('label', 'text', (c) => c.notNull()).execute();
      await db.insertInto('probe_items').values([{ id: 1, label: '一' }, { id: 2, label: '二' }]).execute();
    });
    after(async () => { await dbh.close(); await tdb.drop(); });

    const byId = (d: Kysely<Probe>, id: number) => executeNamed(d, 'probe_by_id', d.selectFrom('probe_items').select(['id', 'label']).where('id', '=', id));

    test('answers as the plain query does, for every value', async () => {
      for (let i = 0; i < 8; i++) assert.deepEqual(await byId(db, 1 + (i % 2)), [{ id: 1 + (i % 2), label: i % 2 === 0 ? '一' : '二' }]);
      assert.deepEqual(await byId(db, 3), []);
    });

    test('a column added later leaves it answering (its columns are named)', async () => {
      await byId(db, 1);
      await db.schema.alterTable('probe_items').addColumn('extra', 'text').execute();
      assert.deepEqual(await byId(db, 2), [{ id: 2, label: '二' }]);
    });

    if (engine === 'postgres') {
      test('PostgreSQL keeps it prepared on the connection, under one name per text', async () => {
        const prepared = await db.connection().execute(async (conn) => {
          await byId(conn, 1);
          await byId(conn, 2);
          return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn)).rows;
        });
        const mine = prepared.filter((p) => p.name.startsWith('probe_by_id_'));
        assert.equal(mine.length, 1, JSON.stringify(prepared));
        assert.match(mine[0]!.statement, /from "probe_items" where "id" = \$1/);
        // A plain query is not prepared under a name.
        assert.ok(!prepared.some((p) => p.statement.includes('pg_prepared_statements')));
      });

      test('a column whose type changed under it (a migration in another process): answered, and prepared again', async () => {
        await db.connection().execute(async (conn) => {
          assert.deepEqual(await byId(conn, 1), [{ id: 1, label: '一' }]);
          // Another connection changes the type: this one's plan no longer fits.
          await sql`alter table probe_items alter column label type varchar(50)`.execute(db);
          assert.deepEqual(await byId(conn, 2), [{ id: 2, label: '二' }]);
          assert.deepEqual(await byId(conn, 1), [{ id: 1, label: '一' }]);
          const names = (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(conn)).rows.map((r) => r.name);
          assert.equal(names.filter((n) => n.startsWith('probe_by_id_')).length, 1, 'prepared again under its name');
        });
      });

      test('a statement the server no longer holds (a pooler in transaction mode): answered plain, and no longer named', async () => {
        await db.connection().execute(async (conn) => {
          await byId(conn, 1);
          await sql`deallocate all`.execute(conn);
          assert.deepEqual(await byId(conn, 2), [{ id: 2, label: '二' }]);
          assert.deepEqual(await byId(conn, 1), [{ id: 1, label: '一' }]);
          assert.deepEqual((await sql<{ name: string }>`select name from pg_prepared_statements`.execute(conn)).rows, []);
        });
      });

      test('switched off (JIYUE_PG_NAMED_STATEMENTS=false, for a transaction-mode pooler): plain statements, same answers', async () => {
        const plain = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir, namedStatements: false });
        try {
          const pdb = plain.db as unknown as Kysely<Probe>;
          const prepared = await pdb.transaction().execute(async (trx) => {
            assert.deepEqual(await byId(trx, 2), [{ id: 2, label: '二' }]);
            return (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(trx)).rows;
          });
          assert.deepEqual(prepared, []);
        } finally {
          await plain.close();
        }
      });
    }
  });
}
