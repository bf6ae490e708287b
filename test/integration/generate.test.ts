import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines, createTestDatabase, type TestDatabase } from '../support/engines.js';
import { createTestContext, testConfig, type TestContext } from '../support/platform.js';
import { signIn } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createPlatform, type Platform } from '../../src/platform/platform.js';
import type { Db } from '../../src/db/index.js';
import { sm3Hex } from '../../src/platform/crypto/index.js';
import { articlePath } from '../../src/modules/content/index.js';
import { LETTER_PATHS } from '../../src/modules/interaction/index.js';
import { analyticsDay } from '../../src/modules/analytics/index.js';
import { publishingDeps, rebuildAll } from '../../src/modules/publishing/index.js';
import { DatabaseNotEmptyError, generateProvince, type GenerateOptions, type GenerateReport } from '../../src/cli/generate/generate-province.js';
import { parseGenerateArgs } from '../../src/cli/generate-command.js';
import { maxSites } from '../../src/cli/generate/province.js';

const OPTIONS: GenerateOptions = { sites: 5, documents: 500, letters: 60, years: 2, seed: 7 };
const NOW = Date.UTC(2026, 10, 26, 6, 0, 0); // 2026-11-26 14:00 Asia/Shanghai

const count = async (db: Db, table: 'sites' | 'documents' | 'letters' | 'survey_responses') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** A checksum of what the generator decided: a sample of documents (every 7th) and every letter's plain fields. */
async function fingerprint(db: Db): Promise<string> {
  const docs = await db.selectFrom('documents as d').innerJoin('document_editions as e', 'e.document_id', 'd.id')
    .select(['d.id', 'd.site_id', 'd.kind', 'd.status', 'd.index_number', 'd.created_at', 'd.first_published_at', 'e.title', 'e.body_html', 'e.document_number', 'e.date_written'])
    .orderBy('d.id').execute();
  const letters = await db.selectFrom('letters').select(['id', 'site_id', 'query_code', 'status', 'subject', 'letter_type', 'received_at', 'due_at']).orderBy('id').execute();
  const sample = docs.filter((d) => Number(d.id) % 7 === 0).map((d) => Object.values(d).map(String).join('|'));
  return sm3Hex([...sample, ...letters.map((l) => Object.values(l).map(String).join('|'))].join('\n'));
}

/** A bare platform on a fresh database (no app), for a second generation. */
async function freshPlatform(engine: TestContext['engine']): Promise<{ platform: Platform; tdb: TestDatabase }> {
  const tdb = await createTestDatabase(engine);
  return { tdb, platform: await createPlatform(testConfig(tdb), { clock: new ManualClock(NOW) }) };
}

for (const engine of selectedEngines()) {
  describe(`jiyue generate: a small province [${engine}]`, () => {
    let ctx: TestContext;
    let report: GenerateReport;

    before(async () => {
      ctx = await createTestContext(engine, { seed: false, clock: new ManualClock(NOW) });
      report = await generateProvince(ctx.platform, OPTIONS);
    });
    after(async () => { await ctx.close(); });

    test('page-view history: every site on every past day, and the most viewed pages of the last month are real pages', async () => {
      const days = Math.round(OPTIONS.years * 365);
      assert.equal(report.trafficDays, 5 * days);
      const admin = await signIn(ctx.app, report.accounts.find((a) => a.username === 'sysadmin')!, new ManualClock(NOW));
      const res = await admin.request('GET', '/api/v1/analytics/traffic?days=30');
      assert.equal(res.statusCode, 200, res.body);
      const t = res.json() as { views: number; visitors: number; perDay: { views: number }[]; topPages: { siteCode: string; path: string }[]; topSites: { siteCode: string }[] };
      // Today belongs to the live counter: the 29 days before it are filled.
      assert.equal(t.perDay.filter((d) => d.views > 0).length, 29);
      assert.ok(t.visitors > 0 && t.visitors < t.views);
      assert.equal(t.topSites[0]?.siteCode, '3200000001', 'the provincial portal is the busiest');
      assert.ok(t.topPages.length > 0);
      for (const p of t.topPages) assert.match(p.path, /^\/$|^\/art\/\d{4}\/\d{2}\/\d+\.html$/);
      const ids = t.topPages.filter((p) => p.path.startsWith('/art/')).map((p) => Number(/(\d+)\.html$/.exec(p.path)?.[1]));
      const published = await ctx.platform.db.selectFrom('documents').select('id').where('id', 'in', ids.length > 0 ? ids : [-1]).where('status', '=', 'published').execute();
      assert.equal(published.length, new Set(ids).size, 'popular pages are published documents');
      // No article is read before it was published.
      const firstDay = new Map<string, string>();
      for (const r of await ctx.platform.db.selectFrom('analytics_page_days').select(['path', 'day']).where('path', 'like', '/art/%').execute()) {
        if (!firstDay.has(r.path) || r.day < firstDay.get(r.path)!) firstDay.set(r.path, r.day);
      }
      assert.ok(firstDay.size > 0);
      const docs = await ctx.platform.db.selectFrom('documents').select(['id', 'first_published_at']).where('id', 'in', [...firstDay.keys()].map((p) => Number(/(\d+)\.html$/.exec(p)?.[1]))).execute();
      for (const d of docs) assert.ok(firstDay.get(articlePath(Number(d.id), Number(d.first_published_at)))! >= analyticsDay(Number(d.first_published_at)), `document ${d.id}`);
    });

    test('writes the sites, columns, documents, letters, responses and searches asked for', async () => {
      const db = ctx.platform.db;
      assert.equal(report.sites, 5);
      assert.equal(await count(db, 'sites'), 5);
      assert.equal(await count(db, 'documents'), 500);
      assert.equal(await count(db, 'letters'), 60);
      assert.ok(report.columns >= 5 * 9, `columns: ${report.columns}`);
      assert.equal(await count(db, 'survey_responses'), report.responses);
      assert.ok(report.responses > 0 && report.searches > 0 && report.attachments > 0);
      const codes = (await db.selectFrom('sites').select(['code', 'kind']).orderBy('code').execute()).map((s) => `${s.code}:${s.kind}`);
      assert.deepEqual(codes, ['3200000001:province_portal', '3200000002:department', '3201000001:city_portal', '3201000002:department', '3201020001:county_portal']);
    });

    test('documents carry full disclosure metadata, unique index numbers, and interpretations name their policy', async () => {
      const db = ctx.platform.db;
      const rows = await db.selectFrom('documents as d').innerJoin('document_editions as e', 'e.document_id', 'd.id')
        .select(['d.kind', 'd.index_number', 'd.interprets_id', 'e.document_number', 'e.issuing_org_name', 'e.topic_category', 'e.genre', 'e.date_written', 'e.body_html'])
        .execute();
      assert.equal(new Set(rows.map((r) => r.index_number)).size, rows.length);
      for (const r of rows) assert.match(r.index_number ?? '', /^\d{9}\/\d{4}-\d{5}$/);
      const policies = rows.filter((r) => r.kind === 'policy');
      assert.ok(policies.length > 20);
      for (const p of policies) {
        assert.match(p.document_number ?? '', /^\S+〔\d{4}〕[1-9]\d*号$/);
        assert.ok(p.issuing_org_name && p.topic_category && p.genre && p.date_written);
      }
      const interpretations = rows.filter((r) => r.kind === 'interpretation');
      assert.ok(interpretations.length > 0 && interpretations.every((r) => r.interprets_id !== null));
      const lengths = rows.map((r) => r.body_html.length).sort((a, b) => a - b);
      assert.ok((lengths.at(-1) ?? 0) > 5 * (lengths[Math.floor(lengths.length / 2)] ?? 1), 'bodies vary in length');
      const counter = await db.selectFrom('index_number_counters').select((eb) => eb.fn.sum<number>('last_value').as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(counter.n), 500, 'the counters continue after the generated numbers');
    });

    test('letters are in every workflow state, with sealed personal data the module can open', async () => {
      const db = ctx.platform.db;
      const statuses = new Set((await db.selectFrom('letters').select('status').execute()).map((r) => r.status));
      assert.deepEqual([...statuses].sort(), Object.keys(LETTER_PATHS).sort());
      const letter = await db.selectFrom('letters').selectAll().where('status', '=', 'closed').orderBy('id').executeTakeFirstOrThrow();
      assert.ok(!letter.name_enc.includes(letter.subject) && letter.phone_enc.length > 20);
      const history = await db.selectFrom('letter_history').select(['action', 'to_status']).where('letter_id', '=', letter.id).orderBy('id').execute();
      assert.deepEqual(history.map((h) => h.action), [...LETTER_PATHS.closed]);
      // The handler's console opens the sealed fields (shown masked) and the private body.
      const portal = await db.selectFrom('sites').select('id').where('code', '=', '3200000001').executeTakeFirstOrThrow();
      const own = await db.selectFrom('letters').select('id').where('site_id', '=', portal.id).where('is_public', '=', 0).orderBy('id').executeTakeFirstOrThrow();
      const handler = await signIn(ctx.app, report.accounts.find((a) => a.username === 'handler')!, new ManualClock(NOW));
      const res = await handler.request('GET', `/api/v1/letters/${own.id}`);
      assert.equal(res.statusCode, 200, res.body);
      const detail = (res.json() as { letter: { body: string; citizen: { name: string; phone: string } } }).letter;
      assert.match(detail.citizen.name, /^\p{Script=Han}\*+$/u);
      assert.match(detail.citizen.phone, /^1\d{2}\*+\d{4}$/);
      assert.ok(detail.body.length > 10);
    });

    test('the console lists the generated documents, and the public site renders them', async () => {
      const editor = await signIn(ctx.app, report.accounts.find((a) => a.username === 'editor')!, new ManualClock(NOW));
      const portal = await ctx.platform.db.selectFrom('sites').select('id').where('code', '=', '3200000001').executeTakeFirstOrThrow();
      const res = await editor.request('GET', `/api/v1/documents?siteId=${portal.id}&status=published&limit=20`);
      assert.equal(res.statusCode, 200, res.body);
      const items = (res.json() as { items: { id: number; title: string }[] }).items;
      assert.equal(items.length, 20);
      await rebuildAll(publishingDeps(ctx.platform), { siteCode: '3200000001' }, () => undefined);
      const doc = await ctx.platform.db.selectFrom('documents as d').innerJoin('document_editions as e', 'e.id', 'd.published_edition_id')
        .select(['d.id', 'd.first_published_at', 'e.title']).where('d.site_id', '=', portal.id).where('d.status', '=', 'published').orderBy('d.id', 'desc').executeTakeFirstOrThrow();
      const page = await ctx.app.inject({ method: 'GET', url: articlePath(Number(doc.id), Number(doc.first_published_at)), headers: { host: '3200000001.localhost' } });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(doc.title.replace(/&/g, '&amp;')), 'the article page shows the title');
    });

    test('the same seed gives the same province; another seed another; a database with data is refused', async () => {
      const again = await freshPlatform(engine);
      const other = await freshPlatform(engine);
      try {
        await generateProvince(again.platform, OPTIONS);
        await generateProvince(other.platform, { ...OPTIONS, seed: 8 });
        const mine = await fingerprint(ctx.platform.db);
        assert.equal(await fingerprint(again.platform.db), mine);
        assert.notEqual(await fingerprint(other.platform.db), mine);
        await assert.rejects(generateProvince(again.platform, OPTIONS), DatabaseNotEmptyError);
      } finally {
        for (const p of [again, other]) { await p.platform.close(); await p.tdb.drop(); }
      }
    });
  });
}

describe('jiyue generate: arguments', () => {
  test('defaults, and usage errors in Chinese and English', () => {
    assert.deepEqual(parseGenerateArgs([]), { sites: 50, documents: 20_000, letters: 2000, years: 5, seed: 1 });
    assert.deepEqual(parseGenerateArgs(['--sites', '3', '--documents', '10', '--seed', '9']), { sites: 3, documents: 10, letters: 60, years: 5, seed: 9 });
    for (const bad of [['--sites', '0'], ['--sites', String(maxSites() + 1)], ['--documents=-5'], ['--seed', 'abc'], ['--documents', '1e6']]) {
      const r = parseGenerateArgs(bad);
      const name = (bad[0] ?? '').split('=')[0] ?? '';
      assert.equal(typeof r, 'string', bad.join(' '));
      assert.match(r as string, new RegExp(`${name} 应为 .*整数.* / ${name} must be a whole number`));
    }
    assert.match(parseGenerateArgs(['--bogus']) as string, /参数有误 \/ bad arguments/);
  });
});
