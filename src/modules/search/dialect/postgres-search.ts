import { sql, type RawBuilder } from 'kysely';
import type { QueryClause } from '../parse-query.js';
import { MAX_KEY } from '../search-key.js';
import { rawInsert } from './raw-insert.js';
import { ENTRY_COLUMNS, entriesUpsert, TERMS_UPSERT, type KeyRange, type MatchSpec, type PreparedRow, type SearchDb, type SearchDialect } from './search-dialect.js';

/**
 * PostgreSQL: tsvector and tsquery are written as literals built here from the jieba tokens, not
 * by to_tsvector/to_tsquery: the lexemes are exactly the tokens FTS5 indexes (the 'simple'
 * parser would split covid-19 and drop symbols) and the server's parser never runs.
 *
 * Matching never restricts weights: a weight-restricted tsquery makes GIN recheck every
 * candidate row against its (TOASTed) tsvector, seconds for a common word at a million rows.
 * Instead the title tier matches its own small `tsv_title`, and the filter tokens are lexemes no
 * user word can equal (they contain a space; query tokens never do), the result group too.
 * Weights stay in `tsv` for ranking only.
 */

/** ts_rank weights {D, C, B, A} = tags, meta, body, title (a title word counts ten body words; tags never count), normalized by log(length) like bm25. */
const RANK_WEIGHTS = sql.raw(`'{0, 0.3, 0.1, 1.0}'`);
/** The longest lexeme written (PostgreSQL refuses 2 KiB and more); the other limits (positions above 16383, more than 256 per lexeme) the server applies itself. */
const MAX_LEXEME_BYTES = 2_000;
/** Positions left empty between fields, so a phrase never runs from the title into the body. */
const FIELD_GAP = 8;

/** A filter token as a lexeme: with a space, so it can never be typed (segmentation splits on spaces). */
export const tagLexeme = (tag: string): string => `tag ${tag}`;

/** A lexeme as a tsvector/tsquery literal operand: single-quoted, quotes and backslashes escaped; no input is ever syntax. */
function quote(token: string): string {
  return token.includes("'") || token.includes('\\') ? `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${token}'`;
}

type Weight = 'A' | 'B' | 'C' | 'D';

/** Positions whose `':<pos><weight>` suffix is kept (longer texts build the rest each time). */
const CACHED_POSITIONS = 1 << 16;
const suffixes = new Map<Weight, string[]>();

/** `':<pos><weight>` (closing the lexeme's quote): converting the position to text was most of a token's cost. */
function suffix(weight: Weight, pos: number): string {
  if (pos >= CACHED_POSITIONS) return `':${pos}${weight}`;
  let list = suffixes.get(weight);
  if (!list) suffixes.set(weight, (list = []));
  return (list[pos] ??= `':${pos}${weight}`);
}

/**
 * `'lexeme':1A 'other':2A 'lexeme':3A …` from space-separated tokens, field by field: one entry
 * per occurrence, in text order. The server's tsvector input merges the entries of a lexeme
 * (keeping the first weight of a position), stores positions above 16383 as 16383 and keeps
 * 256 per lexeme, so none of that is done here: grouping the occurrences in a Map cost the
 * indexing thread more than the rest of the write (a hot loop: plain string building).
 */
export function tsvectorLiteral(fields: readonly (readonly [tokens: string, weight: Weight, lexeme?: (t: string) => string])[]): string {
  let out = '';
  let pos = 0;
  for (const [text, weight, lexeme] of fields) {
    if (text !== '') {
      // Quotes and backslashes are rare: check the field once, not every token.
      const plain = !lexeme && !text.includes("'") && !text.includes('\\');
      for (let start = 0; ;) {
        const end = text.indexOf(' ', start);
        const raw = end === -1 ? text.slice(start) : text.slice(start, end);
        pos += 1;
        // UTF-16 length × 3 bounds the UTF-8 size: measure only the rare long token.
        if (raw !== '' && !(raw.length * 3 > MAX_LEXEME_BYTES - 8 && Buffer.byteLength(lexeme ? lexeme(raw) : raw) > MAX_LEXEME_BYTES)) {
          // quote() adds both quotes; the suffix brings the closing one.
          const open = plain ? `'${raw}` : quote(lexeme ? lexeme(raw) : raw).slice(0, -1);
          out += (out === '' ? open : ` ${open}`) + suffix(weight, pos);
        }
        if (end === -1) break;
        start = end + 1;
      }
    }
    pos += FIELD_GAP;
  }
  return out;
}

function clauseText(c: QueryClause): string {
  if (c.tokens.length === 1) return quote(c.tokens[0]!);
  return `(${c.tokens.map(quote).join(' <-> ')})`;
}

/** The tsquery literal: the user's clauses AND the filter lexemes (the scope picks the column, not a weight). */
export function tsqueryLiteral(m: MatchSpec): string {
  return [...m.clauses.map(clauseText), ...m.tags.map((t) => quote(tagLexeme(t)))].join(' & ');
}

/**
 * The condition. A range that is every key is written `sk + 0`, so the planner does not AND
 * the GIN bitmap with a b-tree bitmap of the whole table; a date range keeps the index.
 */
function matching(m: MatchSpec, r: KeyRange): RawBuilder<unknown> {
  const column = sql.raw(m.scope === 'title' ? 'tsv_title' : 'tsv');
  const key = sql.raw(r.lo === 0 && r.hi >= MAX_KEY ? 'sk + 0' : 'sk');
  return sql`${column} @@ ${tsqueryLiteral(m)}::tsquery and ${key} between ${r.lo} and ${r.hi}`;
}

const CHUNK = 50;
const TERM_CHUNK = 1000;
const ENTRIES_UPSERT = entriesUpsert(['tsv', 'tsv_title']);
const TERM_COLUMNS = ['site_id', 'term', 'doc_count'] as const;

export const postgresSearch: SearchDialect = {
  async deleteText() {
    // The tsvectors live in the search_entries row, which is overwritten or deleted.
  },

  async insertRows(db: SearchDb, rows: readonly PreparedRow[]) {
    // Chunks are sent without waiting for the previous one (the connection queues them, in
    // order, in the same transaction): the server stores chunk k while this thread builds the
    // tsvector literals of chunk k + 1. A failed chunk fails the transaction, and Promise.all
    // reports it.
    const sent: Promise<void>[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const p = rawInsert(db, {
        table: 'search_entries', columns: [...ENTRY_COLUMNS, 'tsv', 'tsv_title'], placeholder: (n) => `$${n}`, cast: { tsv: 'tsvector', tsv_title: 'tsvector' },
        suffix: ENTRIES_UPSERT,
        rows: chunk.map((r) => [
          ...r.row,
          tsvectorLiteral([[r.title, 'A'], [r.body, 'B'], [r.meta, 'C'], [r.tags, 'D', tagLexeme]]),
          tsvectorLiteral([[r.title, 'A'], [r.tags, 'D', tagLexeme]]),
        ]),
      });
      p.catch(() => undefined);
      sent.push(p);
      // Let the query go out before building the next chunk.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(sent);
  },

  async addTermCounts(db, rows) {
    for (let i = 0; i < rows.length; i += TERM_CHUNK) {
      await rawInsert(db, { table: 'search_terms', columns: TERM_COLUMNS, rows: rows.slice(i, i + TERM_CHUNK), placeholder: (n) => `$${n}`, suffix: TERMS_UPSERT });
    }
  },

  async clearText() {
    // Nothing apart from search_entries.
  },

  async groupCounts(db, match, range, cap) {
    const r = await sql<{ g: number; n: number }>`select sk % 4 as g, count(*) as n from (select sk from search_entries where ${matching(match, range)} limit ${cap + 1}) t group by g`.execute(db);
    const perGroup = [0, 0, 0, 0];
    for (const row of r.rows) perGroup[Number(row.g)] = Number(row.n);
    return { total: perGroup.reduce((a, b) => a + b, 0), perGroup };
  },

  async count(db, match, range, cap) {
    const r = await sql<{ n: number }>`select count(*) as n from (select 1 from search_entries where ${matching(match, range)} limit ${cap + 1}) t`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },

  async newest(db, match, range, limit) {
    const r = await sql<{ sk: number }>`select sk from search_entries where ${matching(match, range)} order by sk desc limit ${limit}`.execute(db);
    return r.rows.map((x) => Number(x.sk));
  },

  async scoredNewest(db, match, range, limit) {
    const column = sql.raw(match.scope === 'title' ? 'tsv_title' : 'tsv');
    const r = await sql<{ sk: number; score: number }>`
      select w.sk, ts_rank(${RANK_WEIGHTS}, w.v, ${tsqueryLiteral(match)}::tsquery, 1) as score
      from (select sk, ${column} as v from search_entries where ${matching(match, range)} order by sk desc limit ${limit}) w`.execute(db);
    return r.rows.map((x) => ({ sk: Number(x.sk), score: Number(x.score) }));
  },

  async session(db, fn) {
    // The planner does not count the cost of reading each row's TOASTed tsvector: left alone it
    // picks a sequential scan for `LIMIT n` over a common word and reads seconds of tsvectors.
    // Bitmaps stay exact (no lossy pages to recheck) with more work_mem; JIT only adds latency.
    const tune = async (trx: SearchDb) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local work_mem = '64MB'`.execute(trx);
      await sql`set local jit = off`.execute(trx);
    };
    if (db.isTransaction) {
      // Inside the caller's transaction: tune for the search, then put the settings back.
      await tune(db);
      try {
        return await fn(db);
      } finally {
        await sql`set local enable_seqscan to default`.execute(db);
        await sql`set local work_mem to default`.execute(db);
        await sql`set local jit to default`.execute(db);
      }
    }
    return db.transaction().execute(async (trx) => {
      await tune(trx);
      return fn(trx);
    });
  },

  async optimize(db) {
    // Fresh planner statistics after a bulk load (VACUUM cannot run inside the job's transaction; autovacuum follows).
    await sql`analyze search_entries`.execute(db);
  },
};
