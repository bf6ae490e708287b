import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { goodPages, htmlPage, NANJING, PORTAL, storeRoot, tamper, waitFor, type GoodPages } from '../support/page-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { sm3Hex } from '../../src/platform/crypto/index.js';
import { registerPageRepairer, startPageWatcher, type PageWatcher } from '../../src/modules/delivery/index.js';
import { pagesCommand } from '../../src/cli/pages-command.js';

/**
 * 网页防篡改: a stored file changed on disk is never served; the genuine page comes back from the
 * repairer; the watcher restores changed, deleted and planted files within 10 s; every incident
 * is a page alert with an audit event; `jiyue pages verify` sees what the disk holds.
 */
for (const engine of selectedEngines()) {
  describe(`page store tamper protection [${engine}]`, () => {
    let ctx: TestContext;
    let pages: GoodPages;
    let unregister: () => void = () => undefined;
    let sys: TestSession;
    const clock = new ManualClock();
    const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers: { host: 'www.jiangsu.gov.cn', ...headers } });

    async function alertsFor(file: string, site = PORTAL) {
      return ctx.platform.db.selectFrom('page_alerts').selectAll().where('site_code', '=', site).where('file', '=', file).orderBy('id').execute();
    }
    async function auditActions(): Promise<string[]> {
      return (await ctx.platform.db.selectFrom('audit_events').select('action').where('action', 'like', 'pages.%').execute()).map((r) => r.action);
    }
    async function verify(): Promise<{ code: number; out: string }> {
      const lines: string[] = [];
      const code = await pagesCommand(['verify'], ctx.platform.config, { out: (l) => lines.push(l), err: (l) => lines.push(l), progress: () => undefined });
      return { code, out: lines.join('\n') };
    }

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      clock.advance(31_000);
      sys = await signIn(ctx.app, ctx.accounts.sysadmin!, clock);
      pages = goodPages(ctx.platform);
      await pages.publish(PORTAL, [
        { path: '/', body: htmlPage('江苏省人民政府') },
        { path: '/hot.html', body: htmlPage('已缓存的页面') },
        { path: '/cold.html', body: htmlPage('未缓存的页面') },
        { path: '/variant.html', body: htmlPage('压缩版本被改') },
        { path: '/unrepaired.html', body: htmlPage('无修复器') },
        { path: '/watch/modified.html', body: htmlPage('被改动后由监视器恢复') },
        { path: '/watch/deleted.html', body: htmlPage('被删除后由监视器恢复') },
        { path: '/scan/modified.html', body: htmlPage('仅靠全量扫描恢复') },
        { path: '/cli.html', body: htmlPage('命令行校验') },
      ]);
      await pages.publish(NANJING, [{ path: '/', body: htmlPage('南京市人民政府') }]);
      unregister = registerPageRepairer(pages.repairer);
    });
    after(async () => {
      unregister();
      await ctx.close();
    });

    test('pages verify passes on an untouched store', async () => {
      const r = await verify();
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /OK: 2 sites/);
    });

    test('a cached page keeps being served from memory after its file is overwritten', async () => {
      const good = pages.body(PORTAL, '/hot.html');
      assert.deepEqual((await get('/hot.html')).rawPayload, good);
      tamper(pages.diskPath(PORTAL, '/hot.html'), '<h1>hacked</h1>');
      const res = await get('/hot.html');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.rawPayload, good);
      // Put it back for the tests that follow (the watcher is not running yet).
      await pages.repairer(PORTAL, '/hot.html');
    });

    test('a page tampered before its first request: the genuine bytes are served, the file rewritten, an alert and an audit event written', async () => {
      const good = pages.body(PORTAL, '/cold.html');
      const disk = pages.diskPath(PORTAL, '/cold.html');
      tamper(disk, Buffer.from(good.toString().replace('未缓存', '已篡改')));
      const res = await get('/cold.html');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.rawPayload, good);
      assert.equal(res.headers.etag, `"${sm3Hex(good)}"`);
      assert.deepEqual(fs.readFileSync(disk), good, 'the repairer rewrote the file');
      const [row] = await waitFor('the alert', async () => { const rows = await alertsFor('/cold.html'); return rows.length > 0 && rows; });
      assert.equal(row!.kind, 'modified');
      assert.equal(row!.detected_by, 'request');
      assert.equal(row!.action, 'restored');
      assert.ok((await auditActions()).includes('pages.tamper.modified'));
    });

    test('a tampered compressed variant is never sent either', async () => {
      const good = pages.body(PORTAL, '/variant.html');
      tamper(pages.diskPath(PORTAL, '/variant.html', 'gzip'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]));
      const res = await get('/variant.html', { 'accept-encoding': 'gzip' });
      assert.equal(res.statusCode, 200);
      // The repaired page goes out as identity bytes.
      assert.equal(res.headers['content-encoding'], undefined);
      assert.deepEqual(res.rawPayload, good);
      await waitFor('the variant alert', async () => (await alertsFor('/variant.html.gz')).length > 0);
    });

    test('without a repairer a tampered page is withheld (503), never sent', async () => {
      unregister();
      try {
        const disk = pages.diskPath(PORTAL, '/unrepaired.html');
        tamper(disk, '<h1>defaced</h1>');
        const res = await get('/unrepaired.html');
        assert.equal(res.statusCode, 503);
        assert.ok(!res.body.includes('defaced'));
        const [row] = await waitFor('the alert', async () => { const rows = await alertsFor('/unrepaired.html'); return rows.length > 0 && rows; });
        assert.equal(row!.action, 'blocked');
      } finally {
        unregister = registerPageRepairer(pages.repairer);
      }
      assert.deepEqual((await get('/unrepaired.html')).rawPayload, pages.body(PORTAL, '/unrepaired.html'));
    });

    test('pages verify exits non-zero after tampering, naming the file, and zero after repair', async () => {
      const disk = pages.diskPath(PORTAL, '/cli.html');
      tamper(disk, '<h1>hacked</h1>');
      const planted = path.join(storeRoot(ctx.platform), PORTAL, 'planted.html');
      fs.writeFileSync(planted, 'not published');
      const bad = await verify();
      assert.equal(bad.code, 1, bad.out);
      assert.match(bad.out, /modified.*cli\.html/);
      assert.match(bad.out, /unknown file.*planted\.html/);
      // The real command line says the same.
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'pages', 'verify', '--site', PORTAL], {
        env: { ...process.env, JIYUE_DATA_DIR: ctx.platform.config.dataDir, DATABASE_URL: ctx.platform.config.databaseUrl ?? '', JIYUE_LOG_LEVEL: 'silent' }, encoding: 'utf8',
      });
      assert.equal(cli.status, 1, cli.stdout + cli.stderr);
      assert.match(cli.stdout, /FAILED: 2 problems/);
      await pages.repairer(PORTAL, '/cli.html');
      fs.unlinkSync(planted);
      const good = await verify();
      assert.equal(good.code, 0, good.out);
    });

    test('the watcher restores a modified file, a deleted file, and removes a planted one, within 10 s, with alerts and audit events', async () => {
      let watcher: PageWatcher | null = startPageWatcher(ctx.platform);
      try {
        await watcher.scanNow();
        const modified = pages.diskPath(PORTAL, '/watch/modified.html');
        const deleted = pages.diskPath(PORTAL, '/watch/deleted.html');
        const planted = path.join(storeRoot(ctx.platform), PORTAL, 'watch', 'planted.html');
        const start = Date.now();
        tamper(modified, '<h1>defaced</h1>');
        fs.unlinkSync(deleted);
        fs.writeFileSync(planted, '<script>alert(1)</script>');
        await waitFor('the modified file restored', async () => sm3Hex(fs.readFileSync(modified)) === sm3Hex(pages.body(PORTAL, '/watch/modified.html')), 10_000);
        await waitFor('the deleted file restored', async () => fs.existsSync(deleted) && fs.readFileSync(deleted).equals(pages.body(PORTAL, '/watch/deleted.html')), 10_000 - (Date.now() - start));
        await waitFor('the planted file removed', async () => !fs.existsSync(planted), 10_000 - (Date.now() - start));
        const kinds = async () => Promise.all([alertsFor('/watch/modified.html'), alertsFor('/watch/deleted.html'), alertsFor('/watch/planted.html')]);
        const [m, d, p] = await waitFor('three alerts', async () => { const k = await kinds(); return k.every((rows) => rows.length > 0) && k; });
        assert.deepEqual([m![0]!.kind, m![0]!.detected_by, m![0]!.action], ['modified', 'watcher', 'restored']);
        assert.deepEqual([d![0]!.kind, d![0]!.action], ['missing', 'restored']);
        assert.deepEqual([p![0]!.kind, p![0]!.action], ['added', 'removed']);
        const actions = await auditActions();
        for (const a of ['pages.tamper.modified', 'pages.tamper.missing', 'pages.tamper.added']) assert.ok(actions.includes(a), a);
        assert.equal((await verify()).code, 0);
      } finally {
        await watcher.stop();
        watcher = null;
      }
    });

    test('publishing while the watcher runs raises no alert and removes nothing', async () => {
      const watcher = startPageWatcher(ctx.platform);
      try {
        await watcher.scanNow();
        const before = await ctx.platform.db.selectFrom('page_alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        for (let round = 0; round < 20; round++) {
          await pages.publish(PORTAL, Array.from({ length: 10 }, (_, i) => ({ path: `/batch/${round}-${i}.html`, body: htmlPage(`批量发布 ${round}-${i}`) })));
          if (round % 5 === 0) await watcher.scanNow();
        }
        await new Promise((r) => setTimeout(r, 2500)); // past the watcher's grace period
        await watcher.scanNow();
        const afterCount = await ctx.platform.db.selectFrom('page_alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.equal(Number(afterCount.n), Number(before.n));
        assert.deepEqual((await get('/batch/19-9.html')).rawPayload, pages.body(PORTAL, '/batch/19-9.html'));
        assert.equal((await verify()).code, 0);
      } finally {
        await watcher.stop();
      }
    });

    test('an apply that takes longer than the watcher\'s grace period (a rebuild batch) raises no alert and removes nothing', async () => {
      // A grace period far shorter than the apply: the files renamed into place are not in the
      // manifest until the apply ends, so the watcher must wait for it instead of judging them.
      const watcher = startPageWatcher(ctx.platform, { graceMs: 5, watchEvents: false });
      try {
        const before = await ctx.platform.db.selectFrom('page_alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        const batch = Array.from({ length: 1500 }, (_, i) => ({ path: `/rebuild/${i}.html`, body: htmlPage(`整站重建 ${i} ${'政务公开'.repeat(200)}`) }));
        let applying = true;
        const published = pages.publish(PORTAL, batch).finally(() => { applying = false; });
        // Scans until the apply ends (without waiting for it, the watcher removed files as planted).
        while (applying) await watcher.scanNow();
        await published;
        await watcher.scanNow();
        const after = await ctx.platform.db.selectFrom('page_alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.equal(Number(after.n), Number(before.n), 'no alert');
        for (const i of [0, 749, 1499]) assert.deepEqual((await get(`/rebuild/${i}.html`)).rawPayload, pages.body(PORTAL, `/rebuild/${i}.html`));
        assert.equal((await verify()).code, 0);
      } finally {
        await watcher.stop();
      }
    });

    test('without file-system events the periodic scan alone restores a change within 10 s', async () => {
      const watcher = startPageWatcher(ctx.platform, { watchEvents: false });
      try {
        await watcher.scanNow();
        const disk = pages.diskPath(PORTAL, '/scan/modified.html');
        tamper(disk, '<h1>defaced</h1>');
        await waitFor('the scan restoring the file', async () => fs.readFileSync(disk).equals(pages.body(PORTAL, '/scan/modified.html')), 10_000);
      } finally {
        await watcher.stop();
      }
    });

    test('a forged manifest signature: the site answers 503, an alert is raised, verify fails; the genuine signature brings it back', async () => {
      const sigFile = path.join(storeRoot(ctx.platform), NANJING, '_manifest', 'root.sig');
      const genuineSig = fs.readFileSync(sigFile, 'utf8');
      assert.equal((await get('/', { host: 'www.nanjing.gov.cn' })).statusCode, 200);
      // A well-formed signature, of other bytes.
      const forged = genuineSig.trim().replace(/[0-9a-f]{8}$/, (s) => s.split('').reverse().join(''));
      assert.notEqual(forged, genuineSig.trim());
      fs.writeFileSync(sigFile, forged);
      await new Promise((r) => setTimeout(r, 1100)); // the public server stats root.json at most once a second
      const res = await get('/', { host: 'www.nanjing.gov.cn' });
      assert.equal(res.statusCode, 503);
      assert.match(res.body, /暂时无法访问/);
      const [row] = await waitFor('the manifest alert', async () => { const rows = await alertsFor('', NANJING); return rows.length > 0 && rows; });
      assert.equal(row!.kind, 'manifest');
      assert.match(row!.detail, /signature/);
      assert.ok((await auditActions()).includes('pages.tamper.manifest'));
      const v = await verify();
      assert.equal(v.code, 1);
      assert.match(v.out, new RegExp(`${NANJING}.*signature`));
      // Other sites are unaffected.
      assert.equal((await get('/')).statusCode, 200);
      fs.writeFileSync(sigFile, genuineSig);
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await get('/', { host: 'www.nanjing.gov.cn' })).statusCode, 200);
    });

    test('the console lists the alerts and an administrator acknowledges them', async () => {
      const list = await sys.request('GET', '/api/v1/page-alerts?status=open');
      assert.equal(list.statusCode, 200, list.body);
      const body = list.json() as { total: number; items: { id: number; siteCode: string; siteName: string; file: string; kind: string }[] };
      assert.ok(body.total >= 5, list.body);
      const cold = body.items.find((a) => a.file === '/cold.html')!;
      assert.equal(cold.siteName, '江苏省人民政府');
      const ack = await sys.request('POST', `/api/v1/page-alerts/${cold.id}/acknowledge`, { note: '已核实，系测试' });
      assert.equal(ack.statusCode, 200, ack.body);
      assert.equal(ack.json().alert.ackNote, '已核实，系测试');
      assert.equal((await sys.request('POST', `/api/v1/page-alerts/${cold.id}/acknowledge`, {})).statusCode, 409);
      const open = (await sys.request('GET', '/api/v1/page-alerts?status=open')).json() as typeof body;
      assert.ok(!open.items.some((a) => a.id === cold.id));
      const nanjing = (await sys.request('GET', `/api/v1/page-alerts?site=${NANJING}`)).json() as typeof body;
      assert.ok(nanjing.items.length > 0 && nanjing.items.every((a) => a.siteCode === NANJING));
      assert.ok((await auditActions()).includes('pages.alerts.acknowledge'));
      assert.equal((await sys.request('POST', '/api/v1/page-alerts/999999/acknowledge', {})).statusCode, 404);
    });
  });
}
