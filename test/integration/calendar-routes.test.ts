import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { endOfShanghaiDay, NOW } from './calendar-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`calendar API [${engine}]`, () => {
    let ctx: TestContext;
    let admin: TestSession;
    let editor: TestSession;
    const clock = new ManualClock(NOW);

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      admin = await signIn(ctx.app, ctx.accounts.sysadmin as NonNullable<typeof ctx.accounts.sysadmin>, clock);
      editor = await signIn(ctx.app, ctx.accounts.editor as NonNullable<typeof ctx.accounts.editor>, clock);
    });
    after(async () => ctx.close());

    it('refuses anonymous readers', async () => {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/calendar/status' });
      assert.equal(res.statusCode, 401);
    });

    it('shows an editor the status with the missing-year warning', async () => {
      const res = await editor.request('GET', '/api/v1/calendar/status');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { missing: number[]; warning: string | null; years: { year: number; source: string }[] };
      assert.deepEqual(body.missing, [2027]);
      assert.equal(body.warning, '缺少 2027 年节假日数据，工作日按周一至周五计算，请导入');
      assert.equal(body.years.find((y) => y.year === 2026)?.source, 'chinese-days@1.5.7');
      const health = await ctx.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal((health.json() as { calendar: { warning: string | null } }).calendar.warning, body.warning);
    });

    it('lists a year\'s exception days', async () => {
      const res = await editor.request('GET', '/api/v1/calendar/years/2026');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { hasData: boolean; days: { date: string; kind: string }[] };
      assert.equal(body.hasData, true);
      assert.ok(body.days.some((d) => d.date === '2026-02-14' && d.kind === 'workday'));
      assert.equal((await editor.request('GET', '/api/v1/calendar/years/abc')).statusCode, 400);
    });

    it('checks a date and previews a deadline', async () => {
      const res = await editor.request('GET', '/api/v1/calendar/check?date=2026-09-25&add=5');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { isWorkingDay: boolean; deadline: { date: string; at: number }; missingYears: number[]; exception: { name: string } | null };
      assert.equal(body.isWorkingDay, false, '2026-09-25 is 中秋');
      assert.equal(body.exception?.name, '中秋');
      assert.deepEqual(body.deadline, { date: '2026-10-09', at: endOfShanghaiDay(2026, 10, 9) });
      assert.deepEqual(body.missingYears, []);
      const late = (await editor.request('GET', '/api/v1/calendar/check?date=2026-12-30&add=5')).json() as { missingYears: number[] };
      assert.deepEqual(late.missingYears, [2027]);
      const bad = await editor.request('GET', '/api/v1/calendar/check?date=2026-02-30');
      assert.equal(bad.statusCode, 400);
      assert.equal((bad.json() as { code: string }).code, 'calendar.invalid_date');
    });

    it('refuses an import by an editor', async () => {
      const res = await editor.request('POST', '/api/v1/calendar/import', { csv: '2027-01-01,holiday,元旦\n' });
      assert.equal(res.statusCode, 403);
      assert.deepEqual((await admin.request('GET', '/api/v1/calendar/status')).json().missing, [2027]);
    });

    it('refuses a bad CSV with a problem naming the line', async () => {
      const res = await admin.request('POST', '/api/v1/calendar/import', { csv: 'date,kind,name\n2027-01-01,holiday,元旦\n2027-01-03,holiday,元旦\n' });
      assert.equal(res.statusCode, 400, res.body);
      const body = res.json() as { code: string; detail: string; errors: { field: string; message: string }[] };
      assert.equal(body.code, 'calendar.import_invalid');
      assert.equal(body.errors[0]?.field, 'line.3.kind');
      assert.match(body.detail, /第 3 行：2027-01-03 是星期日/);
      const both = await admin.request('POST', '/api/v1/calendar/import', { csv: 'x', year: 2027, days: [] });
      assert.equal((both.json() as { code: string }).code, 'calendar.import_body');
    });

    it('lets the system admin import 2027 as JSON; the warning goes and the check changes', async () => {
      const res = await admin.request('POST', '/api/v1/calendar/import', {
        year: 2027, days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { year: 2027, source: 'admin', holidays: 1, workdays: 0, importedAt: clock.now(), replaced: null });
      const status = (await editor.request('GET', '/api/v1/calendar/status')).json() as { missing: number[]; warning: string | null };
      assert.deepEqual(status, { ...status, missing: [], warning: null });
      const check = (await editor.request('GET', '/api/v1/calendar/check?date=2027-01-01')).json() as { isWorkingDay: boolean };
      assert.equal(check.isWorkingDay, false);
      const audit = await ctx.platform.db.selectFrom('audit_events').select(['action', 'actor_name', 'target_id'])
        .where('action', '=', 'calendar.import').execute();
      assert.deepEqual(audit, [{ action: 'calendar.import', actor_name: 'sysadmin', target_id: '2027' }]);
    });
  });
}
