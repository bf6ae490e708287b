import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { ManualClock } from '../../src/platform/clock.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { buildDemoDocuments } from '../../src/demo/seed-documents.js';
import { listSites } from '../../src/modules/sites/index.js';
import { DOCUMENT_GENRES, documentNumberProblem, isTopicCategory, listInterpretationsOf } from '../../src/modules/content/index.js';
import type { Db } from '../../src/db/index.js';

const NOW = Date.UTC(2026, 10, 26, 6, 0, 0);
const DAY = 86_400_000;
const SEED_NUMBER = '苏政办发〔2017〕96号';

async function publishedRows(db: Db) {
  return db.selectFrom('documents as d')
    .innerJoin('document_editions as e', 'e.id', 'd.published_edition_id')
    .innerJoin('columns as c', 'c.id', 'd.column_id')
    .select(['d.id', 'd.site_id', 'd.kind', 'd.status', 'd.index_number', 'd.is_major', 'd.interprets_id', 'd.first_published_at', 'd.current_edition_id',
      'e.title', 'e.document_number', 'e.date_written', 'e.topic_category', 'e.genre', 'e.issuing_org_name', 'e.body_html', 'e.status as edition_status',
      'c.kind as column_kind', 'c.name as column_name'])
    .orderBy('d.id').execute();
}

async function sitesInSeedOrder(db: Db) {
  return (await listSites(db)).sort((a, b) => a.id - b.id);
}

async function checkSeedPolicy(db: Db): Promise<void> {
  const rows = await publishedRows(db);
  const policy = rows.find((r) => r.document_number === SEED_NUMBER);
  assert.ok(policy, 'seed policy present');
  assert.equal(policy.kind, 'policy');
  assert.equal(policy.status, 'published');
  assert.equal(policy.is_major, 1);
  assert.equal(policy.title, '省政府办公厅关于加强政府网站建设管理的实施意见');
  assert.equal(policy.date_written, '2017-06-28');
  assert.equal(policy.genre, '意见');
  assert.equal(policy.issuing_org_name, '江苏省人民政府办公厅');
  assert.ok(isTopicCategory(policy.topic_category ?? ''));
  assert.equal(policy.column_name, '政府文件');
  assert.equal(policy.column_kind, 'policy');
  assert.match(policy.body_html, /^<p>各市、县（市、区）人民政府，省各委办厅局，省各直属单位：<\/p>/);
  assert.match(policy.body_html, /集约化/);
  // Simplified, not traditional characters.
  assert.doesNotMatch(policy.body_html, /[網關辦發縣區實際務]/);
  const province = (await listSites(db)).find((s) => s.kind === 'province_portal');
  assert.equal(policy.site_id, province?.id);
  const interpretations = await listInterpretationsOf(db, policy.id);
  assert.equal(interpretations.length, 1);
  const interp = rows.find((r) => r.id === interpretations[0]?.id);
  assert.ok(interp);
  assert.equal(interp.kind, 'interpretation');
  assert.equal(interp.interprets_id, policy.id);
  assert.equal(interp.column_name, '政策解读');
  for (const part of ['出台背景', '主要内容', '创新举措']) assert.match(interp.body_html, new RegExp(part));
}

for (const engine of selectedEngines()) {
  describe(`demo content: minimal documents in test contexts [${engine}]`, () => {
    let ctx: TestContext;
    before(async () => { ctx = await createTestContext(engine, { clock: new ManualClock(NOW) }); });
    after(async () => { await ctx.close(); });

    test('only the seed policy and its interpretation, linked both ways', async () => {
      const n = await ctx.platform.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 2);
      await checkSeedPolicy(ctx.platform.db);
    });
  });

  describe(`demo content: full history [${engine}]`, () => {
    let ctx: TestContext;
    let seconds = 0;
    before(async () => {
      ctx = await createTestContext(engine, { clock: new ManualClock(NOW), seed: false });
      const started = performance.now();
      await seedDemo(ctx.platform, { writeAccountsFile: false, documents: 'full' });
      seconds = (performance.now() - started) / 1000;
    });
    after(async () => { await ctx.close(); });

    test('at least 2,000 published documents on at least 15 sites over at least 600 days, all in the past', async (t) => {
      const rows = await publishedRows(ctx.platform.db);
      t.diagnostic(`full demo seed (users, sites, columns, documents): ${rows.length} documents in ${seconds.toFixed(1)} s`);
      assert.ok(rows.length >= 2000, `${rows.length} documents`);
      assert.ok(new Set(rows.map((r) => r.site_id)).size >= 15);
      const generated = rows.filter((r) => r.document_number !== SEED_NUMBER && !r.title.includes('加强政府网站建设管理'));
      const times = generated.map((r) => Number(r.first_published_at));
      assert.ok(Math.max(...times) < NOW);
      assert.ok(Math.min(...times) >= NOW - 735 * DAY);
      assert.ok((Math.max(...times) - Math.min(...times)) / DAY >= 600);
      for (const r of rows) {
        assert.equal(r.status, 'published');
        assert.equal(r.edition_status, 'published');
        assert.ok(r.current_edition_id);
      }
      const kinds = new Set(rows.map((r) => r.kind));
      for (const k of ['article', 'notice', 'policy', 'interpretation', 'personnel']) assert.ok(kinds.has(k as never), k);
    });

    test('documents sit in columns of the matching kind', async () => {
      const allowed: Record<string, string[]> = {
        article: ['news', 'topic'], notice: ['notice'], policy: ['policy'], interpretation: ['interpretation'], personnel: ['disclosure'],
      };
      for (const r of await publishedRows(ctx.platform.db)) assert.ok(allowed[r.kind]?.includes(r.column_kind), `${r.kind} in ${r.column_kind}`);
    });

    test('policies carry valid 文号, topic category, genre, and a 成文日期 before publication', async () => {
      const policies = (await publishedRows(ctx.platform.db)).filter((r) => r.kind === 'policy');
      assert.ok(policies.length >= 300, `${policies.length} policies`);
      const numbers = new Set<string>();
      for (const p of policies) {
        assert.ok(p.document_number, p.title);
        assert.equal(documentNumberProblem(p.document_number), null, p.document_number);
        numbers.add(p.document_number);
        assert.ok(isTopicCategory(p.topic_category ?? ''), p.topic_category ?? '');
        assert.ok(DOCUMENT_GENRES.includes(p.genre ?? ''), p.genre ?? '');
        const published = new Date(Number(p.first_published_at) + 8 * 3_600_000).toISOString().slice(0, 10);
        assert.ok((p.date_written ?? '') < published, `${p.date_written} < ${published}`);
      }
      assert.equal(numbers.size, policies.length, '文号 are unique');
      for (const prefix of ['苏政发〔', '宁政办发〔', '苏府〔', '宿政发〔']) assert.ok([...numbers].some((n) => n.startsWith(prefix)), prefix);
      const majors = policies.filter((p) => p.is_major === 1);
      assert.ok(majors.length > 1);
      for (const m of majors) assert.ok((await listInterpretationsOf(ctx.platform.db, m.id)).length >= 1, `${m.title} has an interpretation`);
    });

    test('index numbers are unique and the allocator counters continue after them', async () => {
      const db = ctx.platform.db;
      const docs = await db.selectFrom('documents').select(['org_id', 'index_number']).execute();
      const numbers = docs.map((d) => d.index_number ?? '');
      assert.equal(new Set(numbers).size, numbers.length);
      const max = new Map<string, number>();
      for (const d of docs) {
        const m = /\/(\d{4})-(\d{5})$/.exec(d.index_number ?? '');
        assert.ok(m, d.index_number ?? '');
        const key = `${d.org_id}|${Number(m[1])}`;
        max.set(key, Math.max(max.get(key) ?? 0, Number(m[2])));
      }
      const counters = await db.selectFrom('index_number_counters').selectAll().execute();
      assert.equal(counters.length, max.size);
      for (const c of counters) assert.equal(Number(c.last_value), max.get(`${c.org_id}|${c.year}`));
    });

    test('the seed policy is published on the provincial portal with its interpretation', async () => {
      await checkSeedPolicy(ctx.platform.db);
    });

    test('one demo.seed_documents audit event with the counts, none per document', async () => {
      const events = await ctx.platform.db.selectFrom('audit_events').select(['action', 'detail']).where('action', 'like', '%document%').execute();
      assert.deepEqual(events.map((e) => e.action), ['demo.seed_documents']);
      assert.ok(Number((JSON.parse(events[0]?.detail ?? '{}') as { documents?: number }).documents) >= 2000);
    });

    test('deterministic: the same seed gives the same documents, another seed different ones', async () => {
      const db = ctx.platform.db;
      const sites = await sitesInSeedOrder(db);
      const a = await buildDemoDocuments(db, sites, { mode: 'full', now: NOW });
      const b = await buildDemoDocuments(db, sites, { mode: 'full', now: NOW });
      const c = await buildDemoDocuments(db, sites, { mode: 'full', now: NOW, seed: 7 });
      assert.deepEqual(a.map((d) => d.title), b.map((d) => d.title));
      assert.deepEqual(a.map((d) => d.publishedAt), b.map((d) => d.publishedAt));
      assert.notDeepEqual(a.map((d) => d.title), c.map((d) => d.title));
      const stored = (await publishedRows(db)).map((r) => r.title).sort();
      assert.deepEqual(stored, a.map((d) => d.title).sort());
    });
  });
}
