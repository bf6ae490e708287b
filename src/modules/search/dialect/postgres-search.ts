import { sql, type RawBuilder } from 'kysely';
import type { QueryClause } from '../parse-query.js';
import type { KeyRange, MatchSpec, PreparedRow, SearchDb, SearchDialect } from './search-dialect.js';

/**
 * PostgreSQL: the tsvector and tsquery are written as literals built here from the jieba
 * tokens, not by to_tsvector/to_tsquery: the lexemes are exactly the tokens FTS5 indexes (the
 * 'simple' parser would split covid-19 and drop emoji and symbols), and PostgreSQL's parser
 * never runs, which halves the cost of an insert.
 */

/** ts_rank weights {D, C, B, A} = tags, meta, body, title (a title word counts ten body words; tags never count), normalized by log(length) like bm25. */
const RANK = sql.raw(`ts_rank('{0, 0.3, 0.1, 1.0}', tsv, q.query, 1)`);
/** tsvector limits: positions above 16383 are stored as 16383; at most 256 positions per lexeme; a lexeme below 2 KiB. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 255;
const MAX_LEXEME_BYTES = 2_000;
/** Positions left empty between fields, so a phrase never runs from the title into the body. */
const FIELD_GAP = 8;

/** A lexeme as a tsvector/tsquery literal operand: single-quoted, quotes and backslashes escaped; no input is ever syntax. */
function quote(token: string): string {
  return token.includes("'") || token.includes('\\') ? `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${token}'`;
}

type Weight = 'A' | 'B' | 'C' | 'D';

/** `'lexeme':1A,7A 'other':3B …` from space-separated tokens, field by field (a hot loop: plain strings, no sets). */
export function tsvectorLiteral(fields: readonly (readonly [tokens: string, weight: Weight])[]): string {
  const positions = new Map<string, { list: string; n: number; last: number }>();
  let pos = 0;
  for (const [text, weight] of fields) {
    if (text !== '') {
      for (const token of text.split(' ')) {
        pos += 1;
        // UTF-16 length × 3 bounds the UTF-8 size: measure only the rare long token.
        if (token === '' || (token.length * 3 > MAX_LEXEME_BYTES && Buffer.byteLength(token) > MAX_LEXEME_BYTES)) continue;
        const p = pos > MAX_POSITION ? MAX_POSITION : pos;
        const seen = positions.get(token);
        if (!seen) positions.set(token, { list: `${p}${weight}`, n: 1, last: p });
        else if (seen.n < MAX_POSITIONS_PER_LEXEME && seen.last !== p) {
          seen.list += `,${p}${weight}`;
          seen.n += 1;
          seen.last = p;
        }
      }
    }
    pos += FIELD_GAP;
  }
  const parts: string[] = [];
  for (const [lexeme, v] of positions) parts.push(`${quote(lexeme)}:${v.list}`);
  return parts.join(' ');
}

function clauseText(c: QueryClause, weights: string): string {
  if (c.tokens.length === 1) return `${quote(c.tokens[0]!)}:${weights}`;
  return `(${c.tokens.map((t) => `${quote(t)}:${weights}`).join(' <-> ')})`;
}

/** The tsquery literal: the user's clauses restricted to their weights (title A; anywhere A, B, C), AND the tags (D). */
export function tsqueryLiteral(m: MatchSpec): string {
  const weights = m.scope === 'title' ? 'A' : 'ABC';
  return [...m.clauses.map((c) => clauseText(c, weights)), ...m.tags.map((t) => `${quote(t)}:D`)].join(' & ');
}

function matching(m: MatchSpec, r: KeyRange): RawBuilder<unknown> {
  return sql`tsv @@ ${tsqueryLiteral(m)}::tsquery and sk between ${r.lo} and ${r.hi}`;
}

const CHUNK = 200;

export const postgresSearch: SearchDialect = {
  async deleteText() {
    // The tsvector lives in the search_entries row, which the caller deletes.
  },

  async insertRows(db: SearchDb, rows: readonly PreparedRow[]) {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await db.insertInto('search_entries').values(chunk.map((r) => ({
        ...r.row,
        tsv: sql`${tsvectorLiteral([[r.title, 'A'], [r.body, 'B'], [r.meta, 'C'], [r.tags, 'D']])}::tsvector`,
      }) as never)).execute();
    }
  },

  async clearText() {
    // Nothing apart from search_entries.
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
    const r = await sql<{ sk: number; score: number }>`
      select w.sk, ${RANK} as score
      from (select sk, tsv from search_entries where ${matching(match, range)} order by sk desc limit ${limit}) w,
           (select ${tsqueryLiteral(match)}::tsquery as query) q`.execute(db);
    return r.rows.map((x) => ({ sk: Number(x.sk), score: Number(x.score) }));
  },

  async optimize(db) {
    // Fresh planner statistics after a bulk load (VACUUM cannot run inside the job's transaction; autovacuum follows).
    await sql`analyze search_entries`.execute(db);
  },
};
