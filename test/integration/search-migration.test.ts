import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, selectedEngines, type TestDatabase } from '../support/engines.js';
import { migrate, openDatabase, type DatabaseHandle } from '../../src/db/index.js';
import { migrations } from '../../src/db/migrations/index.js';
import { SEARCH_REINDEX_KIND } from '../../src/modules/search/index.js';

const KEYS_MIGRATION = '20261126_0009_search_recency_keys';
const before = migrations.slice(0, migrations.findIndex((m) => m.name === KEYS_MIGRATION));

/** One entry as the search module wrote it before 0009 (group in the top bits of its key). */
async function insertOldEntry(db: Kysely<unknown>, engine: string): Promise<void> {
  const sk = 2 * 2 ** 50 + 29_000_000 * 2 ** 22 + 7;
  const extra = engine === 'postgres' ? sql`, tsv, tsv_title` : sql``;
  const extraValues = engine === 'postgres' ? sql`, ${"'社保':1A"}::tsvector, ${"'社保':1A"}::tsvector` : sql``;
  await sql`insert into search_entries (document_id, sk, site_id, column_id, site_ids, column_ids, kind, grp, title, body, summary, keywords,
    issuing_org_name, published_at, url, terms, indexed_at${extra})
    values (7, ${sk}, 1, 1, ',1,', ',1,', 'policy_document', 'policy', '社保', '', '', '', '', 1740000000000, '/a.html', '', 0${extraValues})`.execute(db);
  if (engine === 'sqlite') await sql`insert into search_fts (rowid, title, body, meta, tags) values (${sk}, '社保', '', '', 'site1')`.execute(db);
  await sql`insert into search_terms (site_id, term, doc_count) values (1, '社保', 1)`.execute(db);
}

async function queuedReindexJobs(db: Kysely<unknown>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from jobs where kind = ${SEARCH_REINDEX_KIND} and status = 'queued'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

async function entryCount(db: Kysely<unknown>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from search_entries`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

for (const engine of selectedEngines()) {
  describe(`search key migration [${engine}]`, () => {
    const opened: { tdb: TestDatabase; dbh: DatabaseHandle }[] = [];
    const fresh = async () => {
      const tdb = await createTestDatabase(engine);
      const dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
      opened.push({ tdb, dbh });
      return dbh.db as unknown as Kysely<unknown>;
    };
    after(async () => {
      for (const { tdb, dbh } of opened) {
        await dbh.close();
        await tdb.drop();
      }
    });

    test('entries with keys in the old layout are dropped and a rebuild is queued', async () => {
      const db = await fresh();
      await migrate(db, engine, before);
      await insertOldEntry(db, engine);
      assert.equal(await entryCount(db), 1);
      await migrate(db, engine, migrations);
      assert.equal(await entryCount(db), 0, 'no entry keeps a key of the old layout');
      const terms = await sql<{ n: number }>`select count(*) as n from search_terms`.execute(db);
      assert.equal(Number(terms.rows[0]?.n), 0, 'suggestion counts go with their entries');
      if (engine === 'sqlite') {
        const left = await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match '"社保"'`.execute(db);
        assert.equal(Number(left.rows[0]?.n), 0, 'the full-text rows are gone too');
      }
      assert.equal(await queuedReindexJobs(db), 1, 'the worker rebuilds the index from the published documents');
    });

    test('an empty index needs no rebuild', async () => {
      const db = await fresh();
      await migrate(db, engine, migrations);
      assert.equal(await queuedReindexJobs(db), 0);
    });
  });
}
