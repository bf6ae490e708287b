import { sql } from 'kysely';
import { readMatches, type ReadSpec } from './postgres-read-plan.js';
import { tagLexeme, tsqueryLiteral, tsqueryOperands } from './postgres-tsquery.js';
import { rawInsert } from './raw-insert.js';
import { ENTRY_COLUMNS, entriesUpsert, TERMS_UPSERT, type KeyRange, type MatchSpec, type PreparedRow, type SearchDb, type SearchDialect } from './search-dialect.js';

/**
 * PostgreSQL: tsvectors (in binary form) and tsqueries (as literals) are built here from the jieba
 * tokens, not by to_tsvector/to_tsquery: the lexemes are exactly the tokens FTS5 indexes (the
 * 'simple' parser would split covid-19 and drop symbols) and the server's parser never runs.
 *
 * Matching never restricts weights: a weight-restricted tsquery makes GIN recheck every
 * candidate row against its (TOASTed) tsvector, seconds for a common word at a million rows.
 * Instead the title tier matches its own small `tsv_title`, and the filter tokens are lexemes no
 * user word can equal (they contain a space; query tokens never do), the result group too.
 * Weights stay in `tsv` for ranking only.
 */

/** ts_rank weights {D, C, B, A} = tags, meta, body, title (a title word counts ten body words; tags never count), normalized by log(length) like bm25. */
const RANK_WEIGHTS = sql.raw(`'{0, 0.3, 0.1, 1.0}'`);
/** The longest lexeme written (PostgreSQL refuses 2 KiB and more). */
const MAX_LEXEME_BYTES = 2_000;
/** Positions left empty between fields, so a phrase never runs from the title into the body. */
const FIELD_GAP = 8;

type Weight = 'A' | 'B' | 'C' | 'D';

/** A position's weight in its two top bits (WordEntryPos): A 3, B 2, C 1, D 0. */
const WEIGHT_BITS: Readonly<Record<Weight, number>> = { A: 3 << 14, B: 2 << 14, C: 1 << 14, D: 0 };
/** The largest position a tsvector stores (later ones are stored as this one). */
const MAX_POSITION = 16_383;
/** Positions kept per lexeme. */
const MAX_POSITIONS = 256;
/**
 * A tsvector in the server's binary input format (tsvectorrecv), from space-separated tokens,
 * field by field (a gap of FIELD_GAP positions between fields, so a phrase never runs from one
 * field into the next): int32 lexeme count, then per lexeme its NUL-terminated UTF-8, a uint16
 * position count and the positions (weight in the top two bits), ascending. Sent as a bound
 * Buffer: parsing a text literal (tsvectorin: tokenizing, then sorting every occurrence) was a
 * third of the server's work per document. The lexemes go in the server's order (byte order of
 * their UTF-8, which is UTF-16 order here but for characters outside the BMP): tsvectorrecv then
 * only checks the order instead of sorting, which was a tenth of the server's CPU per document
 * while bulk indexing (the server is the shared, scarce side). Where the order differs (a
 * character outside the BMP, a lone surrogate written as U+FFFD) the server notices and sorts,
 * so the result is the same.
 * What tsvectorin would do is done here: positions above MAX_POSITION become MAX_POSITION (one
 * entry, the highest weight of the occurrences there), at most MAX_POSITIONS per lexeme, and a
 * lexeme over MAX_LEXEME_BYTES is left out.
 */
export function tsvectorBinary(fields: readonly (readonly [tokens: string, weight: Weight, lexeme?: (t: string) => string])[]): Buffer {
  const positions = new Map<string, number[]>();
  let pos = 0;
  for (const [text, weight, lexeme] of fields) {
    if (text !== '') {
      const w = WEIGHT_BITS[weight];
      for (let start = 0; ;) {
        const end = text.indexOf(' ', start);
        const raw = end === -1 ? text.slice(start) : text.slice(start, end);
        pos += 1;
        // UTF-16 length × 3 bounds the UTF-8 size: measure only the rare long token. NUL cannot be sent (normalizeText drops it anyway).
        if (raw !== '' && !(raw.length * 3 > MAX_LEXEME_BYTES - 8 && Buffer.byteLength(lexeme ? lexeme(raw) : raw) > MAX_LEXEME_BYTES) && !raw.includes('\0')) {
          const key = lexeme ? lexeme(raw) : raw;
          const p = pos > MAX_POSITION ? MAX_POSITION : pos;
          const list = positions.get(key);
          if (!list) positions.set(key, [p | w]);
          else {
            const last = list[list.length - 1]!;
            if ((last & MAX_POSITION) === p) {
              if ((last & ~MAX_POSITION) < w) list[list.length - 1] = p | w;
            } else if (list.length < MAX_POSITIONS) list.push(p | w);
          }
        }
        if (end === -1) break;
        start = end + 1;
      }
    }
    pos += FIELD_GAP;
  }
  let bound = 4;
  for (const [l, list] of positions) bound += l.length * 3 + 3 + list.length * 2;
  const buf = Buffer.allocUnsafe(bound);
  buf.writeInt32BE(positions.size, 0);
  let at = 4;
  // Bytes written here, not by Buffer calls: a call per lexeme and position cost more than the rest.
  for (const l of [...positions.keys()].sort()) {
    const list = positions.get(l)!;
    for (let i = 0; i < l.length; i++) {
      let c = l.charCodeAt(i);
      if (c < 0x80) buf[at++] = c;
      else if (c < 0x800) {
        buf[at++] = 0xc0 | (c >> 6);
        buf[at++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < l.length && (l.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (l.charCodeAt(++i) - 0xdc00);
        buf[at++] = 0xf0 | (c >> 18);
        buf[at++] = 0x80 | ((c >> 12) & 0x3f);
        buf[at++] = 0x80 | ((c >> 6) & 0x3f);
        buf[at++] = 0x80 | (c & 0x3f);
      } else {
        // A lone surrogate becomes U+FFFD, as Buffer.from would write it.
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
        buf[at++] = 0xe0 | (c >> 12);
        buf[at++] = 0x80 | ((c >> 6) & 0x3f);
        buf[at++] = 0x80 | (c & 0x3f);
      }
    }
    buf[at++] = 0;
    buf[at++] = list.length >> 8;
    buf[at++] = list.length & 0xff;
    for (const p of list) {
      buf[at++] = p >> 8;
      buf[at++] = p & 0xff;
    }
  }
  return buf.subarray(0, at);
}

/** What to read: the scope picks the column (titles have their own small tsvector), the tsquery matches. */
export function readSpec(m: MatchSpec, range: KeyRange, limit: number, ordered: boolean): ReadSpec {
  return { column: m.scope === 'title' ? 'tsv_title' : 'tsv', tsquery: tsqueryLiteral(m), operands: tsqueryOperands(m), range, limit, ordered, hiddenSites: m.hiddenSites ?? [] };
}

const CHUNK = 50;
const TERM_CHUNK = 1000;
const ENTRIES_UPSERT = entriesUpsert(['tsv', 'tsv_title']);
const TERM_COLUMNS = ['site_id', 'term', 'doc_count'] as const;

export { tagLexeme, tsqueryLiteral };

/**
 * Planner settings for a search. The planner does not count the cost of reading each row's
 * TOASTed tsvector: left alone it picks a sequential scan for `LIMIT n` over a common word and
 * reads seconds of tsvectors. Bitmaps stay exact (no lossy pages to recheck) with more work_mem;
 * JIT only adds latency; reads are planned for one core each (postgres-read-plan.ts), and
 * parallel workers only add start-up time.
 */
const SEARCH_SETTINGS: Readonly<Record<string, string>> = { enable_seqscan: 'off', work_mem: '64MB', jit: 'off', max_parallel_workers_per_gather: '0' };

/** Sets them for the rest of the transaction, in one round trip. */
async function applySettings(db: SearchDb, values: Readonly<Record<string, string>>): Promise<void> {
  await sql`select ${sql.join(Object.entries(values).map(([name, value]) => sql`set_config(${name}, ${value}, true)`))}`.execute(db);
}

async function currentSettings(db: SearchDb): Promise<Record<string, string>> {
  const r = await sql<{ name: string; setting: string }>`select name, current_setting(name) as setting from unnest(${Object.keys(SEARCH_SETTINGS)}::text[]) as name`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [x.name, x.setting]));
}

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
          tsvectorBinary([[r.title, 'A'], [r.body, 'B'], [r.meta, 'C'], [r.tags, 'D', tagLexeme]]),
          tsvectorBinary([[r.title, 'A'], [r.tags, 'D', tagLexeme]]),
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
    const keys = await readMatches(db, readSpec(match, range, cap + 1, false));
    const perGroup = [0, 0, 0, 0];
    for (const sk of keys) perGroup[sk % 4]! += 1;
    return { total: keys.length, perGroup };
  },

  async count(db, match, range, cap) {
    return (await readMatches(db, readSpec(match, range, cap + 1, false))).length;
  },

  async newest(db, match, range, limit) {
    return readMatches(db, readSpec(match, range, limit, true));
  },

  async scoredNewest(db, match, range, limit) {
    const spec = readSpec(match, range, limit, true);
    const keys = await readMatches(db, spec);
    if (keys.length === 0) return [];
    const r = await sql<{ sk: string; score: number }>`
      select sk, ts_rank(${RANK_WEIGHTS}, ${sql.raw(spec.column)}, ${spec.tsquery}::tsquery, 1) as score
      from search_entries where sk = any(${keys}::bigint[])`.execute(db);
    return r.rows.map((x) => ({ sk: Number(x.sk), score: Number(x.score) }));
  },

  async session(db, fn) {
    if (db.isTransaction) {
      // Inside the caller's transaction (its isolation is its own): tune for the search, then put
      // back what the caller had. After a failed search the transaction may be aborted, and the
      // restore's error must not hide the search's.
      const saved = await currentSettings(db);
      await applySettings(db, SEARCH_SETTINGS);
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn(db);
      } catch (err) {
        await applySettings(db, saved).catch(() => undefined);
        throw err;
      }
      await applySettings(db, saved);
      return result;
    }
    // One snapshot for the counts and the page: a read may take several statements
    // (postgres-read-plan.ts), and a document re-indexed between them must not be half seen.
    return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
      await applySettings(trx, SEARCH_SETTINGS);
      return fn(trx);
    });
  },

  async optimize(db) {
    // Fresh planner statistics after a bulk load (VACUUM cannot run inside the job's transaction; autovacuum follows).
    await sql`analyze search_entries`.execute(db);
  },
};
