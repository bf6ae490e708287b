import { sql, type RawBuilder } from 'kysely';
import { MAX_KEY } from '../search-key.js';
import { quoteLexeme } from './postgres-tsquery.js';
import type { KeyRange, SearchDb } from './search-dialect.js';

/**
 * How PostgreSQL reads the matches of a search: which rows, in which order, with how much work.
 *
 * A GIN index answers "which rows hold these words" as a bitmap, in no order. Ordering the
 * matches newest first then reads every matching row (a heap visit each, for its key): at
 * 1,000,000 documents a word held by 74,000 of them cost 126 ms, nearly all of it those visits.
 * Three ways to read the newest `limit` matches, chosen per query by the estimated share of
 * rows that match (the planner's own estimate, from the lexeme statistics ANALYZE keeps):
 *
 * - `bitmap`: every match, then the newest. Cheapest for rare words (few visits).
 * - `window`: the bitmap ANDed with the key range of the newest rows that should hold about
 *   WINDOW_SLACK × `limit` matches, so only those are visited; if the estimate was high and the
 *   window holds too few, the rest of the range follows as `bitmap` — the result is the same.
 * - `walk`: the key index newest first, each row's tsvector checked, stopping at `limit`
 *   matches. Cheapest for a word most documents hold (no bitmap of hundreds of thousands of
 *   rows to build); bounded to WALK_SLACK × the expected rows, then the rest of the range
 *   follows as `bitmap`.
 *
 * The result is exactly what the plain query gives: the newest `limit` matches (or, unordered,
 * any `limit` of them); only the work differs.
 */

/** Relative costs per row, in microseconds, measured on 1,000,000 documents (session 12, docs/performance.md). */
const COST = {
  /** Decoding one entry of a GIN posting list into the bitmap. */
  bitmapEntry: 0.05,
  /** A heap visit for one matching row (its key), mostly a different page each. */
  heapVisit: 1.5,
  /** Reading one row of the key index, to find a window's edge and to AND its bitmap. */
  keyIndexRow: 0.25,
  /** Walking one row newest first: heap visit, detoasting its tsvector, matching it. */
  walkRow: 13,
} as const;
/** A window is sized to hold this many times the matches wanted, so a low estimate rarely needs the fallback. */
const WINDOW_SLACK = 2;
/** A walk gives up (and the rest goes by bitmap) after this many times the rows it expected to read. */
const WALK_SLACK = 4;
/**
 * Estimates are kept this long (the statistics behind them change only with ANALYZE), one cache
 * per process: they choose how to read, never what is read, so a stale one costs time only.
 */
const ESTIMATE_TTL_MS = 60_000;
const ESTIMATE_CACHE_SIZE = 2_000;

export type ReadPlan =
  | { readonly kind: 'bitmap' }
  | { readonly kind: 'window'; readonly rows: number }
  | { readonly kind: 'walk'; readonly rows: number };

/** What a plan is chosen from: estimates. */
export interface ReadEstimate {
  /** Rows in the key range. */
  readonly rows: number;
  /** Rows in the table: GIN decodes whole posting lists, whatever the range. */
  readonly tableRows: number;
  /** The share of rows that match (the table's, taken for the range's too). */
  readonly share: number;
  /** Posting-list entries of all the query's lexemes together, as a share of the table's rows. */
  readonly postings: number;
  readonly limit: number;
  /** The newest `limit` are wanted; otherwise any `limit` will do (a bitmap stops there). */
  readonly ordered: boolean;
  /** Rows may be checked one by one (a phrase is not: its share is the least certain, and every row read would be checked for it). */
  readonly walkable: boolean;
}

/** The cheapest plan by the estimates (costs in COST's microseconds). */
export function chooseReadPlan(e: ReadEstimate): ReadPlan {
  const matches = e.share * e.rows;
  if (e.share <= 0 || matches <= e.limit) return { kind: 'bitmap' };
  const decode = e.postings * e.tableRows * COST.bitmapEntry;
  const bitmap = decode + (e.ordered ? matches : e.limit) * COST.heapVisit;
  const walkRows = Math.ceil(e.limit / e.share);
  const walk = e.walkable ? walkRows * COST.walkRow : Infinity;
  const windowRows = Math.ceil((WINDOW_SLACK * e.limit) / e.share);
  const window = e.ordered && windowRows < e.rows ? decode + windowRows * COST.keyIndexRow + WINDOW_SLACK * e.limit * COST.heapVisit : Infinity;
  if (walk <= bitmap && walk <= window) return { kind: 'walk', rows: walkRows };
  if (window < bitmap) return { kind: 'window', rows: windowRows };
  return { kind: 'bitmap' };
}

interface Cached {
  readonly value: number;
  readonly at: number;
}
const estimates = new Map<string, Cached>();

function remember(key: string, value: number): number {
  // Oldest first out: a refreshed entry moves to the back.
  estimates.delete(key);
  if (estimates.size >= ESTIMATE_CACHE_SIZE) estimates.delete(estimates.keys().next().value!);
  estimates.set(key, { value, at: Date.now() });
  return value;
}

function recalled(key: string): number | undefined {
  const hit = estimates.get(key);
  return hit && Date.now() - hit.at < ESTIMATE_TTL_MS ? hit.value : undefined;
}

/** The planner's row estimate for a condition on search_entries (no query runs). */
async function plannedRows(db: SearchDb, where: RawBuilder<unknown>): Promise<number> {
  const r = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json) select 1 from search_entries where ${where}`.execute(db);
  return Number(r.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

const isWhole = (range: KeyRange): boolean => range.lo === 0 && range.hi >= MAX_KEY;

/** Rows in the key range, estimated (the whole table: the planner's count of it). */
async function rowsIn(db: SearchDb, range: KeyRange): Promise<number> {
  const key = `range ${range.lo} ${range.hi}`;
  return recalled(key) ?? remember(key, await plannedRows(db, isWhole(range) ? sql`true` : sql`sk between ${range.lo} and ${range.hi}`));
}

/** The share of all rows whose `column` holds the lexeme: the planner's estimate (ANALYZE's most common lexemes, or its floor for rarer ones). */
async function lexemeShare(db: SearchDb, column: ReadSpec['column'], lexeme: string): Promise<number> {
  const key = `${column} ${lexeme}`;
  const cached = recalled(key);
  if (cached !== undefined) return cached;
  const all = await rowsIn(db, { lo: 0, hi: MAX_KEY });
  const holding = await plannedRows(db, sql`${sql.raw(column)} @@ ${quoteLexeme(lexeme)}::tsquery`);
  return remember(key, all > 0 ? Math.min(1, holding / all) : 0);
}

/**
 * The share of rows matching, estimated high: that of the query's rarest lexeme. Words searched
 * together often go together (安全 and 生产 in a title: 17 times what independence predicts), a
 * phrase's words most of all, so a product of shares would often be far too low, and too low
 * hides the cost of ordering every match. Too high only makes a window too small: the rest then
 * follows, and the share this read observed is used for the same query (column and tsquery,
 * filters included) for a minute.
 * Also the posting-list entries the bitmap decodes: every lexeme's.
 */
async function estimate(db: SearchDb, spec: ReadSpec): Promise<{ share: number; postings: number; rarest: string }> {
  let least = 1;
  let postings = 0;
  let rarest = spec.operands[0]?.[0] ?? '';
  for (const operand of spec.operands) {
    for (const lexeme of operand) {
      const share = await lexemeShare(db, spec.column, lexeme);
      if (share < least) [least, rarest] = [share, lexeme];
      postings += share;
    }
  }
  return { share: recalled(seenKey(spec)) ?? least, postings, rarest };
}

const seenKey = (spec: ReadSpec): string => `seen ${spec.column} ${spec.tsquery}`;

export interface ReadSpec {
  readonly column: 'tsv' | 'tsv_title';
  readonly tsquery: string;
  /** The tsquery's AND operands, each its lexemes (several: a phrase). */
  readonly operands: readonly (readonly string[])[];
  readonly range: KeyRange;
  readonly limit: number;
  /** Newest first; otherwise any `limit` matches. */
  readonly ordered: boolean;
  /** Rows whose home site is one of these are left out (sites that are not open). */
  readonly hiddenSites?: readonly number[];
  /** Told each plan run: the chosen one, then `bitmap` when the rest of the range follows. */
  readonly trace?: (plan: ReadPlan) => void;
}

/** The keys of the newest `limit` matches (or any `limit`, unordered), read the cheapest way. */
export async function readMatches(db: SearchDb, spec: ReadSpec): Promise<number[]> {
  if (spec.limit <= 0) return [];
  const { share, postings, rarest } = await estimate(db, spec);
  const tableRows = await rowsIn(db, { lo: 0, hi: MAX_KEY });
  const rows = isWhole(spec.range) ? tableRows : await rowsIn(db, spec.range);
  const plan = chooseReadPlan({ rows, tableRows, share, postings, limit: spec.limit, ordered: spec.ordered, walkable: spec.operands.every((o) => o.length === 1) });
  spec.trace?.(plan);
  // A date range may be narrow enough for the key index (the planner decides); the whole table never is.
  if (plan.kind === 'bitmap') return bitmapRead(db, spec, spec.range, !isWhole(spec.range));
  // A walk reads at most WALK_SLACK times the rows it expects to; a window is its rows.
  const depth = plan.kind === 'walk' ? plan.rows * WALK_SLACK : plan.rows;
  const edge = await keyAtDepth(db, spec.range, depth);
  // The range holds fewer rows than that: the whole range is the window.
  const near = { lo: edge ?? spec.range.lo, hi: spec.range.hi };
  const found = plan.kind === 'walk' ? await walkRead(db, spec, near) : await windowRead(db, spec, near, rarest);
  if (found.length >= spec.limit || edge === null || edge <= spec.range.lo) return found;
  // Too few near the top: the share seen here (halved, to widen the next window) beats the estimate for these words next time.
  remember(seenKey(spec), Math.max(found.length, 1) / (2 * depth));
  spec.trace?.({ kind: 'bitmap' });
  const rest = await bitmapRead(db, { ...spec, limit: spec.limit - found.length }, { lo: spec.range.lo, hi: edge - 1 }, false);
  return [...found, ...rest];
}

/** Leaves out the rows of hidden home sites: a filter on the rows read, which every plan visits anyway. */
function notHidden(spec: ReadSpec): RawBuilder<unknown> {
  return spec.hiddenSites && spec.hiddenSites.length > 0 ? sql` and site_id not in (${sql.join(spec.hiddenSites)})` : sql``;
}

/** The key `depth` rows below the newest of the range (the range's rows from it up number `depth`); null when the range holds fewer. */
async function keyAtDepth(db: SearchDb, range: KeyRange, depth: number): Promise<number | null> {
  const r = await sql<{ sk: string }>`select sk from search_entries where sk between ${range.lo} and ${range.hi} order by sk desc offset ${depth - 1} limit 1`.execute(db);
  return r.rows[0] ? Number(r.rows[0].sk) : null;
}

/**
 * The GIN bitmap, ordered or not. The range is a filter on the rows found (`sk + 0`, which no
 * index answers), unless `keyIndex`: then the planner may AND the bitmap with the key index's
 * bitmap of the range, worth it for a window of the newest rows, never for most of the table.
 */
async function bitmapRead(db: SearchDb, spec: ReadSpec, range: KeyRange, keyIndex: boolean): Promise<number[]> {
  const key = sql.raw(keyIndex ? 'sk' : 'sk + 0');
  const order = spec.ordered ? sql`order by sk desc` : sql``;
  const r = await sql<{ sk: string }>`select sk from search_entries where ${sql.raw(spec.column)} @@ ${spec.tsquery}::tsquery
    and ${key} between ${range.lo} and ${range.hi}${notHidden(spec)} ${order} limit ${spec.limit}`.execute(db);
  return r.rows.map((x) => Number(x.sk));
}

/**
 * A window of the newest rows: the GIN bitmap of the query's rarest lexeme, which the planner
 * ANDs with the key index's bitmap of the window when that saves heap visits, the whole query
 * checked on the rows both hold. The planner estimates words as independent: given the whole
 * query it expects a handful of rows (15 for 民营 经济 发展 in titles, against 18,000) and visits
 * every one of them rather than AND the window in. One lexeme it estimates from its own
 * statistics, and then it does.
 */
async function windowRead(db: SearchDb, spec: ReadSpec, range: KeyRange, rarest: string): Promise<number[]> {
  if (spec.operands.length === 1 && spec.operands[0]!.length === 1) return bitmapRead(db, spec, range, true);
  const column = sql.raw(spec.column);
  const r = await sql<{ sk: string }>`select sk from search_entries where ${column} @@ ${quoteLexeme(rarest)}::tsquery and sk between ${range.lo} and ${range.hi}
    and ts_match_vq(${column}, ${spec.tsquery}::tsquery)${notHidden(spec)} order by sk desc limit ${spec.limit}`.execute(db);
  return r.rows.map((x) => Number(x.sk));
}

/**
 * Newest first along the key index, each row's tsvector matched as it comes (`ts_match_vq` is
 * the function behind `@@`: called by name, it cannot use the GIN index).
 */
async function walkRead(db: SearchDb, spec: ReadSpec, range: KeyRange): Promise<number[]> {
  const r = await sql<{ sk: string }>`select sk from search_entries where ts_match_vq(${sql.raw(spec.column)}, ${spec.tsquery}::tsquery)
    and sk between ${range.lo} and ${range.hi}${notHidden(spec)} order by sk desc limit ${spec.limit}`.execute(db);
  return r.rows.map((x) => Number(x.sk));
}
