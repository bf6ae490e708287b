import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { goodPages, htmlPage, NANJING, PORTAL } from '../support/page-fixtures.js';
import { signIn, type TestSession } from '../support/session.js';
import { userWithGrant } from '../support/letter-workflow-fixtures.js';
import { ShiftedClock } from '../support/shifted-clock.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import type { DialectOps } from '../../src/db/index.js';
import { analyticsDay, closeAnalyticsDays, Hll, MAX_COUNTED_PATH, ViewCounter, viewCounterFor, writeTrafficHistory } from '../../src/modules/analytics/index.js';
import { visitorHash, visitorKey } from '../../src/modules/analytics/visitor-hash.js';

const DAY = 86_400_000;
const PORTAL_HOST = 'www.jiangsu.gov.cn';

interface Traffic {
  scope: string; from: string; to: string; views: number; visitors: number;
  perDay: { day: string; views: number; visitors: number }[];
  topPages: { siteCode: string; path: string; url: string; views: number }[];
  topSites: { siteCode: string; views: number; visitors: number }[];
}

/** 访问统计: the view beacon, unique visitors without tracking, the console's figures and their scope. */
for (const engine of selectedEngines()) {
  describe(`analytics: page views and visitors [${engine}]`, () => {
    let ctx: TestContext;
    let admin: TestSession;
    const clock = new ShiftedClock();
    const beacon = (referer: string | undefined, opts: { host?: string; ua?: string; ip?: string; method?: 'GET' | 'HEAD' } = {}) => ctx.app.inject({
      method: opts.method ?? 'GET', url: '/_pv.gif', remoteAddress: opts.ip ?? '203.0.113.7',
      headers: { host: opts.host ?? PORTAL_HOST, 'user-agent': opts.ua ?? 'A', ...(referer !== undefined ? { referer } : {}) },
    });
    const traffic = async (s: TestSession, query: string) => {
      const res = await s.request('GET', `/api/v1/analytics/traffic${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Traffic;
    };
    const flush = () => viewCounterFor(ctx.platform).flush();

    before(async () => {
      // The site admin made below signs in with a password only (2FA has its own tests). A fixed
      // installation secret makes the visitor hashes, and so the sketches, the same every run.
      ctx = await createTestContext(engine, { clock, config: { mfaRequiredRoles: ['system_admin', 'security_admin', 'audit_admin'], secretKey: 'a5'.repeat(32) } });
      const pages = goodPages(ctx.platform);
      await pages.publish(PORTAL, [
        { path: '/', body: htmlPage('江苏省人民政府') },
        { path: '/zwgk/art_1.html', body: htmlPage('关于印发通知的通知') },
        { path: '/政策/解读.html', body: htmlPage('政策解读') },
        { path: '/withdrawn.html', body: Buffer.from('<!DOCTYPE html><h1>该信息已撤回</h1>'), status: 410 },
        { path: '/assets/site.css', body: Buffer.from('body{color:#222}') },
      ]);
      await pages.publish(NANJING, [{ path: '/', body: htmlPage('南京市人民政府') }]);
      admin = await signIn(ctx.app, ctx.accounts['sysadmin']!, clock);
    });
    after(async () => { await ctx.close(); });

    test('the beacon counts a view of a stored page of its own site: views, unique visitors, top pages', async () => {
      const page = `https://${PORTAL_HOST}/zwgk/art_1.html?from=home`;
      for (const [ip, ua] of [['203.0.113.7', 'A'], ['203.0.113.7', 'A'], ['203.0.113.8', 'A'], ['203.0.113.7', 'B']] as const) {
        const res = await beacon(page, { ip, ua });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'image/gif');
        assert.equal(res.headers['cache-control'], 'no-store');
        assert.equal(res.rawPayload.subarray(0, 6).toString('latin1'), 'GIF89a');
      }
      await beacon(`https://${PORTAL_HOST}/`);
      await beacon(`https://${PORTAL_HOST}/%E6%94%BF%E7%AD%96/%E8%A7%A3%E8%AF%BB.html`);
      await beacon(`https://www.nanjing.gov.cn/`, { host: 'www.nanjing.gov.cn' });
      assert.equal(viewCounterFor(ctx.platform).pendingViews, 7);
      await flush();
      assert.equal(viewCounterFor(ctx.platform).pendingViews, 0);

      const portal = await traffic(admin, `?site=${PORTAL}&days=7`);
      assert.equal(portal.scope, 'site');
      assert.equal(portal.views, 6);
      // Three people on the article (two addresses, two browsers on one), the same first one on the other pages.
      assert.equal(portal.visitors, 3);
      assert.equal(portal.perDay.length, 7);
      assert.deepEqual(portal.perDay.at(-1), { day: analyticsDay(clock.now()), views: 6, visitors: 3 });
      assert.deepEqual(portal.topPages.map((p) => [p.path, p.views]), [['/zwgk/art_1.html', 4], ['/', 1], ['/政策/解读.html', 1]]);
      assert.equal(portal.topPages[0]!.url, `https://${PORTAL_HOST}/zwgk/art_1.html`);

      const all = await traffic(admin, '?days=1');
      assert.equal(all.scope, 'all');
      assert.equal(all.views, 7);
      assert.deepEqual(all.topSites.map((s) => [s.siteCode, s.views, s.visitors]), [[PORTAL, 6, 3], [NANJING, 1, 1]]);
    });

    test('not counted: another host\'s page, withdrawn pages, files that are not pages, unknown paths, bad or missing Referer, HEAD', async () => {
      const before = (await traffic(admin, `?site=${PORTAL}&days=1`)).views;
      const refused = [
        `https://www.nanjing.gov.cn/`, `https://evil.example.com/zwgk/art_1.html`, `https://${PORTAL_HOST}/withdrawn.html`,
        `https://${PORTAL_HOST}/assets/site.css`, `https://${PORTAL_HOST}/nope.html`, `https://${PORTAL_HOST}/%E0%A4%A.html`,
        `https://${PORTAL_HOST}/../../etc/passwd`, 'not a url', '', undefined,
      ];
      for (const referer of refused) {
        const res = await beacon(referer);
        assert.equal(res.statusCode, 200, String(referer));
      }
      const head = await beacon(`https://${PORTAL_HOST}/`, { method: 'HEAD' });
      assert.equal(head.statusCode, 200);
      assert.equal(head.rawPayload.length, 0);
      assert.equal(viewCounterFor(ctx.platform).pendingViews, 0);
      await flush();
      assert.equal((await traffic(admin, `?site=${PORTAL}&days=1`)).views, before);
    });

    test('two processes counting overlapping visitors merge to the sketch one process would have; views add up', async () => {
      const site = (await getSiteByCode(ctx.platform.db, NANJING))!;
      const { db, dbh, keys } = ctx.platform;
      const row = () => db.selectFrom('analytics_site_days').select(['views', 'visitors', 'sketch']).where('site_id', '=', site.id).where('day', '=', analyticsDay(clock.now())).executeTakeFirstOrThrow();
      const was = await row();
      const other = new ViewCounter({ db, ops: dbh.ops, secret: keys.sessionSecret, now: () => clock.now(), onError: (e) => { throw e; } });
      const here = viewCounterFor(ctx.platform);
      for (let i = 0; i < 50; i++) here.record(site.id, '/index.html', `visitor-${i}`);
      for (let i = 25; i < 75; i++) other.record(site.id, '/index.html', `visitor-${i}`);
      // Concurrent flushes (two connections on PostgreSQL): the lock keeps either merge from being lost.
      await Promise.all([here.flush(), other.flush()]);
      const now = await row();
      assert.equal(Number(now.views), Number(was.views) + 100);
      const union = Hll.fromBase64(was.sketch);
      const key = visitorKey(keys.sessionSecret, site.id, analyticsDay(clock.now()));
      for (let i = 0; i < 75; i++) union.add(...visitorHash(key, `visitor-${i}`));
      assert.deepEqual(Hll.fromBase64(now.sketch).registers, union.registers);
      assert.equal(Number(now.visitors), union.estimate());
      assert.ok(Math.abs(union.estimate() - (Number(was.visitors) + 75)) <= 2, `${union.estimate()} visitors`);
    });

    test('a failed flush keeps its counts for the next; a page path too long for its column counts for the site only', async () => {
      const site = (await getSiteByCode(ctx.platform.db, NANJING))!;
      const { db, dbh, keys } = ctx.platform;
      let refuse = 0;
      const ops: DialectOps = {
        ...dbh.ops,
        async lockForUpdate(trx, k) {
          if (refuse-- > 0) throw new Error('database unavailable');
          await dbh.ops.lockForUpdate(trx, k);
        },
      };
      const counter = new ViewCounter({ db, ops, secret: keys.sessionSecret, now: () => clock.now(), onError: () => undefined });
      const views = async () => Number((await db.selectFrom('analytics_site_days').select('views').where('site_id', '=', site.id).where('day', '=', analyticsDay(clock.now())).executeTakeFirstOrThrow()).views);
      const pageViews = async (path: string) => Number((await db.selectFrom('analytics_page_days').select('views').where('site_id', '=', site.id).where('path', '=', path).executeTakeFirst())?.views ?? 0);
      const before = await views();
      const beforePage = await pageViews('/a.html');
      refuse = 1;
      counter.record(site.id, '/a.html', 'x');
      await assert.rejects(counter.flush(), /database unavailable/);
      counter.record(site.id, '/a.html', 'y');
      counter.record(site.id, `/${'长'.repeat(MAX_COUNTED_PATH)}.html`, 'z');
      await counter.flush();
      assert.equal(await views(), before + 3);
      assert.equal(await pageViews('/a.html'), beforePage + 2);
      // Failing again and again: after three in a row the page rows go, the site's views stay.
      refuse = 3;
      counter.record(site.id, '/a.html', 'w');
      for (let i = 0; i < 3; i++) await assert.rejects(counter.flush());
      await counter.flush();
      assert.equal(await views(), before + 4);
      assert.equal(await pageViews('/a.html'), beforePage + 2);
    });

    test('scope: a site admin sees only the sites of the grant; other sites 403, unknown 404, bad dates 400 naming the value', async () => {
      const nanjing = (await getSiteByCode(ctx.platform.db, NANJING))!;
      const local = await userWithGrant(ctx, clock, 'site_admin', { type: 'site', id: nanjing.id }, '南京站务');
      const own = await traffic(local, '?days=1');
      assert.equal(own.scope, 'sites');
      assert.deepEqual(own.topSites.map((s) => s.siteCode), [NANJING]);
      assert.ok(own.topPages.every((p) => p.siteCode === NANJING));
      assert.equal((await local.request('GET', `/api/v1/analytics/traffic?site=${PORTAL}`)).statusCode, 403);
      const editor = await signIn(ctx.app, ctx.accounts['editor']!, clock);
      assert.equal((await editor.request('GET', '/api/v1/analytics/traffic')).statusCode, 403);
      const unknown = await admin.request('GET', '/api/v1/analytics/traffic?site=3299999999');
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().code, 'analytics.site_not_found');
      const badDay = await admin.request('GET', '/api/v1/analytics/traffic?from=2026-02-30&to=2026-03-01');
      assert.equal(badDay.statusCode, 400);
      assert.equal(badDay.json().code, 'analytics.bad_date');
      assert.match(badDay.json().detail ?? badDay.json().title, /2026-02-30/);
      const backwards = await admin.request('GET', '/api/v1/analytics/traffic?from=2026-03-02&to=2026-03-01');
      assert.equal(backwards.statusCode, 400);
      assert.equal(backwards.json().code, 'analytics.bad_range');
      assert.equal((await admin.request('GET', '/api/v1/analytics/traffic?days=0')).statusCode, 400);
    });

    test('history and the daily close: a year\'s figures; closed days lose their sketch and keep their figure; old page rows go', async () => {
      const portal = (await getSiteByCode(ctx.platform.db, PORTAL))!;
      await writeTrafficHistory(ctx.platform.db, ctx.platform.dbh.ops, {
        at: clock.now(),
        sites: [{ siteId: portal.id, day: '2024-03-01', views: 1200, visitors: 400 }, { siteId: portal.id, day: '2024-12-31', views: 800, visitors: 300 }],
        pages: [{ siteId: portal.id, day: '2024-03-01', path: '/zwgk/art_1.html', views: 900 }],
      });
      const year = await traffic(admin, `?site=${PORTAL}&year=2024`);
      assert.equal(year.from, '2024-01-01');
      assert.equal(year.perDay.length, 366);
      assert.equal(year.views, 2000);
      assert.equal(year.visitors, 700);

      const today = analyticsDay(clock.now());
      const open = () => ctx.platform.db.selectFrom('analytics_site_days').select(['day', 'sketch', 'visitors']).where('site_id', '=', portal.id).where('day', '=', today).executeTakeFirstOrThrow();
      const was = await open();
      assert.notEqual(was.sketch, null);
      assert.equal(Hll.fromBase64(was.sketch).estimate(), Number(was.visitors));
      // The next day the row stays open (a flush may be under way at midnight); two days on it closes.
      assert.deepEqual(await closeAnalyticsDays(ctx.platform.db, clock.now() + DAY), { closed: 0, prunedPages: 1 }, 'the 2024 page row is more than 400 days old');
      const out = await closeAnalyticsDays(ctx.platform.db, clock.now() + 2 * DAY);
      assert.ok(out.closed >= 2, String(out.closed));
      assert.equal(out.prunedPages, 0);
      const closed = await open();
      assert.equal(closed.sketch, null);
      assert.equal(Number(closed.visitors), Number(was.visitors));
      assert.equal((await traffic(admin, `?site=${PORTAL}&year=2024`)).views, 2000, 'per-site days are kept');
    });
  });
}
