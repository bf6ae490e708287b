import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { inTransaction } from '../../src/db/index.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import { LETTER_STATISTICS_KIND, type LetterFigures, type PublicStatistics } from '../../src/modules/interaction/index.js';
import { insertLetter } from '../support/letter-rows.js';
import { at10, endOf } from '../support/letter-workflow-harness.js';

const PORTAL = '3200000001';
const DEPARTMENT = '3200000002';
const NANJING = '3201000001';
const NANJING_DEPARTMENT = '3201000002';
const XUANWU = '3201020001';

type Counts = Pick<LetterFigures, 'received' | 'accepted' | 'closed' | 'onTime' | 'rated' | 'satisfied'>;
const COUNT_KEYS = ['received', 'accepted', 'closed', 'onTime', 'rated', 'satisfied'] as const;
const countsOf = (f: LetterFigures): Counts => Object.fromEntries(COUNT_KEYS.map((k) => [k, f[k]])) as Counts;

for (const engine of selectedEngines()) {
  describe(`letters: public statistics [${engine}]`, () => {
    // 2026-10-20, after the National Day holiday (10-01..07 off, Saturday 10-10 a working day).
    const clock = new ManualClock(at10(2026, 10, 20));
    let ctx: TestContext;
    const siteId = async (code: string) => (await getSiteByCode(ctx.platform.db, code))!.id;
    const stats = async (code: string) => {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/sites/${code}/letter-statistics` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<PublicStatistics>();
    };
    const month = (s: { months: LetterFigures[] }, key: string) => s.months.find((m) => m.period === key)!;

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      const portal = await siteId(PORTAL);
      const calendar = ctx.platform.calendar;
      // A: received the day before the holiday, answered two working days later (10-08, 10-09), within its 5 working days, satisfied.
      const aReceived = at10(2026, 9, 30);
      await insertLetter(ctx, { siteId: portal, status: 'closed', receivedAt: aReceived, dueAt: await calendar.addWorkingDays(aReceived, 5), acceptedAt: aReceived, repliedAt: at10(2026, 10, 9), satisfaction: 'satisfied' });
      // B: received Friday 10-09, answered Monday 10-12 (Saturday 10-10 counts): 2 working days, after its due date, dissatisfied.
      await insertLetter(ctx, { siteId: portal, status: 'closed', receivedAt: at10(2026, 10, 9), dueAt: endOf(2026, 10, 10), acceptedAt: at10(2026, 10, 9), repliedAt: at10(2026, 10, 12), satisfaction: 'dissatisfied' });
      // C: accepted, still with the unit. D: refused, never accepted. E: answered next day, on time, not rated.
      await insertLetter(ctx, { siteId: portal, status: 'assigned', receivedAt: at10(2026, 10, 12), dueAt: endOf(2026, 10, 19), acceptedAt: at10(2026, 10, 12) });
      await insertLetter(ctx, { siteId: portal, status: 'refused', receivedAt: at10(2026, 10, 13), dueAt: endOf(2026, 10, 20) });
      await insertLetter(ctx, { siteId: portal, status: 'replied', receivedAt: at10(2026, 10, 14), dueAt: endOf(2026, 10, 21), acceptedAt: at10(2026, 10, 14), repliedAt: at10(2026, 10, 15) });
      // A reopened letter is not answered; one from December 2025 counts in that month only; October 2025 is outside the 12 months.
      await insertLetter(ctx, { siteId: portal, status: 'assigned', receivedAt: at10(2026, 8, 3), dueAt: endOf(2026, 8, 10), acceptedAt: at10(2026, 8, 3) });
      await insertLetter(ctx, { siteId: portal, status: 'closed', receivedAt: at10(2025, 12, 3), dueAt: endOf(2025, 12, 10), acceptedAt: at10(2025, 12, 3), repliedAt: at10(2025, 12, 4), satisfaction: 'basically_satisfied' });
      await insertLetter(ctx, { siteId: portal, status: 'closed', receivedAt: at10(2025, 10, 15), dueAt: endOf(2025, 10, 22), acceptedAt: at10(2025, 10, 15), repliedAt: at10(2025, 10, 16) });
      // Other sites of the province and of Nanjing, for the roll-ups.
      for (const [code, n] of [[DEPARTMENT, 2], [NANJING, 1], [NANJING_DEPARTMENT, 3], [XUANWU, 1]] as const) {
        for (let i = 0; i < n; i++) {
          await insertLetter(ctx, { siteId: await siteId(code), status: 'closed', receivedAt: at10(2026, 10, 15), dueAt: endOf(2026, 10, 22), acceptedAt: at10(2026, 10, 15), repliedAt: at10(2026, 10, 16 + i), satisfaction: i % 2 === 0 ? 'basically_satisfied' : 'dissatisfied' });
        }
      }
    });
    after(async () => { await ctx.close(); });

    test('before the first run the page says so and every figure is zero', async () => {
      const s = await stats(PORTAL);
      assert.equal(s.site.statistics.computedAt, null);
      assert.equal(s.site.statistics.thisYear.received, 0);
      const page = await ctx.app.inject({ method: 'GET', url: '/letters/statistics.html', headers: { host: `${PORTAL}.localhost` } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /统计尚未生成/);
    });

    test('a handler starts the refresh from the console; the job reports progress and fills the snapshot', async () => {
      const handler = await signIn(ctx.app, ctx.accounts.handler!, clock);
      const started = await handler.request('POST', '/api/v1/letter-statistics/refresh');
      assert.equal(started.statusCode, 202, started.body);
      const { id } = started.json<{ id: number }>();
      const queued = await handler.request('GET', `/api/v1/letter-statistics/refresh/${id}`);
      assert.equal(queued.json<{ status: string }>().status, 'queued');
      const audit = await ctx.platform.db.selectFrom('audit_events').select('action').where('target_type', '=', 'job').where('target_id', '=', String(id)).execute();
      assert.deepEqual(audit.map((a) => a.action), ['interaction.statistics.refresh']);
      await ctx.platform.jobs.runDue();
      const done = (await handler.request('GET', `/api/v1/letter-statistics/refresh/${id}`)).json<{ status: string; progress: number }>();
      assert.deepEqual([done.status, done.progress], ['succeeded', 100]);
      // Another kind of job is not readable here.
      const other = await inTransaction(ctx.platform.db, (trx) => ctx.platform.jobs.enqueue(trx, { kind: 'interaction.escalate_letters', runAt: clock.now() + 86_400_000 }));
      assert.equal((await handler.request('GET', `/api/v1/letter-statistics/refresh/${other}`)).statusCode, 404);
      assert.equal((await handler.request('GET', '/api/v1/letter-statistics/refresh/999999')).statusCode, 404);
      // And it runs daily on its own.
      await ctx.platform.jobs.tickSchedules();
      assert.ok((await ctx.platform.jobs.listSchedules(ctx.platform.db)).some((s) => s.kind === LETTER_STATISTICS_KIND), 'a daily schedule');
    });

    test('the site\'s figures: received, accepted, closed, on time, working days across the holiday, satisfaction', async () => {
      const s = (await stats(PORTAL)).site.statistics;
      assert.equal(s.computedAt, clock.now());
      assert.deepEqual(s.months.map((m) => m.period), ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
      const sep = month(s, '2026-09');
      assert.deepEqual(countsOf(sep), { received: 1, accepted: 1, closed: 1, onTime: 1, rated: 1, satisfied: 1 });
      assert.equal(sep.averageWorkingDays, 2, 'the seven holidays are not working days');
      assert.equal(sep.onTimeRate, 100);
      const oct = s.thisMonth;
      assert.equal(oct.period, '2026-10');
      assert.deepEqual(countsOf(oct), { received: 4, accepted: 3, closed: 2, onTime: 1, rated: 1, satisfied: 0 });
      assert.equal(oct.onTimeRate, 50);
      assert.equal(oct.averageWorkingDays, 1.5, 'B: Saturday 10-10 is a make-up working day (2), E: 1');
      assert.equal(oct.satisfactionRate, 0);
      const aug = month(s, '2026-08');
      assert.deepEqual([aug.received, aug.closed, aug.onTimeRate, aug.averageWorkingDays], [1, 0, null, null], 'no rate without closed letters');
      assert.deepEqual(countsOf(month(s, '2025-12')), { received: 1, accepted: 1, closed: 1, onTime: 1, rated: 1, satisfied: 1 });
      assert.equal(month(s, '2025-11').received, 0);
      const year = s.thisYear;
      assert.equal(year.period, '2026');
      assert.deepEqual(countsOf(year), { received: 6, accepted: 5, closed: 3, onTime: 2, rated: 2, satisfied: 1 });
      assert.equal(year.onTimeRate, 66.7);
      assert.equal(year.averageWorkingDays, 1.7);
      assert.equal(year.satisfactionRate, 50);
    });

    test('a region\'s figures are the sums of its sites; a department site has no region', async () => {
      const province = await stats(PORTAL);
      assert.ok(province.region, 'the provincial portal shows its region');
      const sum = (key: (typeof COUNT_KEYS)[number], pick: (st: PublicStatistics['site']['statistics']) => LetterFigures) => province.region!.sites.reduce((n, x) => n + pick(x.statistics)[key], 0);
      for (const k of COUNT_KEYS) {
        assert.equal(province.region.statistics.thisYear[k], sum(k, (x) => x.thisYear), `year ${k}`);
        assert.equal(province.region.statistics.thisMonth[k], sum(k, (x) => x.thisMonth), `month ${k}`);
      }
      assert.equal(province.region.statistics.thisMonth.received, 4 + 2 + 1 + 3 + 1);
      const codes = province.region.sites.map((x) => x.code);
      for (const c of [PORTAL, DEPARTMENT, NANJING, NANJING_DEPARTMENT, XUANWU]) assert.ok(codes.includes(c), c);
      const nanjing = await stats(NANJING);
      assert.deepEqual(nanjing.region?.sites.map((x) => x.code).sort(), province.region.sites.map((x) => x.code).filter((c) => c.startsWith('3201')).sort());
      assert.deepEqual(countsOf(nanjing.region!.statistics.thisMonth), { received: 5, accepted: 5, closed: 5, onTime: 5, rated: 5, satisfied: 4 });
      assert.equal(nanjing.region!.statistics.thisMonth.satisfactionRate, 80);
      assert.equal((await stats(DEPARTMENT)).region, null);
      assert.equal((await ctx.app.inject({ method: 'GET', url: '/api/v1/public/sites/3299999999/letter-statistics' })).statusCode, 404);
    });

    test('the page: an SVG chart drawn on the server, the same figures in tables, the region on a portal', async () => {
      const page = await ctx.app.inject({ method: 'GET', url: '/letters/statistics.html', headers: { host: `${PORTAL}.localhost` } });
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      assert.match(page.body, /<svg role="img" aria-label="江苏省人民政府近12个月/);
      assert.equal((page.body.match(/<svg /g) ?? []).length, 2, 'the site and the region');
      assert.doesNotMatch(page.body, /echarts|<script(?! src="\/assets\/site\.js")/, 'no chart JavaScript');
      assert.match(page.body, /<tr><th scope="row">2026年10月<\/th><td class="num">4<\/td><td class="num">3<\/td><td class="num">2<\/td><td class="num">50\.0%<\/td><td class="num">1\.5<\/td><td class="num">0\.0%<\/td><\/tr>/);
      assert.match(page.body, /<tr><th scope="row">2026年8月<\/th><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">—<\/td>/);
      assert.match(page.body, /所属网站合计/);
      assert.match(page.body, /<th scope="row">南京市人民政府<\/th><td class="num">1<\/td>/);
      const dept = await ctx.app.inject({ method: 'GET', url: '/letters/statistics.html', headers: { host: `${DEPARTMENT}.localhost` } });
      assert.equal((dept.body.match(/<svg /g) ?? []).length, 1);
      assert.doesNotMatch(dept.body, /所属网站合计/);
    });

    test('the console shows the sites and regions in the actor\'s scope', async () => {
      const handler = await signIn(ctx.app, ctx.accounts.handler!, clock);
      const res = await handler.request('GET', '/api/v1/letter-statistics');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{ computedAt: number; sites: { code: string; statistics: { thisMonth: LetterFigures } }[]; regions: { name: string; siteIds: number[] }[] }>();
      assert.equal(body.computedAt, clock.now());
      assert.equal(body.sites.find((x) => x.code === PORTAL)?.statistics.thisMonth.received, 4);
      assert.ok(body.regions.some((r) => r.siteIds.includes(1) && r.siteIds.length > 5));
    });
  });
}
