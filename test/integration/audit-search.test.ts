import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction } from '../../src/db/index.js';
import type { Actor } from '../../src/platform/identity/actor.js';
import { csvCell, exportAuditCsv, formatShanghai } from '../../src/platform/audit/index.js';
import { searchAuditLog } from '../../src/platform/audit/operations/search-audit-log.js';
import { exportAuditLog } from '../../src/platform/audit/operations/export-audit-log.js';
import { verifyAuditLog } from '../../src/platform/audit/operations/verify-audit-log.js';
import { selectedEngines } from '../support/engines.js';
import { openAuditFixture, T0, userActor, type AuditFixture } from './audit-fixtures.js';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const l of lines) out.push(l);
  return out;
}

function auditor(scope: { platform: true } | { path: string }): Actor {
  return {
    ...userActor('auditor', { userId: 99 }),
    grants: ['platform' in scope
      ? { role: 'audit_admin', scopeType: 'platform', scopeId: null, scopePath: null }
      : { role: 'audit_admin', scopeType: 'org', scopeId: 2, scopePath: scope.path }],
  };
}

for (const engine of selectedEngines()) {
  describe(`audit search and export [${engine}]`, () => {
    let fx: AuditFixture;
    let cityOrg = 0;
    let otherOrg = 0;
    const db = () => fx.dbh.db;
    const append = (actor: Actor, action: string, result: 'success' | 'denied' | 'failure', detail: Record<string, unknown> = {}) =>
      inTransaction(db(), (trx) => fx.audit.append(trx, actor, { action, result, targetType: 'document', targetId: 1, detail }));

    before(async () => {
      fx = await openAuditFixture(engine);
      const org = (code: string, name: string, path: (id: number) => string) => db().transaction().execute(async (trx) => {
        const { id } = await trx.insertInto('organizations').values({
          parent_id: null, code, name, kind: 'government', level: 'city', division_code: '320100', credit_code: null,
          path: '/', sort_order: 0, created_at: T0, updated_at: T0,
        }).returning('id').executeTakeFirstOrThrow();
        await trx.updateTable('organizations').set({ path: path(id) }).where('id', '=', id).execute();
        return id;
      });
      cityOrg = await org('320100', '南京市人民政府', (id) => `/${id}/`);
      otherOrg = await org('320200', '无锡市人民政府', (id) => `/${id}/`);
      const nj = userActor('zhang', { userId: 1, orgId: cityOrg });
      const wx = userActor('li', { userId: 2, orgId: otherOrg });
      fx.clock.set(T0); // 2026-01-05 09:00:00 Shanghai
      await append(nj, 'content.document.publish', 'success', { title: '关于"春节"放假的通知, 2026' });
      fx.clock.advance(60_000);
      await append(wx, 'content.document.delete', 'denied');
      fx.clock.advance(60_000);
      await append(nj, 'identity.user.update', 'success', { note: '=HYPERLINK("http://evil")' });
      fx.clock.advance(60_000);
      await append({ ...userActor('=cmd|calc', { userId: 3, orgId: otherOrg, userAgent: '@SUM(A1)' }) }, 'auth.login', 'failure');
      fx.clock.advance(3_600_000); // later reads of the log are audited at a later time
    });
    after(async () => { await fx.close(); });

    test('search returns the newest first with a total, and filters by time, actor, action prefix and result', async () => {
      const all = await fx.audit.search(db(), { page: 1, pageSize: 50 });
      assert.equal(all.total, 4);
      assert.deepEqual(all.items.map((e) => e.seq), [4, 3, 2, 1]);
      assert.equal(all.items[3]?.orgName, '南京市人民政府');
      assert.deepEqual(all.items[3]?.detail, { title: '关于"春节"放假的通知, 2026' });

      const content = await fx.audit.search(db(), { action: 'content.', page: 1, pageSize: 50 });
      assert.deepEqual(content.items.map((e) => e.action), ['content.document.delete', 'content.document.publish']);
      assert.equal((await fx.audit.search(db(), { action: 'CONTENT.', page: 1, pageSize: 50 })).total, 0, 'prefix match is case-sensitive');
      assert.equal((await fx.audit.search(db(), { action: 'content%', page: 1, pageSize: 50 })).total, 0, 'no wildcards');
      assert.deepEqual((await fx.audit.search(db(), { actorName: 'zhang', page: 1, pageSize: 50 })).items.map((e) => e.seq), [3, 1]);
      assert.deepEqual((await fx.audit.search(db(), { actorId: 2, page: 1, pageSize: 50 })).items.map((e) => e.seq), [2]);
      assert.deepEqual((await fx.audit.search(db(), { result: 'failure', page: 1, pageSize: 50 })).items.map((e) => e.seq), [4]);
      assert.deepEqual((await fx.audit.search(db(), { from: T0 + 60_000, to: T0 + 120_000, page: 1, pageSize: 50 })).items.map((e) => e.seq), [3, 2]);
    });

    test('search pages, and never returns more than 200 rows a page', async () => {
      const p2 = await fx.audit.search(db(), { page: 2, pageSize: 3 });
      assert.equal(p2.total, 4);
      assert.deepEqual(p2.items.map((e) => e.seq), [1]);
      const huge = await fx.audit.search(db(), { page: 1, pageSize: 10_000 });
      assert.equal(huge.items.length, 4);
    });

    test('an auditor scoped to one city sees only that city\'s events; a platform auditor sees all', async () => {
      const scoped = await searchAuditLog({ db: db(), actor: auditor({ path: `/${cityOrg}/` }), audit: fx.audit, input: { page: 1, pageSize: 50 } });
      assert.deepEqual(scoped.items.map((e) => e.orgId), [cityOrg, cityOrg]);
      const all = await searchAuditLog({ db: db(), actor: auditor({ platform: true }), audit: fx.audit, input: { page: 1, pageSize: 50 } });
      assert.ok(all.total >= 5);
    });

    test('reading, exporting and verifying the log are themselves audited', async () => {
      const before = (await fx.audit.search(db(), { page: 1, pageSize: 1 })).total;
      const reader = auditor({ platform: true });
      await searchAuditLog({ db: db(), actor: reader, audit: fx.audit, input: { action: 'auth.', page: 1, pageSize: 10 } });
      await collect(await exportAuditLog({ db: db(), actor: reader, audit: fx.audit, input: { result: 'denied' } }));
      const report = await verifyAuditLog({ db: db(), actor: reader, audit: fx.audit });
      assert.equal(report.ok, true);
      const latest = await fx.audit.search(db(), { actorName: 'auditor', page: 1, pageSize: 3 });
      assert.deepEqual(latest.items.map((e) => e.action), ['audit.verify', 'audit.export', 'audit.search']);
      assert.deepEqual(latest.items[2]?.detail, { filter: { action: 'auth.', page: 1, pageSize: 10 } });
      assert.equal((await fx.audit.search(db(), { page: 1, pageSize: 1 })).total, before + 3);
    });

    test('CSV export: BOM, Chinese header, Shanghai time, escaping and formula neutralising', async () => {
      const lines = await collect(fx.audit.exportCsv(db(), { to: T0 + 180_000 }));
      assert.equal(lines[0], '\uFEFF时间,操作人,机构,操作,对象类型,对象,结果,IP,终端,详情\r\n');
      assert.equal(lines.length, 5);
      assert.ok(lines.every((l) => l.endsWith('\r\n')));
      const [login, update, , publish] = lines.slice(1);
      assert.ok(login?.startsWith(`2026-01-05 09:03:00,'=cmd|calc,无锡市人民政府,auth.login,document,1,失败,10.0.0.1,'@SUM(A1),{}`), login);
      assert.ok(update?.endsWith(`"{""note"":""=HYPERLINK(\\""http://evil\\"")""}"\r\n`), update);
      assert.equal(publish, `2026-01-05 09:00:00,zhang,南京市人民政府,content.document.publish,document,1,成功,10.0.0.1,Mozilla/5.0 test,"{""title"":""关于\\""春节\\""放假的通知, 2026""}"\r\n`);
    });

    test('CSV export reads in batches without losing or repeating rows', async () => {
      const lines = await collect(exportAuditCsv(db(), {}, { batchSize: 2 }));
      const total = (await fx.audit.search(db(), { page: 1, pageSize: 1 })).total;
      assert.equal(lines.length, total + 1);
      assert.deepEqual(lines, await collect(exportAuditCsv(db(), {})), 'same rows as one big batch');
    });

    test('csv cells and Shanghai times', () => {
      assert.equal(csvCell('-1+2'), `'-1+2`);
      assert.equal(csvCell('+86 138'), `'+86 138`);
      assert.equal(csvCell('=1,2'), `"'=1,2"`);
      assert.equal(csvCell('a\nb'), '"a\nb"');
      assert.equal(csvCell('plain'), 'plain');
      assert.equal(formatShanghai(Date.UTC(2026, 11, 31, 16, 0, 0)), '2027-01-01 00:00:00');
    });
  });
}
