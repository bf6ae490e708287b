import { sql } from 'kysely';
import type { Db, DialectOps } from '../../db/index.js';
import type { SearchDb } from './dialect/index.js';
import { searchDb } from './index-entries.js';
import { normalizeQuery } from './normalize.js';
import { shanghaiDay } from './search-key.js';

/** Logged text is cut to this many characters. */
const MAX_LOGGED = 100;

/**
 * What a query becomes in the log: normalized, and with anything that looks like personal data
 * masked — e-mail addresses, and runs of 7 or more digits (phone, ID card, bank card numbers;
 * index numbers and 文号 have shorter runs). Who searched is never recorded: no IP, user,
 * session, cookie or user agent.
 */
export function anonymizeQuery(raw: string): string {
  return normalizeQuery(raw)
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+/gu, '＊@＊')
    .replace(/\d{7,}[\dx]?/g, '＊')
    .slice(0, MAX_LOGGED);
}

export async function logQuery(db: SearchDb, q: { query: string; siteId: number | null; results: number; now: number }): Promise<void> {
  const query = anonymizeQuery(q.query);
  if (query === '') return;
  await db.insertInto('search_queries').values({ query, site_id: q.siteId, results: q.results, created_at: q.now, day: shanghaiDay(q.now) }).execute();
}

/** Past searches written in bulk (`jiyue generate`), anonymized as logQuery does; empty queries are dropped. */
export async function writeQueryLogBulk(db: Db, ops: DialectOps, rows: readonly { query: string; siteId: number | null; results: number; at: number }[]): Promise<number> {
  const values = rows.map((r) => [anonymizeQuery(r.query), r.siteId, r.results, r.at, shanghaiDay(r.at)]).filter((v) => v[0] !== '');
  await ops.insertMany(db, {
    table: 'search_queries', columns: [['query', 'text'], ['site_id', 'bigint'], ['results', 'int'], ['created_at', 'bigint'], ['day', 'text']], rows: values,
  });
  return values.length;
}

/** The log keeps a little over a year: enough to compare a season with last year's. */
export const QUERY_LOG_KEEP_DAYS = 400;

/** Deletes log rows older than `keepDays` (the daily job 'search.prune_queries'). */
export async function pruneQueryLog(db: Db, now: number, keepDays = QUERY_LOG_KEEP_DAYS): Promise<{ deleted: number }> {
  const r = await searchDb(db).deleteFrom('search_queries').where('created_at', '<', now - keepDays * 86_400_000).executeTakeFirst();
  return { deleted: Number(r.numDeletedRows) };
}

export interface QueryStats {
  readonly from: string;
  readonly to: string;
  readonly total: number;
  /** Most frequent queries (normalized, anonymized), with how often they found nothing. */
  readonly topQueries: { query: string; count: number; zeroResults: number }[];
  readonly perDay: { day: string; count: number }[];
}

/** Aggregates of the last `days` days (Asia/Shanghai), optionally of one site. */
export async function queryStats(dbIn: Db, q: { days: number; siteId?: number; now: number; limit?: number }): Promise<QueryStats> {
  const db = searchDb(dbIn);
  const to = shanghaiDay(q.now);
  const from = shanghaiDay(q.now - (q.days - 1) * 86_400_000);
  let base = db.selectFrom('search_queries').where('day', '>=', from).where('day', '<=', to);
  if (q.siteId !== undefined) base = base.where('site_id', '=', q.siteId);
  const top = await base.select((eb) => ['query', eb.fn.countAll<number>().as('n'), sql<number>`sum(case when results = 0 then 1 else 0 end)`.as('zero')])
    .groupBy('query').orderBy('n', 'desc').orderBy('query').limit(q.limit ?? 20).execute();
  const days = await base.select((eb) => ['day', eb.fn.countAll<number>().as('n')]).groupBy('day').orderBy('day').execute();
  return {
    from, to,
    total: days.reduce((s, d) => s + Number(d.n), 0),
    topQueries: top.map((t) => ({ query: t.query, count: Number(t.n), zeroResults: Number(t.zero) })),
    perDay: days.map((d) => ({ day: d.day, count: Number(d.n) })),
  };
}
