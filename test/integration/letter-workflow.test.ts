import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import type { TestContext } from '../support/platform.js';
import { interactionDeps } from '../../src/modules/interaction/index.js';
import { applyTransition } from '../../src/modules/interaction/letter-transitions.js';
import { inTransaction } from '../../src/db/index.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { AppError } from '../../src/platform/http/error-registry.js';
import { signIn } from '../support/session.js';
import { letterAt, orgIdByCode, seedLetter, userWithGrant } from '../support/letter-workflow-fixtures.js';
import { letterWorkflowHarness, type Problem } from '../support/letter-workflow-harness.js';
import { multipartBody, PLANTED, PORTAL_CODE, PORTAL_HOST } from '../support/letter-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`letters: handling workflow [${engine}]`, () => {
    const w = letterWorkflowHarness(engine);
    const { clock, handler, supervisor, unitA, unitB, reviewer2, act, feedback, row, history, expectProblem } = w;
    let ctx: TestContext;
    let orgA: number;
    let orgB: number;
    before(() => { ctx = w.ctx; orgA = w.orgA; orgB = w.orgB; });

    test('whole path: accept, route, reply, review by another, publish masked, look-up progress, rate, reopen once', async () => {
      const body = '我的电话13812345678，身份证11010519491231002X，邮箱planted.citizen@example.cn，请问居住证怎么办？';
      const letter = await seedLetter(ctx, { isPublic: true, body });
      assert.equal((await act(handler, letter.id, { action: 'accept' })).statusCode, 200);
      const assigned = await act(handler, letter.id, { action: 'assign', orgId: orgA });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal(assigned.json<{ status: string }>().status, 'assigned');
      // The unit drafts the reply; the drafter cannot approve it, another central handler can.
      const drafted = await act(unitA, letter.id, { action: 'draft_reply', text: '已收悉。如有疑问请拨打025-83391234或联系13912345678。' });
      assert.equal(drafted.statusCode, 200, drafted.body);
      assert.equal(drafted.json<{ status: string }>().status, 'reviewing');
      expectProblem(await act(unitA, letter.id, { action: 'approve_reply' }), 403, 'interaction.letter.out_of_scope');
      // A handler who is both central and the unit (province-wide) drafts, and is refused as reviewer of their own reply.
      const own = await letterAt(ctx, handler, 'reviewing', orgA);
      expectProblem(await act(handler, own.id, { action: 'approve_reply' }), 403, 'interaction.letter.self_review');
      assert.equal((await row(own.id)).status, 'reviewing');
      const approved = await act(reviewer2, letter.id, { action: 'approve_reply' });
      assert.equal(approved.statusCode, 200, approved.body);
      const r = await row(letter.id);
      assert.equal(r.status, 'replied');
      assert.equal(Number(r.published_at), clock.now());
      assert.deepEqual(await history(letter.id), ['accept', 'assign', 'draft_reply', 'approve_reply']);
      const audit = await ctx.platform.db.selectFrom('audit_events').select('action').where('target_type', '=', 'letter').where('target_id', '=', String(letter.id)).execute();
      assert.deepEqual(audit.map((a) => a.action).filter((a) => a !== 'interaction.letter.submit'), ['interaction.letter.accept', 'interaction.letter.assign', 'interaction.letter.draft_reply', 'interaction.letter.approve_reply']);

      // Published on the site, masked inside the free text.
      const list = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/sites/${PORTAL_CODE}/published-letters` });
      assert.equal(list.statusCode, 200, list.body);
      const item = list.json<{ items: { id: number; body: string; reply: string; handlingUnit: string }[] }>().items.find((i) => i.id === letter.id);
      assert.ok(item, 'the letter is listed');
      assert.equal(item.body, '我的电话138****5678，身份证1101**********002X，邮箱p***@example.cn，请问居住证怎么办？');
      assert.equal(item.reply, '已收悉。如有疑问请拨打025-****1234或联系139****5678。');
      assert.equal(item.handlingUnit, '江苏省教育厅');
      for (const raw of ['13812345678', '11010519491231002X', 'planted.citizen', '83391234', '13912345678']) assert.ok(!list.body.includes(raw), `no ${raw} in public list`);
      const one = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/sites/${PORTAL_CODE}/published-letters/${letter.id}` });
      assert.equal(one.statusCode, 200, one.body);
      assert.equal((await ctx.app.inject({ method: 'GET', url: `/api/v1/public/sites/${PORTAL_CODE}/published-letters/${own.id}` })).statusCode, 404, 'a private, unanswered letter is not published');

      // The look-up shows steps and times, the unit, the reply, and no person's name.
      const lookup = await ctx.app.inject({ method: 'POST', url: '/api/v1/public/letters/lookup', payload: { queryCode: letter.queryCode, queryPassword: letter.queryPassword } });
      assert.equal(lookup.statusCode, 200, lookup.body);
      const progress = lookup.json<{ letter: { progress: { steps: { name: string; unit: string | null; at: number }[]; handlingUnit: string; reply: string; canRate: boolean; canReopen: boolean } } }>().letter.progress;
      assert.deepEqual(progress.steps.map((s) => s.name), ['受理', '转办', '已答复']);
      assert.equal(progress.steps[1]?.unit, '江苏省教育厅');
      assert.equal(progress.handlingUnit, '江苏省教育厅');
      assert.ok(progress.reply.startsWith('已收悉'));
      assert.equal(progress.canRate, true);
      for (const name of ['周办理', '教育厅办理员', '门户审核员']) assert.ok(!lookup.body.includes(name), `no internal name ${name}`);
      // The site's look-up page shows the same progress.
      const form = multipartBody({ queryCode: letter.queryCode, queryPassword: letter.queryPassword });
      const page = await ctx.app.inject({ method: 'POST', url: '/letters/query.html', payload: form.payload, headers: { ...form.headers, host: PORTAL_HOST } });
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      assert.match(page.body, /转办（江苏省教育厅）/);
      assert.match(page.body, /答复内容/);
      for (const name of ['周办理', '教育厅办理员', '门户审核员']) assert.ok(!page.body.includes(name), `no internal name ${name} on the page`);

      // Rating needs the password; it closes the letter; reopen once sends it back to the unit.
      expectProblem(await ctx.app.inject({ method: 'POST', url: '/api/v1/public/letters/feedback', payload: { queryCode: letter.queryCode, queryPassword: 'WRONGPWD', action: 'rate', satisfaction: 'satisfied' } }), 400, 'interaction.lookup.failed');
      const rated = await feedback(letter, { action: 'rate', satisfaction: 'basically_satisfied' });
      assert.equal(rated.statusCode, 200, rated.body);
      assert.equal(rated.json<{ status: string; progress: { satisfactionName: string } }>().progress.satisfactionName, '基本满意');
      expectProblem(await feedback(letter, { action: 'rate', satisfaction: 'satisfied' }), 409, 'interaction.letter.illegal_transition');
      expectProblem(await feedback(letter, { action: 'reopen' }), 400, 'interaction.letter.reason_required');
      const reopened = await feedback(letter, { action: 'reopen', reason: '答复没有说明办理地点' });
      assert.equal(reopened.statusCode, 200, reopened.body);
      assert.equal(reopened.json<{ status: string }>().status, 'assigned');
      const after = await row(letter.id);
      assert.equal(Number(after.handling_org_id), orgA);
      assert.equal(after.published_at, null, 'the answer is withdrawn until the new one');
      assert.equal((await act(unitA, letter.id, { action: 'draft_reply', text: '办理地点为各派出所。' })).statusCode, 200);
      assert.equal((await act(reviewer2, letter.id, { action: 'approve_reply' })).statusCode, 200);
      expectProblem(await feedback(letter, { action: 'reopen', reason: '还是不清楚' }), 409, 'interaction.letter.already_reopened');
      assert.equal((await feedback(letter, { action: 'rate', satisfaction: 'satisfied' })).statusCode, 200);
    });

    test('refusal needs a reason; illegal transitions get a stable code and a Chinese message; scope is checked', async () => {
      const letter = await seedLetter(ctx);
      expectProblem(await act(handler, letter.id, { action: 'refuse' }), 400, 'interaction.letter.reason_required');
      expectProblem(await act(unitA, letter.id, { action: 'accept' }), 403, 'interaction.letter.out_of_scope');
      expectProblem(await act(handler, letter.id, { action: 'approve_reply' }), 409, 'interaction.letter.illegal_transition');
      const refused = await act(handler, letter.id, { action: 'refuse', reason: '不属于本网站受理范围，请向信访部门反映' });
      assert.equal(refused.statusCode, 200, refused.body);
      const again = await act(handler, letter.id, { action: 'accept' });
      expectProblem(again, 409, 'interaction.letter.illegal_transition');
      assert.match(again.json<Problem>().detail, /不予受理/);
      // The citizen sees the refusal and its reason.
      const lookup = await ctx.app.inject({ method: 'POST', url: '/api/v1/public/letters/lookup', payload: { queryCode: letter.queryCode, queryPassword: letter.queryPassword } });
      const steps = lookup.json<{ letter: { progress: { steps: { name: string; reason: string | null }[] } } }>().letter.progress.steps;
      assert.deepEqual(steps.map((s) => [s.name, s.reason]), [['不予受理', '不属于本网站受理范围，请向信访部门反映']]);
      expectProblem(await act(handler, 999_999, { action: 'accept' }), 404, 'interaction.letter.not_found');
      const bad = await act(handler, letter.id, { action: 'fly' });
      assert.equal(bad.statusCode, 400, bad.body);
    });

    test('merge a duplicate into another letter of the same site', async () => {
      const a = await seedLetter(ctx);
      const b = await seedLetter(ctx);
      expectProblem(await act(handler, a.id, { action: 'merge' }), 400, 'interaction.blank');
      expectProblem(await act(handler, a.id, { action: 'merge', intoLetterId: a.id }), 400, 'interaction.letter.bad_merge_target');
      const merged = await act(handler, a.id, { action: 'merge', intoLetterId: b.id, reason: '重复来信' });
      assert.equal(merged.statusCode, 200, merged.body);
      const r = await row(a.id);
      assert.equal(r.status, 'merged');
      assert.equal(Number(r.merged_into_id), b.id);
      expectProblem(await act(handler, b.id, { action: 'merge', intoLetterId: a.id }), 400, 'interaction.letter.bad_merge_target');
    });

    test('the unit sends a letter back or on to another unit, with a reason', async () => {
      const letter = await letterAt(ctx, handler, 'assigned', orgA);
      expectProblem(await act(unitB, letter.id, { action: 'send_back', reason: '不是我们' }), 403, 'interaction.letter.out_of_scope');
      expectProblem(await act(unitA, letter.id, { action: 'send_back' }), 400, 'interaction.letter.reason_required');
      const back = await act(unitA, letter.id, { action: 'send_back', reason: '不属于本单位职责' });
      assert.equal(back.json<{ status: string }>().status, 'accepted');
      assert.equal((await row(letter.id)).handling_org_id, null);
      assert.equal((await act(handler, letter.id, { action: 'assign', orgId: orgA })).statusCode, 200);
      expectProblem(await act(unitA, letter.id, { action: 'forward', orgId: orgA, reason: '转本单位' }), 400, 'interaction.letter.bad_unit');
      const fwd = await act(unitA, letter.id, { action: 'forward', orgId: orgB, reason: '属于人社厅职责' });
      assert.equal(fwd.statusCode, 200, fwd.body);
      assert.equal(Number((await row(letter.id)).handling_org_id), orgB);
      expectProblem(await act(unitA, letter.id, { action: 'draft_reply', text: '答复' }), 403, 'interaction.letter.out_of_scope');
      // The work lists follow the letter: unit B has it now, unit A no longer.
      const listB = await unitB.request('GET', '/api/v1/unit-letters');
      assert.equal(listB.statusCode, 200, listB.body);
      assert.ok(listB.json<{ items: { id: number; handlingOrgId: number }[] }>().items.some((i) => i.id === letter.id && i.handlingOrgId === orgB));
      assert.ok(!(await unitA.request('GET', '/api/v1/unit-letters')).json<{ items: { id: number }[] }>().items.some((i) => i.id === letter.id));
      assert.equal((await act(unitB, letter.id, { action: 'draft_reply', text: '答复' })).statusCode, 200);
      const detail = await handler.request('GET', `/api/v1/letters/${letter.id}`);
      assert.equal(detail.statusCode, 200, detail.body);
      const d = detail.json<{ letter: { history: { action: string; orgName: string | null; reason: string; actorName: string }[]; citizen: { phone: string } } }>().letter;
      assert.deepEqual(d.history.map((h) => h.action), ['accept', 'assign', 'send_back', 'assign', 'forward', 'draft_reply']);
      assert.equal(d.history[2]?.reason, '不属于本单位职责');
      assert.equal(d.history[4]?.orgName, '江苏省人力资源和社会保障厅');
      assert.equal(d.citizen.phone, '138****5678');
      assert.ok(!detail.body.includes(PLANTED.phone));
    });

    test('an extension is asked by the unit and approved (or rejected) by the supervisor', async () => {
      const letter = await letterAt(ctx, handler, 'assigned', orgA);
      const before = await row(letter.id);
      expectProblem(await supervisor.request('POST', `/api/v1/letters/${letter.id}/extension-decision`, { decision: 'approve' }), 409, 'interaction.letter.no_extension');
      expectProblem(await act(unitA, letter.id, { action: 'request_extension', reason: '需要现场核查' }), 400, 'interaction.blank');
      assert.equal((await act(unitA, letter.id, { action: 'request_extension', days: 3, reason: '需要现场核查' })).statusCode, 200);
      expectProblem(await act(unitA, letter.id, { action: 'request_extension', days: 2, reason: '再延' }), 409, 'interaction.letter.extension_pending');
      const dash = await supervisor.request('GET', '/api/v1/supervision/letters');
      assert.ok(dash.json<{ pendingExtensions: { id: number }[] }>().pendingExtensions.some((i) => i.id === letter.id));
      assert.equal((await handler.request('POST', `/api/v1/letters/${letter.id}/extension-decision`, { decision: 'approve' })).statusCode, 403);
      const ok = await supervisor.request('POST', `/api/v1/letters/${letter.id}/extension-decision`, { decision: 'approve' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json<{ dueAt: number }>().dueAt, await ctx.platform.calendar.addWorkingDays(Number(before.due_at), 3));
      assert.equal(await ctx.platform.calendar.workingDaysBetween(Number(before.due_at), ok.json<{ dueAt: number }>().dueAt), 3);
      assert.equal((await act(unitA, letter.id, { action: 'request_extension', days: 5, reason: '仍需核查' })).statusCode, 200);
      expectProblem(await supervisor.request('POST', `/api/v1/letters/${letter.id}/extension-decision`, { decision: 'reject' }), 400, 'interaction.letter.reason_required');
      const no = await supervisor.request('POST', `/api/v1/letters/${letter.id}/extension-decision`, { decision: 'reject', reason: '期限已延长过' });
      assert.equal(no.statusCode, 200, no.body);
      assert.equal(no.json<{ dueAt: number }>().dueAt, ok.json<{ dueAt: number }>().dueAt);
      assert.equal((await row(letter.id)).extension_days, null);
    });

    test('two handlers acting at once: one wins, the other gets a conflict', async () => {
      const letter = await seedLetter(ctx);
      const [a, b] = await Promise.all([act(handler, letter.id, { action: 'accept' }), act(reviewer2, letter.id, { action: 'accept' })]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409], `${a.body} ${b.body}`);
      assert.ok(['interaction.letter.conflict', 'interaction.letter.illegal_transition'].includes((a.statusCode === 409 ? a : b).json<Problem>().code));
      assert.equal((await history(letter.id)).length, 1);
      // A console showing an older version is refused rather than acting on what it did not see.
      expectProblem(await act(handler, letter.id, { action: 'assign', orgId: orgA, version: 0 }), 409, 'interaction.letter.conflict');
      // The conditional update itself: a transition computed from a stale row changes nothing.
      const stale = await row(letter.id);
      assert.equal((await act(handler, letter.id, { action: 'assign', orgId: orgA })).statusCode, 200);
      const deps = interactionDeps(ctx.platform);
      await assert.rejects(inTransaction(ctx.platform.db, (trx) => applyTransition(trx, deps, systemActor('test'), stale, {}, { action: 'refuse', to: 'refused', reason: '迟到的操作' })), (e: unknown) => e instanceof AppError && e.code === 'interaction.letter.conflict');
      assert.equal((await row(letter.id)).status, 'assigned');
    });

    test('reasons and replies quoting personal data stay out of the audit trail and the notices', async () => {
      const letter = await letterAt(ctx, handler, 'assigned', orgA);
      const quote = `来信人${PLANTED.name}电话${PLANTED.phone}`;
      assert.equal((await act(unitA, letter.id, { action: 'request_supplement', reason: `请${PLANTED.name}补充` })).statusCode, 200);
      assert.equal((await feedback(letter, { action: 'supplement', text: `身份证${PLANTED.idNumber}` })).statusCode, 200);
      assert.equal((await act(unitA, letter.id, { action: 'request_extension', days: 1, reason: quote })).statusCode, 200);
      assert.equal((await act(unitA, letter.id, { action: 'draft_reply', text: `${quote}，您好` })).statusCode, 200);
      assert.equal((await act(reviewer2, letter.id, { action: 'return_reply', reason: quote })).statusCode, 200);
      const audit = JSON.stringify(await ctx.platform.db.selectFrom('audit_events').selectAll().where('target_type', '=', 'letter').where('target_id', '=', String(letter.id)).execute());
      assert.ok(audit.includes('interaction.letter.return_reply'));
      for (const v of [PLANTED.name, PLANTED.phone, PLANTED.idNumber]) assert.ok(!audit.includes(v), `audit must not contain ${v}`);
      // A private letter's reply is sealed at rest like its body.
      const r = await row(letter.id);
      assert.ok(r.reply_text !== null && !r.reply_text.includes(PLANTED.phone));
      assert.ok(!r.body.includes(PLANTED.idNumber));
    });

    test('access: other roles and anonymous are refused on every workflow route', async () => {
      const letter = await seedLetter(ctx);
      clock.advance(31_000);
      const editor = await signIn(ctx.app, ctx.accounts.editor!, clock);
      assert.equal((await act(editor, letter.id, { action: 'accept' })).statusCode, 403);
      assert.equal((await act(supervisor, letter.id, { action: 'accept' })).statusCode, 403);
      assert.equal((await editor.request('GET', `/api/v1/letters/${letter.id}`)).statusCode, 403);
      assert.equal((await editor.request('GET', '/api/v1/supervision/letters')).statusCode, 403);
      assert.equal((await handler.request('GET', '/api/v1/supervision/letters')).statusCode, 403);
      assert.equal((await ctx.app.inject({ method: 'POST', url: `/api/v1/letters/${letter.id}/actions`, payload: { action: 'accept' } })).statusCode, 401);
      // A unit handler sees only letters routed to the unit.
      expectProblem(await unitA.request('GET', `/api/v1/letters/${letter.id}`), 403, 'interaction.letter.out_of_scope');
      // A supervisor of another region is out of scope for the extension decision.
      const nanjingOrg = await orgIdByCode(ctx, '320100');
      const njSupervisor = await userWithGrant(ctx, clock, 'platform_supervisor', { type: 'org', id: nanjingOrg }, '南京监管');
      const routed = await letterAt(ctx, handler, 'assigned', orgA);
      assert.equal((await act(unitA, routed.id, { action: 'request_extension', days: 2, reason: '核查' })).statusCode, 200);
      expectProblem(await njSupervisor.request('POST', `/api/v1/letters/${routed.id}/extension-decision`, { decision: 'approve' }), 403, 'interaction.letter.out_of_scope');
      assert.equal((await njSupervisor.request('GET', '/api/v1/supervision/letters')).json<{ overdue: unknown[]; pendingExtensions: unknown[] }>().pendingExtensions.length, 0);
    });
  });
}
