/**
 * Writes a DocumentSet fast, outside the application's connection: on SQLite a second
 * better-sqlite3 connection with multi-row INSERT statements in transactions of CHUNK documents
 * (big page cache, synchronous off: the data is throwaway); on PostgreSQL `INSERT … SELECT FROM
 * unnest(arrays)` per chunk, with each distinct edition text sent once into a temp table and
 * joined in. Ids are explicit (documents.current_edition_id must name the edition before the
 * edition exists), so PostgreSQL's identity sequences are moved past them afterwards.
 */
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { BenchDocument, DocumentSet, EditionText } from './document-set.js';

const CHUNK = 20_000;
const ROWS_PER_STATEMENT = 100;

type Value = number | string | null;

const DOCUMENT_COLUMNS = [
  ['id', 'bigint'], ['site_id', 'bigint'], ['column_id', 'bigint'], ['org_id', 'bigint'], ['kind', 'text'], ['index_number', 'text'],
  ['status', 'text'], ['current_edition_id', 'bigint'], ['published_edition_id', 'bigint'], ['is_major', 'int'], ['interprets_id', 'bigint'],
  ['created_by', 'bigint'], ['created_at', 'bigint'], ['updated_at', 'bigint'], ['first_published_at', 'bigint'], ['last_published_at', 'bigint'],
  ['withdrawn_at', 'bigint'], ['withdraw_reason', 'text'], ['withdraw_public', 'int'],
] as const;

function documentValues(d: BenchDocument, authorId: number): Value[] {
  return [
    d.id, d.siteId, d.columnId, d.orgId, d.kind, d.indexNumber, d.status, d.editionId, d.status === 'published' ? d.editionId : null,
    d.isMajor ? 1 : 0, null, authorId, d.createdAt, d.updatedAt, d.firstPublishedAt, d.lastPublishedAt, d.withdrawnAt,
    d.withdrawnAt === null ? null : '信息已过时效', 1,
  ];
}

/** Edition columns that differ per row; the text columns come from the set's texts; the rest are constants. */
const EDITION_ROW_COLUMNS = [
  ['id', 'bigint'], ['document_id', 'bigint'], ['status', 'text'], ['text_n', 'int'], ['scheduled_publish_at', 'bigint'], ['created_at', 'bigint'],
  ['updated_at', 'bigint'], ['submitted_at', 'bigint'], ['approved_at', 'bigint'], ['published_at', 'bigint'],
] as const;

function editionRowValues(d: BenchDocument): Value[] {
  return [d.editionId, d.id, d.editionStatus, d.text, d.scheduledPublishAt, d.createdAt, d.updatedAt, d.submittedAt, d.approvedAt, d.publishedAt];
}

const TEXT_COLUMNS = [
  'title', 'body_html', 'summary', 'keywords', 'document_number', 'topic_category', 'topic_category_version', 'genre', 'issuing_org_name', 'date_written', 'source',
] as const;

function textValues(t: EditionText): Value[] {
  return [t.title, t.bodyHtml, t.summary, t.keywords, t.documentNumber, t.topicCategory, t.topicCategoryVersion, t.genre, t.issuingOrgName, t.dateWritten, t.source];
}

/** Every column of document_editions in the order both writers use. */
const EDITION_COLUMNS = [
  'id', 'document_id', 'number', 'status', 'lock_version', ...TEXT_COLUMNS, 'subtitle', 'validity', 'validity_date', 'author_id', 'last_editor_id',
  'review_step', 'checks', 'correction_note', 'scheduled_publish_at', 'scheduled_unpublish_at', 'created_at', 'updated_at', 'submitted_at',
  'approved_at', 'published_at',
] as const;

function editionValues(d: BenchDocument, t: EditionText, authorId: number): Value[] {
  return [
    d.editionId, d.id, 1, d.editionStatus, 1, ...textValues(t), '', 'valid', null, authorId, authorId,
    0, '[]', null, d.scheduledPublishAt, null, d.createdAt, d.updatedAt, d.submittedAt, d.approvedAt, d.publishedAt,
  ];
}

export interface BulkProgress {
  update(done: number, total: number): void;
}

export async function writeDocumentSetSqlite(file: string, set: DocumentSet, q: { authorId: number; progress: BulkProgress }): Promise<void> {
  const raw = new SqliteDatabase(file);
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = OFF');
    raw.pragma('cache_size = -524288');
    const statements = new Map<string, SqliteDatabase.Statement>();
    const insert = (table: string, columns: readonly string[], rows: readonly Value[][]) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const part = rows.slice(i, i + ROWS_PER_STATEMENT);
        const key = `${table}:${part.length}`;
        let stmt = statements.get(key);
        if (!stmt) {
          const tuple = `(${columns.map(() => '?').join(', ')})`;
          stmt = raw.prepare(`insert into ${table} (${columns.join(', ')}) values ${part.map(() => tuple).join(', ')}`);
          statements.set(key, stmt);
        }
        stmt.run(part.flat());
      }
    };
    const total = set.remaining;
    const chunk = raw.transaction((docs: readonly BenchDocument[]) => {
      insert('documents', DOCUMENT_COLUMNS.map(([c]) => c), docs.map((d) => documentValues(d, q.authorId)));
      insert('document_editions', EDITION_COLUMNS, docs.map((d) => editionValues(d, set.texts[d.text] as EditionText, q.authorId)));
    });
    while (set.remaining > 0) {
      chunk(set.take(CHUNK));
      q.progress.update(total - set.remaining, total);
      // Let the event loop breathe (progress output, signals) between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    raw.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    raw.close();
  }
}

const unnestOf = (columns: readonly (readonly [string, string])[], from = 1) =>
  `unnest(${columns.map(([, type], i) => `$${i + from}::${type}[]`).join(', ')}) as u(${columns.map(([c]) => c).join(', ')})`;

function columnArrays(rows: readonly Value[][], width: number): Value[][] {
  const arrays: Value[][] = Array.from({ length: width }, () => []);
  for (const row of rows) row.forEach((v, i) => (arrays[i] as Value[]).push(v));
  return arrays;
}

export async function writeDocumentSetPostgres(url: string, set: DocumentSet, q: { authorId: number; progress: BulkProgress }): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('set synchronous_commit = off');
    await client.query(`create temp table bench_texts (n int primary key, ${TEXT_COLUMNS.map((c) => `${c} text`).join(', ')})`);
    const textRows = set.texts.map((t, n) => [n, ...textValues(t)]);
    await client.query(
      `insert into bench_texts select * from ${unnestOf([['n', 'int'], ...TEXT_COLUMNS.map((c) => [c, 'text'] as const)])}`,
      columnArrays(textRows, TEXT_COLUMNS.length + 1),
    );
    const docSql = `insert into documents (${DOCUMENT_COLUMNS.map(([c]) => c).join(', ')}) select * from ${unnestOf(DOCUMENT_COLUMNS)}`;
    const authorParam = `$${EDITION_ROW_COLUMNS.length + 1}::bigint`;
    const editionSql = `insert into document_editions (${EDITION_COLUMNS.join(', ')})
      select u.id, u.document_id, 1, u.status, 1, ${TEXT_COLUMNS.map((c) => `t.${c}`).join(', ')}, '', 'valid', null, ${authorParam}, ${authorParam},
        0, '[]', null, u.scheduled_publish_at, null, u.created_at, u.updated_at, u.submitted_at, u.approved_at, u.published_at
      from ${unnestOf(EDITION_ROW_COLUMNS)} join bench_texts t on t.n = u.text_n
      order by u.id`;
    const total = set.remaining;
    while (set.remaining > 0) {
      const docs = set.take(CHUNK);
      await client.query('begin');
      await client.query(docSql, columnArrays(docs.map((d) => documentValues(d, q.authorId)), DOCUMENT_COLUMNS.length));
      await client.query(editionSql, [...columnArrays(docs.map(editionRowValues), EDITION_ROW_COLUMNS.length), q.authorId]);
      await client.query('commit');
      q.progress.update(total - set.remaining, total);
    }
    for (const table of ['documents', 'document_editions']) {
      await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
    }
  } finally {
    await client.end();
  }
}

/** What autovacuum would have done by the time a real platform holds this many rows: statistics and the visibility map. */
export async function vacuumAnalyzePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('vacuum (analyze) documents, document_editions');
  } finally {
    await client.end();
  }
}
