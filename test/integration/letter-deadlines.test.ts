/**
 * The letter workflow's clocks (docs/interaction.md): working-day deadlines across holidays and
 * make-up days, the pause while the citizen supplements, escalation of overdue letters, the
 * 3-month alarm, and each mailbox's step deadlines, on both engines.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import type { TestContext } from '../support/platform.js';
import { escalateLetters, interactionDeps } from '../../src/modules/interaction/index.js';
import { inTransaction } from '../../src/db/index.js';
import { signIn } from '../support/session.js';
import { PLANTED } from '../support/letter-fixtures.js';
import { letterAt, seedLetter } from '../support/letter-workflow-fixtures.js';
import { at10, endOf, letterWorkflowHarness } from '../support/letter-workflow-harness.js';

for (const engine of selectedEngines()) {
  describe(`letters: deadlines, pause, escalation [${engine}]`, () => {
    const w = letterWorkflowHarness(engine);
    const { clock, handler, supervisor, unitA, setClock, act, feedback, row, history, expectProblem } = w;
    let ctx: TestContext;
    let orgA: number;
    before(() => { ctx = w.ctx; orgA = w.orgA; });

    test('deadlines across the National Day holiday (10-01..07 off, Sat 10-10 worked)', async () => {
      await setClock(at10(2026, 9, 30));
      const letter = await seedLetter(ctx);
      // Wed 09-30 + 5 working days: 10-08 Thu, 10-09 Fri, 10-10 Sat (make-up), 10-12 Mon, 10-13 Tue.
      assert.equal(Number((await row(letter.id)).due_at), endOf(2026, 10, 13));
      // Acceptance: 1 working day, 10-08.
      assert.equal(Number((await row(letter.id)).step_due_at), endOf(2026, 10, 8));
      await setClock(at10(2026, 10, 9));
      const list = await handler.request('GET', '/api/v1/letters?siteId=1&pageSize=100');
      const item = list.json<{ items: { id: number; dueState: string }[] }>().items.find((i) => i.id === letter.id);
      assert.equal(item?.dueState, 'overdue', 'the acceptance step was due 10-08');
      assert.equal((await act(handler, letter.id, { action: 'accept' })).statusCode, 200);
      assert.equal((await act(handler, letter.id, { action: 'assign', orgId: orgA })).statusCode, 200);
      // Handling runs to the letter's deadline; on Fri 10-09 it is 2 working days away (10-10, 10-12... no: 10-10, 10-12, 10-13 = 3).
      const mid = await handler.request('GET', `/api/v1/letters/${letter.id}`);
      assert.equal(mid.json<{ letter: { dueState: string } }>().letter.dueState, 'normal');
      await setClock(at10(2026, 10, 12));
      assert.equal((await handler.request('GET', `/api/v1/letters/${letter.id}`)).json<{ letter: { dueState: string } }>().letter.dueState, 'due_soon');
      await setClock(at10(2026, 10, 14));
      assert.equal((await handler.request('GET', `/api/v1/letters/${letter.id}`)).json<{ letter: { dueState: string } }>().letter.dueState, 'overdue');
      await setClock(at10(2026, 11, 2));
    });

    test('the clock pauses while the citizen supplements and resumes with the working days left', async () => {
      await setClock(at10(2026, 11, 2));
      const letter = await letterAt(ctx, handler, 'assigned', orgA);
      // Mon 11-02 + 5 = Mon 11-09.
      assert.equal(Number((await row(letter.id)).due_at), endOf(2026, 11, 9));
      await setClock(at10(2026, 11, 4));
      expectProblem(await feedback(letter, { action: 'supplement', text: '补充' }), 409, 'interaction.letter.illegal_transition');
      expectProblem(await act(unitA, letter.id, { action: 'request_supplement' }), 400, 'interaction.letter.reason_required');
      assert.equal((await act(unitA, letter.id, { action: 'request_supplement', reason: '请补充居住地址证明' })).statusCode, 200);
      const paused = await row(letter.id);
      assert.equal(paused.status, 'supplementing');
      // Wed 11-04: 11-05, 11-06, 11-09 are left.
      assert.equal(Number(paused.paused_due_days), 3);
      const look = await ctx.app.inject({ method: 'POST', url: '/api/v1/public/letters/lookup', payload: { queryCode: letter.queryCode, queryPassword: letter.queryPassword } });
      const p = look.json<{ letter: { progress: { clockPaused: boolean; canSupplement: boolean; steps: { name: string; reason: string | null }[] } } }>().letter.progress;
      assert.equal(p.clockPaused, true);
      assert.equal(p.canSupplement, true);
      assert.equal(p.steps.at(-1)?.reason, '请补充居住地址证明');
      // The letter is not overdue while paused, however long the citizen takes.
      await setClock(at10(2026, 11, 16));
      const n = await escalateLetters(ctx.platform.db, interactionDeps(ctx.platform));
      assert.ok(!(await ctx.platform.db.selectFrom('letter_notices').select('letter_id').where('letter_id', '=', letter.id).execute()).length, `no escalation while paused (${JSON.stringify(n)})`);
      expectProblem(await feedback(letter, { action: 'supplement' }), 400, 'interaction.blank');
      const resumed = await feedback(letter, { action: 'supplement', text: '地址证明已补充：玄武区某街道' });
      assert.equal(resumed.statusCode, 200, resumed.body);
      const r = await row(letter.id);
      assert.equal(r.status, 'assigned');
      // Mon 11-16 + 3 working days = Thu 11-19.
      assert.equal(Number(r.due_at), endOf(2026, 11, 19));
      assert.equal(r.paused_at, null);
      const detail = await unitA.request('GET', `/api/v1/letters/${letter.id}`);
      assert.match(detail.json<{ letter: { body: string } }>().letter.body, /补充】地址证明已补充/);
      await setClock(at10(2026, 11, 2));
    });

    test('the escalation job flags overdue letters once per deadline with a notice the supervisor sees', async () => {
      await setClock(at10(2026, 11, 2));
      const letter = await letterAt(ctx, handler, 'assigned', orgA);
      const deps = interactionDeps(ctx.platform);
      await setClock(at10(2026, 11, 9));
      await escalateLetters(ctx.platform.db, deps);
      assert.equal((await ctx.platform.db.selectFrom('letter_notices').selectAll().where('letter_id', '=', letter.id).execute()).length, 0, 'due today is not overdue');
      await setClock(at10(2026, 11, 10));
      const first = await escalateLetters(ctx.platform.db, deps);
      assert.ok(first.escalated >= 1);
      const second = await escalateLetters(ctx.platform.db, deps);
      const notices = await ctx.platform.db.selectFrom('letter_notices').selectAll().where('letter_id', '=', letter.id).execute();
      assert.equal(notices.length, 1, `escalated once (${JSON.stringify(second)})`);
      assert.equal(notices[0]?.kind, 'escalation');
      assert.match(notices[0]!.message, /督办/);
      assert.ok(!notices[0]!.message.includes(PLANTED.name));
      assert.ok((await history(letter.id)).includes('escalate'));
      const dash = await supervisor.request('GET', '/api/v1/supervision/letters?siteId=1');
      assert.equal(dash.statusCode, 200, dash.body);
      const d = dash.json<{ overdue: { id: number; escalated: boolean }[]; notices: { letterId: number; kind: string }[] }>();
      assert.ok(d.overdue.some((i) => i.id === letter.id && i.escalated));
      assert.ok(d.notices.some((x) => x.letterId === letter.id && x.kind === 'escalation'));
      // Through the job queue too (the kind the schedule runs).
      const jobId = await inTransaction(ctx.platform.db, (trx) => ctx.platform.jobs.enqueue(trx, { kind: 'interaction.escalate_letters', runAt: clock.now() }));
      await ctx.platform.jobs.runDue();
      const job = await ctx.platform.db.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirstOrThrow();
      assert.equal(job.status, 'succeeded');
      await setClock(at10(2026, 11, 2));
    });

    test('a letter unanswered for nearly 3 months raises one site-level alarm', async () => {
      await setClock(at10(2026, 8, 1));
      const letter = await seedLetter(ctx);
      const deps = interactionDeps(ctx.platform);
      await setClock(at10(2026, 10, 19)); // 79 days
      await escalateLetters(ctx.platform.db, deps);
      const kinds = async () => (await ctx.platform.db.selectFrom('letter_notices').select('kind').where('letter_id', '=', letter.id).execute()).map((k) => k.kind);
      assert.ok(!(await kinds()).includes('three_month_alarm'));
      await setClock(at10(2026, 10, 20)); // 80 days
      await escalateLetters(ctx.platform.db, deps);
      await escalateLetters(ctx.platform.db, deps);
      assert.equal((await kinds()).filter((k) => k === 'three_month_alarm').length, 1);
      const dash = await supervisor.request('GET', '/api/v1/supervision/letters');
      assert.ok(dash.json<{ notices: { letterId: number; kind: string; message: string }[] }>().notices.some((x) => x.letterId === letter.id && x.kind === 'three_month_alarm' && /三个月/.test(x.message)));
      await setClock(at10(2026, 11, 2));
    });

    test('step deadlines come from the mailbox: acceptance and review days', async () => {
      await setClock(at10(2026, 11, 2));
      const admin = await signIn(ctx.app, ctx.accounts.siteadmin!, clock);
      const box = (await admin.request('GET', '/api/v1/sites/1/mailboxes')).json<{ items: { id: number; kind: string; acceptDays: number; reviewDays: number }[] }>().items.find((m) => m.kind === 'site')!;
      assert.deepEqual([box.acceptDays, box.reviewDays], [1, 1]);
      const patched = await admin.request('PATCH', `/api/v1/mailboxes/${box.id}`, { acceptDays: 2, reviewDays: 3 });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal((await admin.request('PATCH', `/api/v1/mailboxes/${box.id}`, { acceptDays: 11 })).statusCode, 400);
      try {
        const letter = await seedLetter(ctx);
        // Mon 11-02 + 2 = Wed 11-04 to accept; the reply is due Mon 11-09.
        assert.equal(Number((await row(letter.id)).step_due_at), endOf(2026, 11, 4));
        assert.equal((await act(handler, letter.id, { action: 'accept' })).statusCode, 200);
        assert.equal((await act(handler, letter.id, { action: 'assign', orgId: orgA })).statusCode, 200);
        assert.equal(Number((await row(letter.id)).step_due_at), endOf(2026, 11, 9), 'the unit works to the letter deadline');
        assert.equal((await act(unitA, letter.id, { action: 'draft_reply', text: '答复' })).statusCode, 200);
        // Review: Mon 11-02 + 3 = Thu 11-05.
        assert.equal(Number((await row(letter.id)).step_due_at), endOf(2026, 11, 5));
      } finally {
        await admin.request('PATCH', `/api/v1/mailboxes/${box.id}`, { acceptDays: 1, reviewDays: 1 });
      }
    });
  });
}
