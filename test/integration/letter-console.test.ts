/**
 * The console's server side of the letters workflow: reply templates (CRUD, scope, placeholders
 * filled per letter), the acceptance desk's queue and the unit's list in deadline order, the
 * detail's attachments and allowed actions, the unit picker, and the citizen's follow-up forms
 * on the site's look-up page (POST only, password again, same lock-out).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { selectedEngines } from '../support/engines.js';
import type { TestContext } from '../support/platform.js';
import { signIn } from '../support/session.js';
import { letterAt, seedLetter } from '../support/letter-workflow-fixtures.js';
import { letterWorkflowHarness, at10 } from '../support/letter-workflow-harness.js';
import { LETTER_FILES, letterJson, multipartBody, PLANTED, PORTAL_CODE, PORTAL_HOST, portalMailboxes, solvedCaptcha, stringFields } from '../support/letter-fixtures.js';
import { maskName } from '../../src/modules/interaction/index.js';

type Template = { id: number; siteId: number; name: string; body: string; sortOrder: number };

for (const engine of selectedEngines()) {
  describe(`letters: console routes [${engine}]`, () => {
    // The server's warnings, e.g. Fastify's about a reply sent twice.
    const warnings: string[] = [];
    const w = letterWorkflowHarness(engine, { logger: { level: 'warn', stream: new Writable({ write(chunk: Buffer, _enc, cb) { warnings.push(chunk.toString('utf8')); cb(); } }) } });
    const { handler, supervisor, unitA, unitB, act, row, expectProblem } = w;
    let ctx: TestContext;
    before(() => { ctx = w.ctx; });

    test('reply templates: the site admin and the central handler keep them; the unit gets them filled for its letter', async () => {
      const admin = await signIn(ctx.app, ctx.accounts.siteadmin!, w.clock);
      const made = await admin.request('POST', '/api/v1/sites/1/reply-templates', { name: '咨询答复', body: '{{来信人}}：您好！您于{{来信日期}}提交的“{{信件标题}}”已于{{受理日期}}受理，由{{承办单位}}答复如下：{{未知项}}', sortOrder: 2 });
      assert.equal(made.statusCode, 201, made.body);
      const t = made.json<{ template: Template }>().template;
      const second = await handler.request('POST', '/api/v1/sites/1/reply-templates', { name: '建议答复', body: '感谢您的建议。', sortOrder: 1 });
      assert.equal(second.statusCode, 201, second.body);
      expectProblem(await handler.request('POST', '/api/v1/sites/1/reply-templates', { name: '   ', body: 'x' }), 400, 'interaction.blank');
      const badBody = await handler.request('POST', '/api/v1/sites/1/reply-templates', { name: '无内容' });
      assert.equal(badBody.statusCode, 400, badBody.body);
      assert.match(badBody.json<{ detail: string }>().detail, /[\u4e00-\u9fff]/);

      const list = await handler.request('GET', '/api/v1/sites/1/reply-templates');
      assert.equal(list.statusCode, 200, list.body);
      const listed = list.json<{ items: Template[]; placeholders: string[] }>();
      assert.deepEqual(listed.items.filter((i) => ['咨询答复', '建议答复'].includes(i.name)).map((i) => i.name), ['建议答复', '咨询答复'], 'ordered by sortOrder');
      assert.ok(listed.placeholders.includes('来信人') && listed.placeholders.includes('受理日期'));

      const patched = await admin.request('PATCH', `/api/v1/reply-templates/${t.id}`, { name: '咨询类答复' });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json<{ template: Template }>().template.name, '咨询类答复');
      const audit = await ctx.platform.db.selectFrom('audit_events').select('action').where('target_type', '=', 'reply_template').where('target_id', '=', String(t.id)).orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action), ['interaction.reply_template.create', 'interaction.reply_template.update']);

      // A unit handler has no grant on the site: the site's list is refused, the letter's filled templates are not.
      expectProblem(await unitA.request('GET', '/api/v1/sites/1/reply-templates'), 403, 'sites.out_of_scope');
      const letter = await letterAt(ctx, handler, 'assigned', w.orgA);
      const filled = await unitA.request('GET', `/api/v1/letters/${letter.id}/reply-templates`);
      assert.equal(filled.statusCode, 200, filled.body);
      const text = filled.json<{ items: { id: number; text: string }[] }>().items.find((i) => i.id === t.id)!.text;
      const r = await row(letter.id);
      const day = (ms: number) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(ms);
      assert.equal(text, `${maskName(PLANTED.name)}：您好！您于${day(Number(r.received_at))}提交的“关于办理居住证的咨询”已于${day(Number(r.accepted_at))}受理，由江苏省教育厅答复如下：{{未知项}}`);
      assert.ok(!filled.body.includes(PLANTED.name), 'the writer\'s name stays masked');
      assert.equal(maskName(PLANTED.name), '测****');
      expectProblem(await unitB.request('GET', `/api/v1/letters/${letter.id}/reply-templates`), 403, 'interaction.letter.out_of_scope');

      const del = await admin.request('DELETE', `/api/v1/reply-templates/${t.id}`);
      assert.equal(del.statusCode, 200, del.body);
      expectProblem(await admin.request('DELETE', `/api/v1/reply-templates/${t.id}`), 404, 'interaction.reply_template.not_found');
    });

    test('desk queue: acceptance, supplement and review letters of the site, soonest step deadline first; the unit list likewise', async () => {
      await w.setClock(at10(2026, 11, 9));
      const reviewing = await letterAt(ctx, handler, 'reviewing', w.orgA);
      const fresh = await seedLetter(ctx);
      const assigned = await letterAt(ctx, handler, 'assigned', w.orgA);
      await w.setClock(at10(2026, 11, 10));
      const later = await seedLetter(ctx);
      const res = await handler.request('GET', '/api/v1/letters?siteId=1&queue=desk&pageSize=100');
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json<{ items: { id: number; status: string; stepDueAt: number | null; dueAt: number; dueState: string }[] }>().items;
      const ids = items.map((i) => i.id);
      assert.ok(!ids.includes(assigned.id), 'a routed letter is not on the desk');
      for (const l of [reviewing, fresh, later]) assert.ok(ids.includes(l.id), `letter ${l.id} on the desk`);
      assert.ok(items.every((i) => ['received', 'accepted', 'supplementing', 'reviewing'].includes(i.status)));
      const openDue = items.filter((i) => i.status !== 'supplementing').map((i) => Math.min(i.stepDueAt ?? i.dueAt, i.dueAt));
      assert.deepEqual(openDue, [...openDue].sort((a, b) => a - b), 'sorted by the step deadline');
      assert.ok(ids.indexOf(fresh.id) < ids.indexOf(later.id));
      assert.equal(items.find((i) => i.id === fresh.id)!.dueState, 'due_soon', 'accept within 1 working day: due today');

      const unit = await unitA.request('GET', '/api/v1/unit-letters');
      assert.equal(unit.statusCode, 200, unit.body);
      const unitItems = unit.json<{ items: { id: number; stepDueAt: number | null; dueAt: number; status: string }[] }>().items;
      const deadlines = unitItems.filter((i) => i.status !== 'supplementing').map((i) => i.stepDueAt ?? i.dueAt);
      assert.deepEqual(deadlines, [...deadlines].sort((a, b) => a - b));
      const unitIds = unitItems.map((i) => i.id);
      assert.ok(unitIds.indexOf(reviewing.id) < unitIds.indexOf(assigned.id), 'review (1 working day) before handling (5)');

      // The supervisor's chart counts every open letter of the site once, by due state.
      const view = await supervisor.request('GET', '/api/v1/supervision/letters');
      assert.equal(view.statusCode, 200, view.body);
      const v = view.json<{ overdue: { id: number; siteId: number }[]; dueSoon: { id: number; siteId: number }[]; bySite: { siteId: number; overdue: number; dueSoon: number; normal: number }[] }>();
      const portal = v.bySite.find((x) => x.siteId === 1)!;
      const open = await ctx.platform.db.selectFrom('letters').select('id').where('site_id', '=', 1).where('status', 'in', ['received', 'accepted', 'assigned', 'reviewing']).execute();
      assert.equal(portal.overdue + portal.dueSoon + portal.normal, open.length);
      assert.equal(portal.overdue, v.overdue.filter((x) => x.siteId === 1).length);
      assert.equal(portal.dueSoon, v.dueSoon.filter((x) => x.siteId === 1).length);
    });

    test('attachments: those who handle the letter (central, the assigned unit) download the files as sent, audited by id; a supervisor, another unit or another letter\'s file is refused', async () => {
      const mailboxId = (await portalMailboxes(ctx.app))[0]!.id;
      const sentFiles = [{ name: '证明材料.pdf', content: LETTER_FILES.pdf, mime: 'application/pdf' }, { name: '现场照片.png', content: LETTER_FILES.png, mime: 'image/png' }];
      const { payload, headers } = multipartBody(stringFields(letterJson(mailboxId, await solvedCaptcha(ctx.app))), sentFiles.map((f) => ({ field: 'attachments', name: f.name, content: f.content })));
      const sent = await ctx.app.inject({ method: 'POST', url: `/api/v1/public/sites/${PORTAL_CODE}/letters`, payload, headers });
      assert.equal(sent.statusCode, 201, sent.body);
      const letterId = Number((await ctx.platform.db.selectFrom('letters').select('id').where('query_code', '=', sent.json<{ queryCode: string }>().queryCode).executeTakeFirstOrThrow()).id);
      const listed = (await handler.request('GET', `/api/v1/letters/${letterId}`)).json<{ letter: { attachments: { id: number; fileName: string }[] } }>().letter.attachments;
      assert.deepEqual(listed.map((a) => a.fileName), sentFiles.map((f) => f.name));

      for (const [i, a] of listed.entries()) {
        const file = await handler.request('GET', `/api/v1/letters/${letterId}/attachments/${a.id}`);
        assert.equal(file.statusCode, 200, file.body);
        assert.ok(file.rawPayload.equals(sentFiles[i]!.content), `${sentFiles[i]!.name}: the bytes as sent`);
        assert.equal(file.headers['content-type'], sentFiles[i]!.mime);
        assert.match(String(file.headers['content-disposition']), new RegExp(`^attachment; .*filename\\*=UTF-8''${encodeURIComponent(sentFiles[i]!.name)}$`));
        assert.equal(file.headers['cache-control'], 'private, no-store');
      }
      const reads = await ctx.platform.db.selectFrom('audit_events').select(['action', 'detail']).where('action', '=', 'interaction.letter.attachment_read').where('target_id', '=', String(letterId)).execute();
      assert.equal(reads.length, 2, 'each download is audited');
      assert.ok(reads.every((r) => !JSON.stringify(r.detail).includes('证明材料') && !JSON.stringify(r.detail).includes('现场照片')), 'by id, never by name');

      // A file id of this letter asked through another letter, and a unit the letter was never sent to.
      const other = await seedLetter(ctx);
      expectProblem(await handler.request('GET', `/api/v1/letters/${other.id}/attachments/${listed[0]!.id}`), 404, 'interaction.attachment.not_found');
      const fileUrl = `/api/v1/letters/${letterId}/attachments/${listed[0]!.id}`;
      expectProblem(await unitA.request('GET', fileUrl), 403, 'interaction.letter.out_of_scope');
      expectProblem(await supervisor.request('GET', fileUrl), 403, 'interaction.letter.out_of_scope');
      assert.equal((await supervisor.request('GET', `/api/v1/letters/${letterId}`)).statusCode, 200, 'the supervisor still sees the letter and its list of files');

      // The unit it is assigned to may download; sent back, it may not.
      assert.equal((await act(handler, letterId, { action: 'accept' })).statusCode, 200);
      assert.equal((await act(handler, letterId, { action: 'assign', orgId: w.orgA })).statusCode, 200);
      const asUnit = await unitA.request('GET', fileUrl);
      assert.equal(asUnit.statusCode, 200, asUnit.body);
      assert.ok(asUnit.rawPayload.equals(sentFiles[0]!.content));
      assert.equal((await act(unitA, letterId, { action: 'send_back', reason: '不属于本单位职责' })).statusCode, 200);
      expectProblem(await unitA.request('GET', fileUrl), 403, 'interaction.letter.out_of_scope');
    });

    test('detail: attachments and the actions this viewer may take; the unit picker', async () => {
      const letter = await seedLetter(ctx);
      // As written before migration 0020: the plain name, no sealed one (still listed by it).
      await ctx.platform.db.insertInto('letter_attachments').values({ letter_id: letter.id, file_name: '证明.pdf', mime: 'application/pdf', size: 1234, content_enc: 'x', created_at: 0 }).execute();
      const central = await handler.request('GET', `/api/v1/letters/${letter.id}`);
      assert.equal(central.statusCode, 200, central.body);
      const d = central.json<{ letter: { attachments: { fileName: string; size: number }[]; allowedActions: string[] } }>().letter;
      assert.deepEqual(d.attachments.map((a) => [a.fileName, a.size]), [['证明.pdf', 1234]]);
      assert.deepEqual(d.allowedActions.sort(), ['accept', 'merge', 'refuse', 'request_supplement']);
      assert.equal((await act(handler, letter.id, { action: 'accept' })).statusCode, 200);
      assert.equal((await act(handler, letter.id, { action: 'assign', orgId: w.orgA })).statusCode, 200);
      const asUnit = (await unitA.request('GET', `/api/v1/letters/${letter.id}`)).json<{ letter: { allowedActions: string[] } }>().letter;
      assert.deepEqual(asUnit.allowedActions.sort(), ['draft_reply', 'forward', 'request_extension', 'request_supplement', 'send_back']);
      const asSupervisor = (await supervisor.request('GET', `/api/v1/letters/${letter.id}`)).json<{ letter: { allowedActions: string[] } }>().letter;
      assert.deepEqual(asSupervisor.allowedActions, [], 'nothing to decide without an extension request');
      assert.equal((await act(unitA, letter.id, { action: 'request_extension', days: 3, reason: '需要实地核查' })).statusCode, 200);
      const pending = (await supervisor.request('GET', `/api/v1/letters/${letter.id}`)).json<{ letter: { allowedActions: string[] } }>().letter;
      assert.deepEqual(pending.allowedActions.sort(), ['approve_extension', 'reject_extension']);

      const units = await handler.request('GET', '/api/v1/handling-units');
      assert.equal(units.statusCode, 200, units.body);
      const names = units.json<{ items: { id: number; parentId: number | null; name: string }[] }>().items;
      assert.ok(names.some((u) => u.id === w.orgA && u.name === '江苏省教育厅'));
      const sites = (s: typeof handler) => s.request('GET', '/api/v1/interaction/sites').then((r) => r.json<{ items: { id: number; code: string }[] }>().items);
      assert.ok((await sites(handler)).some((x) => x.id === 1 && x.code === '3200000001'), 'the central handler picks the portal');
      assert.ok(!(await sites(unitA)).some((x) => x.id === 1), 'a unit handler has no grant on the portal');
    });

    test('look-up page: rate and reopen by POST forms with the password again; a wrong password shows nothing', async () => {
      const letter = await letterAt(ctx, handler, 'reviewing', w.orgA);
      const reviewer = await w.reviewer2.request('POST', `/api/v1/letters/${letter.id}/actions`, { action: 'approve_reply' });
      assert.equal(reviewer.statusCode, 200, reviewer.body);
      const page = (fields: Record<string, string>) => {
        const { payload, headers } = multipartBody(fields);
        return ctx.app.inject({ method: 'POST', url: '/letters/query.html', payload, headers: { ...headers, host: PORTAL_HOST } });
      };
      const shown = await page({ queryCode: letter.queryCode, queryPassword: letter.queryPassword });
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /<legend>评价答复<\/legend>/);
      assert.match(shown.body, /<legend>申请重新办理（仅限一次）<\/legend>/);
      assert.doesNotMatch(shown.body, /<legend>补充材料<\/legend>/);
      assert.ok(!shown.body.includes(letter.queryPassword), 'the password is never written into the page');

      const wrong = await page({ queryCode: letter.queryCode, queryPassword: 'WRONGPW1', action: 'rate', satisfaction: 'satisfied' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /查询编号或查询密码不正确/);
      assert.doesNotMatch(wrong.body, /letter-result/);
      assert.equal((await row(letter.id)).status, 'replied');
      assert.equal(Number((await row(letter.id)).lookup_failures), 1, 'counted like a wrong look-up');

      const missing = await page({ queryCode: letter.queryCode, queryPassword: letter.queryPassword, action: 'rate' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /满意度（satisfaction）不能为空/);

      const rated = await page({ queryCode: letter.queryCode, queryPassword: letter.queryPassword, action: 'rate', satisfaction: 'basically_satisfied' });
      assert.equal(rated.statusCode, 200, rated.body);
      assert.match(rated.body, /感谢您的评价/);
      assert.match(rated.body, /您的评价：基本满意/);
      assert.equal((await row(letter.id)).status, 'closed');

      const reopened = await page({ queryCode: letter.queryCode, queryPassword: letter.queryPassword, action: 'reopen', reason: '答复未解决问题' });
      assert.equal(reopened.statusCode, 200, reopened.body);
      assert.equal((await row(letter.id)).status, 'assigned');
      assert.doesNotMatch(reopened.body, /<legend>申请重新办理/);

      // Refused by the workflow (not the form's fields): the look-up page with the message, answered once.
      const again = await page({ queryCode: letter.queryCode, queryPassword: letter.queryPassword, action: 'rate', satisfaction: 'satisfied' });
      assert.equal(again.statusCode, 409, again.body);
      assert.match(again.body, /letter-result/);
      assert.deepEqual(warnings.filter((l) => /already sent/i.test(l)), [], 'the page was sent once');
    });

    test('look-up page: a supplement through the form resumes the letter', async () => {
      const letter = await seedLetter(ctx);
      assert.equal((await act(handler, letter.id, { action: 'request_supplement', reason: '请补充居住地址证明' })).statusCode, 200);
      const post = (text: string) => {
        const { payload, headers } = multipartBody({ queryCode: letter.queryCode, queryPassword: letter.queryPassword, action: 'supplement', text });
        return ctx.app.inject({ method: 'POST', url: '/letters/query.html', payload, headers: { ...headers, host: PORTAL_HOST } });
      };
      const tooLong = await post('补'.repeat(5001));
      assert.equal(tooLong.statusCode, 400, 'checked against the feedback schema');
      assert.match(tooLong.body, /role="alert"/);
      assert.equal((await row(letter.id)).status, 'supplementing');
      const res = await post('已补充：租房合同见附件说明。');
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.body, /补充材料已提交/);
      assert.equal((await row(letter.id)).status, 'received');
    });
  });
}
