import { sql, type RawBuilder } from 'kysely';
import type { QueryClause } from '../parse-query.js';
import { looksLikeTag } from '../reserved-tokens.js';
import { rawInsert } from './raw-insert.js';
import { ENTRY_COLUMNS, entriesUpsert, TERMS_UPSERT, type KeyRange, type MatchSpec, type PreparedRow, type SearchDb, type SearchDialect } from './search-dialect.js';

/** bm25 column weights (title, body, meta, tags): a title word counts ten body words; tags never count. */
const BM25 = sql.raw('bm25(search_fts, 10.0, 1.0, 3.0, 0.0)');

/** A token as an FTS5 string: always quoted, quotes doubled, so no input is ever FTS5 syntax. */
function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

function clauseText(c: QueryClause): string {
  // Inside one string the tokens form a phrase: adjacent, in order.
  return quote(c.tokens.join(' '));
}

/**
 * The MATCH expression: the user's clauses, AND the filter tokens in `tags`. A clause is
 * restricted to the text columns only when one of its words has the form of a filter token:
 * other words never occur in `tags`, and a column filter makes FTS5 read every position list
 * it walks (counting a common word's documents, as bm25 does for each word, took 1.5–3× as long).
 */
export function fts5Expression(m: MatchSpec): string {
  const columns = m.scope === 'title' ? '{title}' : '{title body meta}';
  const parts = m.clauses.map((c) => (c.tokens.some(looksLikeTag) ? `${columns} : ${clauseText(c)}` : clauseText(c)));
  if (m.tags.length > 0) parts.push(`{tags} : (${m.tags.map(quote).join(' AND ')})`);
  return parts.join(' AND ');
}

/**
 * The table a scope searches: titles have their own small index (search_title_fts), so
 * "titles holding these words" walks title doclists only, not every document holding the words.
 */
const tableOf = (m: MatchSpec): RawBuilder<unknown> => sql.raw(m.scope === 'title' ? 'search_title_fts' : 'search_fts');

function inRange(m: MatchSpec, r: KeyRange): RawBuilder<unknown> {
  // The home site is not a token (a document shown by reference on a hidden site stays findable):
  // its entries are left out by key, a set SQLite builds once per statement.
  const hidden = m.hiddenSites && m.hiddenSites.length > 0
    ? sql` and rowid not in (select sk from search_entries where site_id in (${sql.join(m.hiddenSites)}))`
    : sql``;
  return sql`${tableOf(m)} match ${fts5Expression(m)} and rowid between ${r.lo} and ${r.hi}${hidden}`;
}

/**
 * Rows per INSERT (bulk indexing writes 1,000 documents a transaction: one statement per table).
 * A multi-row INSERT opens a statement savepoint, and FTS5 writes its buffered terms out as a
 * new segment at every savepoint: three statements per 200 rows made five small segments per
 * table and transaction, each merged again later. 1,000 × 21 values stays below SQLite's
 * 32,766 bound parameters.
 */
const CHUNK = 1_000;
const TERM_CHUNK = 1000;
const ENTRIES_UPSERT = entriesUpsert();
const FTS_COLUMNS = ['rowid', 'title', 'body', 'meta', 'tags'] as const;
const TITLE_COLUMNS = ['rowid', 'title', 'tags'] as const;
const TERM_COLUMNS = ['site_id', 'term', 'doc_count'] as const;
/** Pages of merged output per step of optimize(). */
const MERGE_PAGES = 2000;

export const sqliteSearch: SearchDialect = {
  async deleteText(db, sks) {
    for (let i = 0; i < sks.length; i += 500) {
      await sql`delete from search_fts where rowid in (${sql.join(sks.slice(i, i + 500))})`.execute(db);
      await sql`delete from search_title_fts where rowid in (${sql.join(sks.slice(i, i + 500))})`.execute(db);
    }
  },

  async insertRows(db: SearchDb, rows: readonly PreparedRow[]) {
    // In ascending rowid order: FTS5 flushes its in-memory buffer to a new segment whenever a
    // rowid is not above the previous one, and a batch in key order costs a tenth of one in
    // document order (keys follow publication time, not document ids).
    const sorted = [...rows].sort((a, b) => a.sk - b.sk);
    // Table by table: each full-text table's statements then flush only its own rows.
    for (let i = 0; i < sorted.length; i += CHUNK) {
      await rawInsert(db, { table: 'search_entries', columns: ENTRY_COLUMNS, rows: sorted.slice(i, i + CHUNK).map((r) => r.row), placeholder: () => '?', suffix: ENTRIES_UPSERT });
    }
    for (let i = 0; i < sorted.length; i += CHUNK) {
      await rawInsert(db, { table: 'search_fts', columns: FTS_COLUMNS, rows: sorted.slice(i, i + CHUNK).map((r) => [r.sk, r.title, r.body, r.meta, r.tags]), placeholder: () => '?' });
    }
    for (let i = 0; i < sorted.length; i += CHUNK) {
      await rawInsert(db, { table: 'search_title_fts', columns: TITLE_COLUMNS, rows: sorted.slice(i, i + CHUNK).map((r) => [r.sk, r.title, r.tags]), placeholder: () => '?' });
    }
  },

  async addTermCounts(db, rows) {
    for (let i = 0; i < rows.length; i += TERM_CHUNK) {
      await rawInsert(db, { table: 'search_terms', columns: TERM_COLUMNS, rows: rows.slice(i, i + TERM_CHUNK), placeholder: () => '?', suffix: TERMS_UPSERT });
    }
  },

  async clearText(db) {
    await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
    await sql`insert into search_title_fts (search_title_fts) values ('delete-all')`.execute(db);
  },

  async groupCounts(db, match, range, cap) {
    // Row ids only (no column is read): the group is the key's two low bits. In index order
    // (ascending): FTS5 walks doclists forwards a third faster than backwards.
    const r = await sql<{ g: number; n: number }>`select rowid % 4 as g, count(*) as n from (select rowid from ${tableOf(match)} where ${inRange(match, range)} limit ${cap + 1}) group by g`.execute(db);
    const perGroup = [0, 0, 0, 0];
    for (const row of r.rows) perGroup[Number(row.g)] = Number(row.n);
    return { total: perGroup.reduce((a, b) => a + b, 0), perGroup };
  },

  async count(db, match, range, cap) {
    const r = await sql<{ n: number }>`select count(*) as n from (select rowid from ${tableOf(match)} where ${inRange(match, range)} limit ${cap + 1})`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },

  async newest(db, match, range, limit) {
    const r = await sql<{ rowid: number }>`select rowid from ${tableOf(match)} where ${inRange(match, range)} order by rowid desc limit ${limit}`.execute(db);
    return r.rows.map((x) => Number(x.rowid));
  },

  async scoredNewest(db, match, range, limit) {
    // FTS5 walks the doclists newest first and stops after `limit` rows: bm25 is computed for those only.
    const r = await sql<{ rowid: number; score: number }>`select rowid, ${BM25} as score from search_fts where ${inRange({ ...match, scope: 'all' }, range)} order by rowid desc limit ${limit}`.execute(db);
    return r.rows.map((x) => ({ sk: Number(x.rowid), score: -Number(x.score) }));
  },

  async session(db, fn) {
    return fn(db);
  },

  async optimize(db) {
    for (const table of ['search_fts', 'search_title_fts']) await mergeAll(db, table);
  },
};

/**
 * 'optimize' in small steps (a negative 'merge' merges everything, at most that many pages a
 * call): one connection serves the whole process, and a single 'optimize' of a large index
 * would hold it, and the write lock, for tens of seconds. A step that changed fewer than two
 * rows found nothing left to merge.
 */
async function mergeAll(db: SearchDb, table: string): Promise<void> {
  const t = sql.raw(table);
  for (let step = 0; step < 100_000; step++) {
    const before = await sql<{ n: number }>`select total_changes() as n`.execute(db);
    await sql`insert into ${t} (${t}, rank) values ('merge', ${-MERGE_PAGES})`.execute(db);
    const after = await sql<{ n: number }>`select total_changes() as n`.execute(db);
    if (Number(after.rows[0]?.n ?? 0) - Number(before.rows[0]?.n ?? 0) < 2) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
