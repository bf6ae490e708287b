/**
 * PostgreSQL's read plans (postgres-read-plan.ts) on real data: whichever plan reads the
 * matches — bitmap, a window of the newest rows, a walk of the key index, or a window that
 * held too few followed by the rest — the keys are exactly those of the plain query. The data
 * is shaped so that each plan is the cheapest for one query, and the trace shows it ran.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { selectedEngines, createTestDatabase, type TestDatabase } from '../support/engines.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/index.js';
import { indexEntries, parseQuery, searchDocuments, type SearchEntry } from '../../src/modules/search/index.js';
import { searchDb } from '../../src/modules/search/index-entries.js';
import { postgresSearch, readSpec } from '../../src/modules/search/dialect/postgres-search.js';
import { readMatches, type ReadPlan } from '../../src/modules/search/dialect/postgres-read-plan.js';
import { tsqueryLiteral } from '../../src/modules/search/dialect/postgres-tsquery.js';
import { keyRange, MAX_KEY } from '../../src/modules/search/search-key.js';
import type { KeyRange, MatchSpec, SearchDb } from '../../src/modules/search/dialect/search-dialect.js';

const DOCS = 3_000;
const MINUTE = 60_000;
/** 2026-11-20 10:00 Beijing time; document i is published i minutes before. */
const T0 = Date.UTC(2026, 10, 20, 2, 0, 0);
const WHOLE: KeyRange = { lo: 0, hi: MAX_KEY };

function entry(i: number): SearchEntry {
  const body = [
    '推进政务公开。',
    i % 10 === 0 ? '办理退休手续。' : '',
    i % 7 === 0 ? '住房公积金提取指引。' : i % 7 === 3 ? '公积金缴存后可申请提取。' : '',
    // Only in the oldest 40 %: common overall, absent from the newest rows a window reads.
    i >= DOCS * 0.6 ? '关爱候鸟老人。' : '',
    // Half the documents, but a few of the newest: a window holds some, its edge row among them.
    i === 0 || i === 50 || (i >= 76 && i <= 84) || i >= DOCS / 2 ? '种植茶叶。' : '',
    // 80 % of the documents, none of the newest 600: a walk runs out.
    i >= 600 ? '建设海岛。' : '',
    // For a date range that falls back: two in the range's newest rows, then the older half.
    i === 12 || i === 40 || i >= DOCS / 2 ? '保护湿地。' : '',
  ].join('');
  return {
    documentId: 10_000 + i, siteId: 1, columnId: 1, extraSiteIds: [], extraColumnIds: [], kind: 'article',
    title: i % 25 === 0 ? `安全生产工作通知 ${i}` : `工作通知 ${i}`, bodyText: body, summary: '', keywords: '',
    indexNumber: null, documentNumber: null, topicCategory: null, genre: null, issuingOrgName: '江苏省人民政府办公厅',
    publishedAt: T0 - i * MINUTE, url: `/art/2026/11/${i}.html`,
  };
}

const postgres = selectedEngines().includes('postgres');

describe('search read plans [postgres]', { skip: postgres ? false : 'PostgreSQL not selected' }, () => {
  let tdb: TestDatabase;
  let dbh: DatabaseHandle;

  before(async () => {
    tdb = await createTestDatabase('postgres');
    dbh = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
    await dbh.migrate();
    const all = Array.from({ length: DOCS }, (_, i) => entry(i));
    for (let i = 0; i < all.length; i += 500) await indexEntries(dbh.db, all.slice(i, i + 500));
    // The plans are chosen from the planner's lexeme statistics.
    await sql`analyze search_entries`.execute(dbh.db);
  });

  after(async () => {
    await dbh?.close();
    await tdb?.drop();
  });

  const match = (q: string, scope: MatchSpec['scope'] = 'all'): MatchSpec => ({ clauses: parseQuery(q).clauses, scope, tags: [] });

  /** Every match of the plain query, newest first. */
  async function reference(m: MatchSpec, range: KeyRange): Promise<number[]> {
    const column = sql.raw(m.scope === 'title' ? 'tsv_title' : 'tsv');
    const r = await sql<{ sk: string }>`select sk from search_entries where ${column} @@ ${tsqueryLiteral(m)}::tsquery and sk between ${range.lo} and ${range.hi} order by sk desc`.execute(dbh.db);
    return r.rows.map((x) => Number(x.sk));
  }

  async function read(m: MatchSpec, limit: number, ordered: boolean, range = WHOLE): Promise<{ keys: number[]; plans: ReadPlan['kind'][] }> {
    const plans: ReadPlan['kind'][] = [];
    const sdb = searchDb(dbh.db);
    const keys = await postgresSearch.session(sdb, (s: SearchDb) => readMatches(s, { ...readSpec(m, range, limit, ordered), trace: (p) => plans.push(p.kind) }));
    return { keys, plans };
  }

  /** The newest `limit` matches read with exactly these plans are the plain query's; returns all of those. */
  async function readsNewest(m: MatchSpec, limit: number, plans: readonly ReadPlan['kind'][], range = WHOLE): Promise<number[]> {
    const got = await read(m, limit, true, range);
    assert.deepEqual(got.plans, plans);
    const all = await reference(m, range);
    assert.deepEqual(got.keys, all.slice(0, limit));
    return all;
  }

  it('walks the key index for a word every document holds, and returns the newest matches', async () => {
    await readsNewest(match('政务'), 5, ['walk']);
  });

  it('reads a window of the newest rows for a word one document in ten holds', async () => {
    const all = await readsNewest(match('退休'), 20, ['window']);
    assert.equal(all.length, DOCS / 10);
  });

  it('ANDs the window with the rarest lexeme and checks the whole query: two title words', async () => {
    await readsNewest(match('安全 生产', 'title'), 3, ['window']);
  });

  it('never walks for a phrase; its newest matches are exact', async () => {
    const m = match('"公积金提取"');
    const { keys, plans } = await read(m, 20, true);
    assert.ok(!plans.includes('walk'), plans.join());
    const all = await reference(m, WHOLE);
    assert.ok(all.length > 20 && all.length < (await reference(match('公积金 提取'), WHOLE)).length, 'the phrase matches fewer than its words');
    assert.deepEqual(keys, all.slice(0, 20));
  });

  it('when the window holds too few, reads the rest of the range, and sizes the next read by what it saw', async () => {
    const m = match('候鸟');
    const all = await reference(m, WHOLE);
    assert.equal(all.length, DOCS * 0.4);
    const first = await read(m, 20, true);
    assert.deepEqual(first.plans, ['window', 'bitmap'], 'the window of the newest rows held none');
    assert.deepEqual(first.keys, all.slice(0, 20));
    const again = await read(m, 20, true);
    assert.deepEqual(again.plans, ['bitmap'], 'the share seen is used');
    assert.deepEqual(again.keys, all.slice(0, 20));
  });

  it('when a window holds some matches, its edge row among them, the rest of the range supplies the others, none twice', async () => {
    await readsNewest(match('茶叶'), 20, ['window', 'bitmap']);
  });

  it('when a walk reads its bound without enough matches, the rest of the range supplies them', async () => {
    await readsNewest(match('海岛'), 5, ['walk', 'bitmap']);
  });

  it('falls back within a date range that does not start at the first key', async () => {
    const range = keyRange(T0 - 2_500 * MINUTE, T0 - 10 * MINUTE + 1)!;
    assert.ok(range.lo > 0);
    const all = await readsNewest(match('湿地'), 20, ['window', 'bitmap'], range);
    assert.ok(all.length > 20);
  });

  it('counts (unordered) up to the limit, every key a match', async () => {
    const m = match('政务');
    const all = new Set(await reference(m, WHOLE));
    const { keys } = await read(m, 1_001, false);
    assert.equal(keys.length, 1_001);
    assert.equal(new Set(keys).size, 1_001);
    for (const k of keys) assert.ok(all.has(k));
    const few = await read(match('退休'), 1_001, false);
    assert.equal(few.keys.length, DOCS / 10, 'fewer matches than the limit: all of them');
  });

  it('keeps to a date range', async () => {
    const range = keyRange(T0 - 1_000 * MINUTE, T0 - 400 * MINUTE)!;
    for (const q of ['政务', '退休', '"公积金提取"']) {
      const m = match(q);
      const { keys } = await read(m, 20, true, range);
      assert.deepEqual(keys, (await reference(m, range)).slice(0, 20), q);
    }
  });

  it('a search inside the caller\'s transaction puts the caller\'s planner settings back', async () => {
    await dbh.db.transaction().execute(async (trx) => {
      await sql`set local work_mem = '8MB'`.execute(trx);
      const before = await sql<{ w: string; s: string; p: string }>`select current_setting('work_mem') as w, current_setting('enable_seqscan') as s, current_setting('max_parallel_workers_per_gather') as p`.execute(trx);
      const result = await searchDocuments(trx, { q: '退休', sort: 'relevance', page: 1, pageSize: 5 });
      assert.equal(result.total, DOCS / 10);
      const afterwards = await sql<{ w: string; s: string; p: string }>`select current_setting('work_mem') as w, current_setting('enable_seqscan') as s, current_setting('max_parallel_workers_per_gather') as p`.execute(trx);
      assert.deepEqual(afterwards.rows[0], before.rows[0]);
      assert.equal(afterwards.rows[0]!.w, '8MB');
    });
  });
});
