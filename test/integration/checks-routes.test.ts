import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { ManualClock } from '../../src/platform/clock.js';
import { CHECKS_CHANGED_CHANNEL, idCheckChar, loadCheckContext, STARTER_DICTIONARY } from '../../src/modules/checks/index.js';

interface Entry { id: number; phrase: string; suggestion: string; category: string; severity: string }
interface Rule { rule: string; severity: string; defaultSeverity: string; updatedAt: number | null }
interface RunReport { results: { rule: string; severity: string; field: string; start: number; end: number; excerpt: string }[]; blocking: boolean; counts: { block: number; warn: number }; bodyText: string }

const ID = `32010219900307123${idCheckChar('32010219900307123')}`;

for (const engine of selectedEngines()) {
  describe(`checks API: dictionary, rules and draft checks [${engine}]`, () => {
    let ctx: TestContext;
    let admin: TestSession;
    let supervisor: TestSession;
    let editor: TestSession;
    let auditor: TestSession;
    const clock = new ManualClock(Date.UTC(2026, 5, 1, 2, 0, 0));
    const sign = async (name: string): Promise<TestSession> => {
      clock.advance(31_000); // TOTP codes are single-use per time step
      return signIn(ctx.app, ctx.accounts[name]!, clock);
    };
    const auditActions = async (): Promise<string[]> =>
      (await ctx.platform.db.selectFrom('audit_events').select('action').where('action', 'like', 'checks.%').orderBy('seq').execute()).map((r) => r.action);

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      admin = await sign('sysadmin');
      supervisor = await sign('supervisor');
      editor = await sign('editor');
      auditor = await sign('auditor');
    });
    after(async () => ctx.close());

    it('comes with the starter dictionary from the demo seed, readable by editors and managers', async () => {
      const res = await editor.request('GET', '/api/v1/checks/dictionary?pageSize=200');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { total: number; items: Entry[] };
      assert.equal(body.total, STARTER_DICTIONARY.length);
      assert.ok(body.items.some((e) => e.phrase === '国家工商行政管理总局' && e.category === 'outdated_name'));
      const filtered = (await admin.request('GET', '/api/v1/checks/dictionary?category=commercial_domain&q=taobao')).json() as { total: number; items: Entry[] };
      assert.deepEqual(filtered.items.map((e) => e.phrase), ['taobao.com']);
      const literal = (await admin.request('GET', `/api/v1/checks/dictionary?q=${encodeURIComponent('%')}`)).json() as { total: number };
      assert.equal(literal.total, 0, '% is matched literally, not as a wildcard');
    });

    it('refuses readers without documents.read or checks.manage, and anonymous callers', async () => {
      const res = await auditor.request('GET', '/api/v1/checks/rules');
      assert.equal(res.statusCode, 403);
      assert.equal((res.json() as { code: string }).code, 'checks.forbidden');
      assert.equal((await ctx.app.inject({ method: 'GET', url: '/api/v1/checks/dictionary' })).statusCode, 401);
    });

    it('creates, updates and deletes entries, audits each, and the checks use them at once', async () => {
      await loadCheckContext(ctx.platform.db); // warm the cache: the change must invalidate it
      const created = await supervisor.request('POST', '/api/v1/checks/dictionary', { phrase: '网上办事大厅', suggestion: '政务服务网', category: 'outdated_name', severity: 'warn' });
      assert.equal(created.statusCode, 201, created.body);
      const entry = (created.json() as { entry: Entry }).entry;
      assert.equal(entry.phrase, '网上办事大厅');

      const run1 = (await editor.request('POST', '/api/v1/checks/run', { title: '欢迎使用网上办事大厅', bodyHtml: '' })).json() as RunReport;
      assert.deepEqual(run1.results.map((r) => [r.rule, r.severity, r.start, r.end]), [['banned_expression', 'warn', 4, 10]]);

      const patched = await admin.request('PATCH', `/api/v1/checks/dictionary/${entry.id}`, { severity: 'block', suggestion: '江苏政务服务网' });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual((({ phrase, suggestion, severity }) => ({ phrase, suggestion, severity }))((patched.json() as { entry: Entry }).entry), { phrase: '网上办事大厅', suggestion: '江苏政务服务网', severity: 'block' });
      const run2 = (await editor.request('POST', '/api/v1/checks/run', { title: '欢迎使用网上办事大厅', bodyHtml: '' })).json() as RunReport;
      assert.equal(run2.results[0]?.severity, 'block');
      assert.equal(run2.blocking, true);

      const deleted = await admin.request('DELETE', `/api/v1/checks/dictionary/${entry.id}`);
      assert.equal(deleted.statusCode, 200, deleted.body);
      const run3 = (await editor.request('POST', '/api/v1/checks/run', { title: '欢迎使用网上办事大厅', bodyHtml: '' })).json() as RunReport;
      assert.deepEqual(run3.results, []);
      assert.equal((await admin.request('DELETE', `/api/v1/checks/dictionary/${entry.id}`)).statusCode, 404);
      assert.equal((await admin.request('PATCH', `/api/v1/checks/dictionary/${entry.id}`, { severity: 'warn' })).statusCode, 404);

      const actions = await auditActions();
      for (const a of ['checks.dictionary.create', 'checks.dictionary.update', 'checks.dictionary.delete']) assert.ok(actions.includes(a), a);
    });

    it('refuses a duplicate phrase with 409, also when renaming onto it, and writes nothing', async () => {
      const before = (await admin.request('GET', '/api/v1/checks/dictionary')).json() as { total: number };
      const dup = await admin.request('POST', '/api/v1/checks/dictionary', { phrase: ' 再接再励 ', category: 'miswritten', severity: 'block' });
      assert.equal(dup.statusCode, 409, dup.body);
      assert.equal((dup.json() as { code: string }).code, 'checks.dictionary.duplicate');
      assert.match((dup.json() as { detail: string }).detail, /再接再励/);
      const other = (await admin.request('POST', '/api/v1/checks/dictionary', { phrase: '临时词条', category: 'miswritten', severity: 'warn' })).json() as { entry: Entry };
      const rename = await admin.request('PATCH', `/api/v1/checks/dictionary/${other.entry.id}`, { phrase: '再接再励' });
      assert.equal(rename.statusCode, 409);
      const afterCount = (await admin.request('GET', '/api/v1/checks/dictionary')).json() as { total: number };
      assert.equal(afterCount.total, before.total + 1);
    });

    it('refuses bad severities, categories and phrase syntax with 400 naming the field', async () => {
      const badSeverity = await admin.request('POST', '/api/v1/checks/dictionary', { phrase: '某词', category: 'miswritten', severity: 'fatal' });
      assert.equal(badSeverity.statusCode, 400);
      assert.ok(JSON.stringify(badSeverity.json()).includes('severity'));
      assert.equal((await admin.request('POST', '/api/v1/checks/dictionary', { phrase: '某词', category: 'rude', severity: 'warn' })).statusCode, 400);
      const badPhrase = await admin.request('POST', '/api/v1/checks/dictionary', { phrase: '截止{日', category: 'miswritten', severity: 'warn' });
      assert.equal(badPhrase.statusCode, 400);
      assert.equal((badPhrase.json() as { code: string }).code, 'checks.dictionary.bad_phrase');
      const badDomain = await admin.request('POST', '/api/v1/checks/dictionary', { phrase: '淘宝网', category: 'commercial_domain', severity: 'block' });
      assert.equal((badDomain.json() as { code: string }).code, 'checks.dictionary.bad_phrase');
      assert.equal((await admin.request('PUT', '/api/v1/checks/rules', { severities: { personal_id: 'maybe' } })).statusCode, 400);
      assert.equal((await admin.request('PUT', '/api/v1/checks/rules', { severities: { no_such_rule: 'warn' } })).statusCode, 400);
    });

    it('refuses writes by roles without checks.manage (403) and writes nothing', async () => {
      const res = await editor.request('POST', '/api/v1/checks/dictionary', { phrase: '编辑加的词', category: 'miswritten', severity: 'warn' });
      assert.equal(res.statusCode, 403);
      assert.equal((await editor.request('PUT', '/api/v1/checks/rules', { severities: { bank_card: 'off' } })).statusCode, 403);
      const found = (await admin.request('GET', `/api/v1/checks/dictionary?q=${encodeURIComponent('编辑加的词')}`)).json() as { total: number };
      assert.equal(found.total, 0);
      assert.equal((await admin.request('POST', '/api/v1/checks/run', { title: 'x', bodyHtml: '' })).statusCode, 403, 'running checks on drafts is for writers');
    });

    it('lists rules with defaults, changes severities, audits, and the run endpoint follows them', async () => {
      const list = (await editor.request('GET', '/api/v1/checks/rules')).json() as { items: Rule[] };
      const bank = list.items.find((r) => r.rule === 'bank_card');
      assert.deepEqual(bank && [bank.severity, bank.defaultSeverity, bank.updatedAt], ['warn', 'warn', null]);
      const put = await supervisor.request('PUT', '/api/v1/checks/rules', { severities: { mobile_number: 'warn', bank_card: 'block' } });
      assert.equal(put.statusCode, 200, put.body);
      const items = (put.json() as { items: Rule[] }).items;
      assert.equal(items.find((r) => r.rule === 'mobile_number')?.severity, 'warn');
      assert.equal(items.find((r) => r.rule === 'bank_card')?.updatedAt, clock.now());
      const run = (await editor.request('POST', '/api/v1/checks/run', { title: '', bodyHtml: '<p>手机 13800138000</p>' })).json() as RunReport;
      assert.deepEqual(run.results.map((r) => [r.rule, r.severity]), [['mobile_number', 'warn']]);
      assert.equal(run.blocking, false);
      // Setting it again is an update, not a second row.
      await supervisor.request('PUT', '/api/v1/checks/rules', { severities: { mobile_number: 'block' } });
      const rows = await ctx.platform.db.selectFrom('check_rules').selectAll().where('rule', '=', 'mobile_number').execute();
      assert.deepEqual(rows.map((r) => r.severity), ['block']);
      assert.ok((await auditActions()).includes('checks.rules.update'));
    });

    it('checks a draft: offsets into the returned body text, masked excerpts, required fields by column kind', async () => {
      const res = await editor.request('POST', '/api/v1/checks/run', {
        title: '关于公布名单的通知',
        bodyHtml: `<p>秘密★1年</p><p>张三，身份证号 ${ID}。</p><p>详见<a href="https://item.taobao.com/1">链接</a></p>`,
        metadata: { documentNumber: '苏政办发〔2026〕1号', dateWritten: '' },
        columnKind: 'policy',
        attachmentsText: [{ name: '名单.xlsx', text: `李四 ${ID}` }],
      });
      assert.equal(res.statusCode, 200, res.body);
      const report = res.json() as RunReport;
      assert.equal(report.bodyText, `秘密★1年\n张三，身份证号 ${ID}。\n详见链接`);
      const body = report.results.filter((r) => r.field === 'body');
      assert.deepEqual(body.map((r) => [r.rule, report.bodyText.slice(r.start, r.end)]), [['secrecy_marking', '秘密★1年'], ['personal_id', ID], ['commercial_link', '链接']]);
      assert.ok(!report.results.some((r) => r.excerpt.includes(ID)));
      assert.ok(report.results.some((r) => r.field === 'attachment:名单.xlsx' && r.rule === 'personal_id'));
      assert.deepEqual(report.results.filter((r) => r.rule === 'missing_metadata').map((r) => r.field),
        ['metadata.indexNumber', 'metadata.issuingOrgName', 'metadata.dateWritten', 'metadata.topicCategory', 'metadata.genre']);
      assert.equal(report.blocking, true);
      assert.equal(report.counts.block + report.counts.warn, report.results.length);
    });

    it('keeps the context cached until a change is announced by any process', async () => {
      const db = ctx.platform.db;
      const first = await loadCheckContext(db);
      assert.equal(await loadCheckContext(db), first, 'cached: the same object');
      // Another process writes directly and announces it on the event bus (LISTEN/NOTIFY on PostgreSQL).
      await db.insertInto('banned_expressions').values({ phrase: '别的进程加的词', suggestion: '', category: 'miswritten', severity: 'warn', created_at: clock.now() }).execute();
      assert.equal(await loadCheckContext(db), first, 'not seen before the announcement');
      await ctx.platform.events.publish({ channel: CHECKS_CHANGED_CHANNEL, data: {} });
      for (let i = 0; i < 50 && (await loadCheckContext(db)) === first; i++) await new Promise((r) => setTimeout(r, 20));
      const next = await loadCheckContext(db);
      assert.notEqual(next, first);
      assert.ok(next.dictionary.some((e) => e.phrase === '别的进程加的词'));
    });

    it('imports the starter dictionary again without duplicating, restoring deleted entries or re-adding renamed ones', async () => {
      const find = async (phrase: string): Promise<Entry | undefined> =>
        ((await admin.request('GET', `/api/v1/checks/dictionary?pageSize=200&q=${encodeURIComponent(phrase)}`)).json() as { items: Entry[] }).items.find((e) => e.phrase === phrase);
      const deleted = await find('其它');
      const renamed = await find('聋子');
      assert.ok(deleted && renamed);
      assert.equal((await admin.request('DELETE', `/api/v1/checks/dictionary/${deleted.id}`)).statusCode, 200);
      assert.equal((await admin.request('PATCH', `/api/v1/checks/dictionary/${renamed.id}`, { phrase: '聋子们' })).statusCode, 200);
      const first = await admin.request('POST', '/api/v1/checks/dictionary/import-starter');
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { added: 0, skipped: STARTER_DICTIONARY.length });
      assert.equal(await find('其它'), undefined, 'a deleted starter entry stays deleted');
      assert.equal(await find('聋子'), undefined, 'a renamed starter entry does not come back next to the new name');
      assert.equal((await find('聋子们'))?.id, renamed.id);

      // A starter entry never offered before (one a later release adds) is still added, once.
      await ctx.platform.db.deleteFrom('check_starter_imports').where('phrase', '=', '帐号').execute();
      await ctx.platform.db.deleteFrom('banned_expressions').where('phrase', '=', '帐号').execute();
      const second = (await supervisor.request('POST', '/api/v1/checks/dictionary/import-starter')).json() as { added: number };
      assert.equal(second.added, 1);
      assert.ok(await find('帐号'));
      const third = (await supervisor.request('POST', '/api/v1/checks/dictionary/import-starter')).json() as { added: number };
      assert.equal(third.added, 0);
      assert.ok((await auditActions()).includes('checks.dictionary.import_starter'));
    });

    it('writes no audit event for a PATCH that changes nothing, and answers with the entry', async () => {
      const created = (await admin.request('POST', '/api/v1/checks/dictionary', { phrase: '不变的词', suggestion: '原样', category: 'miswritten', severity: 'warn' })).json() as { entry: Entry };
      const updates = async (): Promise<number> => (await ctx.platform.db.selectFrom('audit_events').select('id')
        .where('action', '=', 'checks.dictionary.update').where('target_id', '=', String(created.entry.id)).execute()).length;
      for (const body of [{}, { severity: 'warn' }, { phrase: ' 不变的词 ', suggestion: '原样', category: 'miswritten' }]) {
        const res = await admin.request('PATCH', `/api/v1/checks/dictionary/${created.entry.id}`, body);
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual((res.json() as { entry: Entry }).entry, created.entry);
      }
      assert.equal(await updates(), 0);
      assert.equal((await admin.request('PATCH', `/api/v1/checks/dictionary/${created.entry.id}`, { severity: 'block' })).statusCode, 200);
      assert.equal(await updates(), 1, 'a real change is audited');
    });

    it('refuses control characters and bidi controls in a phrase or suggestion with 400 naming the field', async () => {
      const cases: [Record<string, string>, string[]][] = [
        [{ phrase: 'a\u0007b' }, ['phrase']],
        [{ phrase: '某\u202e词' }, ['phrase']],
        [{ phrase: '某\u0085词' }, ['phrase']],
        [{ phrase: '某\t词' }, ['phrase']],
        [{ phrase: '某词', suggestion: '改为\u2066某\u2069' }, ['suggestion']],
        [{ phrase: '某\u001b词', suggestion: '换\n行' }, ['phrase', 'suggestion']],
      ];
      const total = async (): Promise<number> => ((await admin.request('GET', '/api/v1/checks/dictionary')).json() as { total: number }).total;
      const before = await total();
      for (const [input, fields] of cases) {
        const res = await admin.request('POST', '/api/v1/checks/dictionary', { category: 'miswritten', severity: 'warn', ...input });
        assert.equal(res.statusCode, 400, `${JSON.stringify(input)}: ${res.body}`);
        const p = res.json() as { code: string; detail: string; errors: { field: string; code: string; message: string }[] };
        assert.equal(p.code, 'checks.dictionary.bad_characters');
        assert.deepEqual(p.errors.map((e) => e.field), fields);
        assert.match(p.errors[0]!.message, /不允许的字符/);
      }
      const en = await admin.request('POST', '/api/v1/checks/dictionary', { phrase: 'x\u0001y', category: 'miswritten', severity: 'warn' }, { 'accept-language': 'en' });
      assert.equal(en.statusCode, 400);
      assert.match((en.json() as { errors: { message: string }[] }).errors[0]!.message, /^The phrase \(phrase\) contains characters that are not allowed/);
      assert.equal(await total(), before, 'nothing was written');
      const entry = (await admin.request('POST', '/api/v1/checks/dictionary', { phrase: '干净的词', category: 'miswritten', severity: 'warn' })).json() as { entry: Entry };
      const patch = await admin.request('PATCH', `/api/v1/checks/dictionary/${entry.entry.id}`, { phrase: '干净\u202d的词' });
      assert.equal(patch.statusCode, 400);
      assert.deepEqual((patch.json() as { errors: { field: string }[] }).errors.map((e) => e.field), ['phrase']);
      const kept = (await admin.request('GET', `/api/v1/checks/dictionary?q=${encodeURIComponent('干净')}`)).json() as { items: Entry[] };
      assert.deepEqual(kept.items.map((e) => e.phrase), ['干净的词']);
    });

    it('refuses unknown column kinds and blank field names at the schema, naming the field in Chinese', async () => {
      for (const columnKind of ['__proto__', 'constructor', 'toString', 'nosuchkind', 'hasOwnProperty']) {
        const res = await editor.request('POST', '/api/v1/checks/run', { title: 'a', bodyHtml: 'x', columnKind });
        assert.equal(res.statusCode, 400, `${columnKind}: ${res.body}`);
        const p = res.json() as { code: string; errors: { field: string; message: string }[] };
        assert.equal(p.code, 'http.validation');
        assert.equal(p.errors[0]?.field, 'columnKind');
        assert.match(p.errors[0]!.message, /^字段“栏目类型（columnKind）”的取值应为以下之一：policy、/);
      }
      const blank = [
        [{ requiredFields: [''] }, 'requiredFields.0', /不能为空/],
        [{ requiredFields: ['genre', ' '] }, 'requiredFields.1', /不能为空白/],
        [{ metadata: { '': 'x' } }, 'metadata', /^字段“元数据（metadata）”中的字段名不能为空$/],
        [{ metadata: { ' ': '' } }, 'metadata', /^字段“元数据（metadata）”中的字段名“ ”不能为空白$/],
      ] as const;
      for (const [extra, field, message] of blank) {
        const res = await editor.request('POST', '/api/v1/checks/run', { title: 'a', bodyHtml: 'x', ...extra });
        assert.equal(res.statusCode, 400, `${JSON.stringify(extra)}: ${res.body}`);
        const p = res.json() as { code: string; errors: { field: string; message: string }[] };
        assert.equal(p.code, 'http.validation');
        assert.deepEqual(p.errors.map((e) => e.field), [field]);
        assert.match(p.errors[0]!.message, message);
      }
      const en = await editor.request('POST', '/api/v1/checks/run', { title: 'a', bodyHtml: 'x', metadata: { '': 'x' } }, { 'accept-language': 'en' });
      assert.equal((en.json() as { errors: { message: string }[] }).errors[0]?.message, 'A field name in "metadata" must not be empty');

      // Every real kind is accepted; a name Object.prototype has is an ordinary missing field.
      for (const columnKind of ['policy', 'disclosure', 'interpretation', 'notice', 'news', 'topic', 'page', 'link']) {
        assert.equal((await editor.request('POST', '/api/v1/checks/run', { title: 'a', bodyHtml: 'x', columnKind })).statusCode, 200, columnKind);
      }
      const own = (await editor.request('POST', '/api/v1/checks/run', { title: 'a', bodyHtml: 'x', requiredFields: ['constructor', 'toString'] })).json() as { results: { field: string; message: string }[] };
      assert.deepEqual(own.results.map((r) => [r.field, r.message]), [['metadata.constructor', '缺少必填元数据：constructor'], ['metadata.toString', '缺少必填元数据：toString']]);
    });
  });
}
