import { sql, type Kysely } from 'kysely';
import { bigint, notNull, withId, type Migration, type MigrationContext } from '../migration-kit.js';

/**
 * Full-text search (站内搜索): the index entries, the engine's full-text structure, the
 * suggestion vocabulary and the anonymous query log.
 *
 * - SQLite: an FTS5 table `search_fts` (title, body, meta, tags), contentless (the original
 *   text is in search_entries), rows deletable, rowid = search_entries.sk. Its text arrives
 *   already segmented by jieba and lower-cased, so the `ascii` tokenizer only has to split on
 *   the spaces (every non-ASCII character is a token character).
 * - PostgreSQL: a `tsv` tsvector column (title A, body B, meta C, tags D: the jieba tokens,
 *   written as a literal) and `tsv_title` (title and tags), each with a GIN index.
 */
export const migration: Migration = {
  name: '20261126_0005_search',
  async up(db: Kysely<unknown>, { engine }: MigrationContext) {
    let entries = db.schema.createTable('search_entries')
      .addColumn('document_id', bigint, (c) => c.primaryKey())
      .addColumn('sk', bigint, (c) => c.notNull().unique())
      .addColumn('site_id', bigint, notNull)
      .addColumn('column_id', bigint, notNull)
      .addColumn('site_ids', 'varchar(2000)', notNull)
      .addColumn('column_ids', 'varchar(2000)', notNull)
      .addColumn('kind', 'varchar(32)', notNull)
      .addColumn('grp', 'varchar(16)', notNull)
      .addColumn('title', 'text', notNull)
      .addColumn('body', 'text', notNull)
      .addColumn('summary', 'text', notNull)
      .addColumn('keywords', 'text', notNull)
      .addColumn('index_number', 'varchar(64)')
      .addColumn('document_number', 'varchar(100)')
      .addColumn('topic_category', 'varchar(200)')
      .addColumn('genre', 'varchar(64)')
      .addColumn('issuing_org_name', 'varchar(200)', notNull)
      .addColumn('published_at', bigint, notNull)
      .addColumn('url', 'varchar(500)', notNull)
      .addColumn('terms', 'text', notNull)
      .addColumn('indexed_at', bigint, notNull);
    if (engine === 'postgres') entries = entries.addColumn('tsv', sql`tsvector`, notNull).addColumn('tsv_title', sql`tsvector`, notNull);
    await entries.execute();
    await db.schema.createIndex('search_entries_index_number_idx').on('search_entries').column('index_number').execute();
    await db.schema.createIndex('search_entries_document_number_idx').on('search_entries').column('document_number').execute();

    if (engine === 'postgres') {
      // lz4 compresses the body and the tsvector several times faster than the default pglz.
      await sql`alter table search_entries alter column body set compression lz4, alter column tsv set compression lz4`.execute(db);
      await sql`create index search_entries_tsv_idx on search_entries using gin (tsv)`.execute(db);
      // Title matches rank first; their own small tsvector answers them without rechecking rows.
      await sql`create index search_entries_tsv_title_idx on search_entries using gin (tsv_title)`.execute(db);
      // Suggestions are found by prefix range: code-point order, whatever the database's collation.
      await sql`create table search_terms (site_id bigint not null, term varchar(100) collate "C" not null, doc_count integer not null, primary key (site_id, term))`.execute(db);
    } else {
      await sql`create virtual table search_fts using fts5(title, body, meta, tags, content='', contentless_delete=1, tokenize='ascii')`.execute(db);
      // Clustered by its key (one b-tree, not table + index): every publish updates a few dozen rows.
      await sql`create table search_terms (site_id integer not null, term varchar(100) not null, doc_count integer not null, primary key (site_id, term)) without rowid`.execute(db);
    }

    await withId(db.schema.createTable('search_queries'), engine)
      .addColumn('query', 'varchar(200)', notNull)
      .addColumn('site_id', bigint)
      .addColumn('results', 'integer', notNull)
      .addColumn('created_at', bigint, notNull)
      .addColumn('day', 'varchar(10)', notNull)
      .execute();
    await db.schema.createIndex('search_queries_day_idx').on('search_queries').columns(['day', 'query']).execute();
  },
};
