/**
 * 网民纠错 workflow (docs/error-reports.md): the two deadlines from the platform calendar across a
 * weekend and the National Day holiday, triage → forward → fix, dispute and dismissal, stale
 * versions, scope denials, escalation of overdue reports, statistics; on both engines.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import type { TestContext } from '../support/platform.js';
import { escalateErrorReports, interactionDeps } from '../../src/modules/interaction/index.js';
import { at10, endOf, errorReportHarness, NANJING } from '../support/error-report-fixtures.js';

type Detail = { report: { status: string; version: number; history: { action: string }[]; dueState: string; contact: { name: string | null } } };

for (const engine of selectedEngines()) {
  describe(`error reports: workflow and deadlines [${engine}]`, () => {
    const h = errorReportHarness(engine);
    const { operator, owner, handler, njAdmin, setClock, submit, row, expectProblem } = h;
    let ctx: TestContext;
    before(() => { ctx = h.ctx; });
    const triage = (id: number, body: Record<string, unknown>) => operator.request('POST', `/api/v1/error-reports/${id}/triage`, body);
    const answer = (id: number, body: Record<string, unknown>, s = owner) => s.request('POST', `/api/v1/error-reports/${id}/answer`, body);

    test('across the National Day holiday: 09-30 → triage due 10-08; forwarded 10-09 → due 10-12 (Sat 10-10 is worked)', async () => {
      await setClock(at10(2026, 9, 30));
      const r = await submit();
      assert.equal(r.triageDueAt, endOf(2026, 10, 8));
      await setClock(at10(2026, 10, 9));
      const fwd = await triage(r.id, { action: 'forward' });
      assert.equal(fwd.json<{ stepDueAt: number }>().stepDueAt, endOf(2026, 10, 12));
      // Triage was late (10-09 > 10-08): the statistics say so.
      await answer(r.id, { action: 'fix', answer: '已更新' });
      const stats = await operator.request('GET', `/api/v1/error-reports/stats?siteId=1&from=${at10(2026, 9, 30) - 1}&to=${at10(2026, 10, 1)}`);
      assert.equal(stats.statusCode, 200, stats.body);
      const s = stats.json<{ sites: { received: number; forwarded: number; fixed: number; triageOnTimeRate: number; fixOnTimeRate: number; avgTriageHours: number }[] }>().sites[0]!;
      assert.deepEqual([s.received, s.forwarded, s.fixed, s.triageOnTimeRate, s.fixOnTimeRate], [1, 1, 1, 0, 1]);
      assert.equal(s.avgTriageHours, 9 * 24);
    });

    test('across a weekend: received Friday → triage due Monday; forwarded Monday → owner due Wednesday; fixed and answered', async () => {
      await setClock(at10(2026, 11, 6)); // Fri
      const r = await submit();
      assert.equal(r.triageDueAt, endOf(2026, 11, 9));
      assert.equal(Number((await row(r.id)).step_due_at), endOf(2026, 11, 9));
      const triageList = await operator.request('GET', '/api/v1/error-reports?box=triage&pageSize=200');
      assert.ok(triageList.json<{ items: { id: number; dueState: string }[] }>().items.some((i) => i.id === r.id && i.dueState === 'due_soon'));
      await setClock(at10(2026, 11, 9)); // Mon
      const fwd = await triage(r.id, { action: 'forward', version: 0 });
      assert.equal(fwd.statusCode, 200, fwd.body);
      assert.equal(fwd.json<{ stepDueAt: number }>().stepDueAt, endOf(2026, 11, 11));
      // The owner (site admin of the province's sites) sees it in their list, then fixes it.
      const ownerList = await owner.request('GET', '/api/v1/error-reports?box=owner&pageSize=200');
      assert.ok(ownerList.json<{ items: { id: number }[] }>().items.some((i) => i.id === r.id));
      expectProblem(await answer(r.id, { action: 'fix', version: 1 }), 400, 'interaction.blank');
      expectProblem(await answer(r.id, { action: 'fix', version: 0, answer: '已改正' }), 409, 'interaction.error_report.conflict');
      const fixed = await answer(r.id, { action: 'fix', version: 1, answer: '已将“正府”改为“政府”，感谢指正。' });
      assert.equal(fixed.statusCode, 200, fixed.body);
      assert.equal(fixed.json<{ status: string }>().status, 'fixed');
      expectProblem(await answer(r.id, { action: 'fix', answer: '再改' }), 409, 'interaction.error_report.illegal_transition');
      const detail = (await operator.request('GET', `/api/v1/error-reports/${r.id}`)).json<Detail>().report;
      assert.deepEqual(detail.history.map((x) => x.action), ['submit', 'forward', 'fix']);
      const audit = await ctx.platform.db.selectFrom('audit_events').select('action').where('target_type', '=', 'error_report').where('target_id', '=', String(r.id)).execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['interaction.error_report.fix', 'interaction.error_report.forward', 'interaction.error_report.submit']);
      const lookup = await ctx.app.inject({ method: 'POST', url: '/api/v1/public/error-reports/lookup', payload: { queryCode: r.queryCode.toLowerCase() } });
      assert.equal(lookup.json<{ report: { statusName: string; answer: string } }>().report.answer, '已将“正府”改为“政府”，感谢指正。');
    });

    test('dispute goes back to the operator; dismissal needs a kind and a reason', async () => {
      await setClock(at10(2026, 11, 16));
      const r = await submit();
      await triage(r.id, { action: 'forward' });
      expectProblem(await answer(r.id, { action: 'dispute' }), 400, 'interaction.error_report.reason_required');
      const d = await answer(r.id, { action: 'dispute', reason: '该页面内容为原文转载，不属于错误' }, handler);
      assert.equal(d.json<{ status: string; stepDueAt: number }>().status, 'disputed');
      assert.equal(d.json<{ stepDueAt: number }>().stepDueAt, endOf(2026, 11, 17));
      expectProblem(await triage(r.id, { action: 'dismiss', reason: '原文转载' }), 400, 'interaction.error_report.dismiss_kind_required');
      expectProblem(await triage(r.id, { action: 'dismiss', dismissKind: 'not_error' }), 400, 'interaction.error_report.reason_required');
      assert.equal((await triage(r.id, { action: 'dismiss', dismissKind: 'not_error', reason: '原文转载' })).json<{ status: string }>().status, 'dismissed');
      // The owner cannot triage; the operator cannot answer.
      expectProblem(await owner.request('POST', `/api/v1/error-reports/${r.id}/triage`, { action: 'forward' }), 403, 'auth.forbidden');
    });

    test('a site admin of another site neither sees nor fixes the report', async () => {
      await setClock(at10(2026, 11, 18));
      const r = await submit();
      await triage(r.id, { action: 'forward' });
      expectProblem(await njAdmin.request('GET', `/api/v1/error-reports/${r.id}`), 403, 'interaction.error_report.out_of_scope');
      expectProblem(await answer(r.id, { action: 'fix', answer: '改了' }, njAdmin), 403, 'interaction.error_report.out_of_scope');
      const list = await njAdmin.request('GET', '/api/v1/error-reports?box=owner&pageSize=200');
      assert.ok(!list.json<{ items: { id: number }[] }>().items.some((i) => i.id === r.id));
      expectProblem(await njAdmin.request('GET', '/api/v1/error-reports?siteId=1'), 403, 'sites.out_of_scope');
      // A report on the Nanjing portal is theirs.
      const nj = await submit({ pageUrl: '/index.html' }, NANJING);
      await triage(nj.id, { action: 'forward' });
      assert.equal((await answer(nj.id, { action: 'fix', answer: '已改正' }, njAdmin)).statusCode, 200);
      assert.equal((await row(r.id)).status, 'forwarded');
    });

    test('overdue reports are escalated once per missed deadline: a notice on the supervisor view', async () => {
      await setClock(at10(2026, 11, 20)); // Fri: triage due Mon 11-23
      const r = await submit();
      const deps = () => interactionDeps(ctx.platform);
      await setClock(at10(2026, 11, 23));
      await escalateErrorReports(ctx.platform.db, deps());
      assert.equal((await row(r.id)).escalated_due_at, null, 'due at the end of today: not yet escalated');
      await setClock(at10(2026, 11, 24));
      await escalateErrorReports(ctx.platform.db, deps());
      assert.equal(Number((await row(r.id)).escalated_due_at), endOf(2026, 11, 23));
      await escalateErrorReports(ctx.platform.db, deps());
      const notices = await ctx.platform.db.selectFrom('error_report_notices').selectAll().where('report_id', '=', r.id).execute();
      assert.equal(notices.length, 1);
      assert.match(notices[0]!.message, new RegExp(`纠错报告 #${r.id}`));
      const view = await operator.request('GET', '/api/v1/supervision/error-reports');
      assert.equal(view.statusCode, 200, view.body);
      const v = view.json<{ overdue: { id: number; escalated: boolean }[]; notices: { reportId: number }[] }>();
      assert.ok(v.overdue.some((i) => i.id === r.id && i.escalated));
      assert.ok(v.notices.some((n) => n.reportId === r.id));
      // Forwarded late: the owner's step has its own deadline, escalated again when missed.
      await triage(r.id, { action: 'forward' });
      await setClock(at10(2026, 11, 27));
      await escalateErrorReports(ctx.platform.db, deps());
      assert.equal((await ctx.platform.db.selectFrom('error_report_notices').select('id').where('report_id', '=', r.id).execute()).length, 2);
      const hist = (await operator.request('GET', `/api/v1/error-reports/${r.id}`)).json<Detail>().report.history.map((x) => x.action);
      assert.deepEqual(hist, ['submit', 'escalate', 'forward', 'escalate']);
    });

    test('statistics per site: counts by outcome, on-time rates counting late open steps, average hours', async () => {
      await setClock(at10(2026, 12, 1)); // Tue: triage due Wed 12-02
      const [a, b, c, d] = [await submit(), await submit(), await submit(), await submit()];
      await triage(b.id, { action: 'dismiss', dismissKind: 'duplicate', reason: '重复' });
      await triage(d.id, { action: 'forward' }); // owner due Thu 12-03, never answered
      await setClock(at10(2026, 12, 2));
      await triage(a.id, { action: 'forward' }); // on time; owner due Fri 12-04
      await setClock(at10(2026, 12, 7));
      assert.equal((await answer(a.id, { action: 'fix', answer: '已改正' })).statusCode, 200); // late
      // c is never triaged: late by now.
      assert.equal((await row(c.id)).status, 'received');
      const res = await operator.request('GET', `/api/v1/error-reports/stats?from=${at10(2026, 12, 1) - 1}&to=${at10(2026, 12, 2)}`);
      assert.equal(res.statusCode, 200, res.body);
      const sites = res.json<{ sites: Record<string, number | string | null>[] }>().sites;
      const portal = sites.find((s) => s.siteId === 1)!;
      assert.deepEqual(portal, {
        siteId: 1, siteName: portal.siteName, received: 4, forwarded: 2, fixed: 1, dismissed: 1, open: 2,
        triaged: 3, triagedOnTime: 3, triageOnTimeRate: 0.75, fixedOnTime: 0, fixOnTimeRate: 0,
        avgTriageHours: 8, avgFixHours: 120,
      });
      // A site in scope without reports in the period: zeros, and no rate or average.
      const quiet = sites.find((s) => s.siteId !== 1)!;
      assert.deepEqual([quiet.received, quiet.open, quiet.triaged, quiet.triageOnTimeRate, quiet.fixOnTimeRate, quiet.avgTriageHours, quiet.avgFixHours], [0, 0, 0, null, null, null, null]);
    });
  });
}
