import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { testColumnFor } from '../support/content-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { inTransaction } from '../../src/db/index.js';
import { markPublished, setEditionStatus } from '../../src/modules/content/index.js';
import { systemActor } from '../../src/platform/identity/actor.js';

interface Problem { code: string; status: number; detail: string; errors?: { field: string; code: string; message: string }[] }
interface Edition { id: number; number: number; status: string; lockVersion: number; title: string; bodyHtml: string; documentNumber: string | null; topicCategory: string | null; topicCategoryVersion: string | null; correctionNote: string | null; lastEditorName: string; publishedAt: number | null }
interface Doc { id: number; status: string; indexNumber: string | null; currentEditionId: number; publishedEditionId: number | null; firstPublishedAt: number | null; lastPublishedAt: number | null }
interface Created { document: Doc; edition: Edition }

for (const engine of selectedEngines()) {
  describe(`documents API: drafts, metadata, saves [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 6, 3, 0)); // 2026-11-26 14:03 Asia/Shanghai
    let editor: TestSession;
    let siteadmin: TestSession;
    let columnId = 0;
    let orgCredit = '';

    const create = async (body: Record<string, unknown>, as: TestSession = editor) =>
      as.request('POST', '/api/v1/documents', { columnId, kind: 'policy', title: '关于印发测试办法的通知', ...body });
    const counts = async () => {
      const d = await ctx.platform.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const e = await ctx.platform.db.selectFrom('document_editions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const c = await ctx.platform.db.selectFrom('index_number_counters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { documents: Number(d.n), editions: Number(e.n), counters: Number(c.n) };
    };

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      editor = await signIn(ctx.app, ctx.accounts.editor!, clock);
      clock.advance(31_000);
      siteadmin = await signIn(ctx.app, ctx.accounts.siteadmin!, clock);
      const col = await testColumnFor(ctx.platform.db, '320000', { kind: 'policy' });
      columnId = col.id;
      const org = await ctx.platform.db.selectFrom('organizations').select('credit_code').where('id', '=', col.orgId).executeTakeFirstOrThrow();
      orgCredit = org.credit_code ?? '';
    });
    after(async () => { await ctx.close(); });

    test('an editor creates a draft: edition 1, lock version 1, index number of the site owner and year', async () => {
      const res = await create({
        documentNumber: '苏政办发〔2017〕96号', topicCategory: '综合政务\\政务公开', genre: '通知', dateWritten: '2017-06-28',
        keywords: '政务公开', summary: '概述', source: '省政府办公厅', bodyHtml: '<p onclick="x()">正文<script>alert(1)</script></p>',
      });
      assert.equal(res.statusCode, 201, res.body);
      const { document, edition } = res.json() as Created;
      assert.match(document.indexNumber ?? '', new RegExp(`^${orgCredit}/2026-\\d{5}$`));
      assert.equal(document.status, 'draft');
      assert.equal(edition.number, 1);
      assert.equal(edition.lockVersion, 1);
      assert.equal(edition.status, 'draft');
      assert.equal(edition.bodyHtml, '<p>正文</p>');
      assert.equal(edition.topicCategory, '综合政务\\政务公开');
      assert.ok(edition.topicCategoryVersion && edition.topicCategoryVersion.length > 0, 'the tree version is stored with the category');
      const audit = await ctx.platform.db.selectFrom('audit_events').select(['action', 'target_id']).where('action', '=', 'content.document.create').execute();
      assert.ok(audit.some((a) => String(a.target_id) === String(document.id)));
    });

    test('metadata refusals: each names its field with a Chinese message, and nothing is written', async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ documentNumber: '苏政办发[2017]96号' }, 'documentNumber', /六角括号〔〕.*方括号/],
        [{ documentNumber: '苏政办发【2017】96号' }, 'documentNumber', /方头括号【】/],
        [{ documentNumber: '苏政办发(2017)96号' }, 'documentNumber', /圆括号/],
        [{ documentNumber: '苏政办发〔2017〕096号' }, 'documentNumber', /前导零.*“96号”/],
        [{ documentNumber: '苏政办发〔17〕96号' }, 'documentNumber', /4 位数字/],
        [{ documentNumber: '〔2017〕96号' }, 'documentNumber', /机关代字/],
        [{ documentNumber: '苏政办发〔2017〕96' }, 'documentNumber', /“号”/],
        [{ topicCategory: '综合政务\\不存在' }, 'topicCategory', /没有二级类目“不存在”/],
        [{ topicCategory: '天文地理\\星空' }, 'topicCategory', /不在国家主题分类表中/],
        [{ genre: '小说' }, 'genre', /体裁“小说”/],
        [{ validity: 'repealed' }, 'validityDate', /废止日期/],
        [{ validity: 'valid', validityDate: '2020-01-01' }, 'validityDate', /有效的文件不填写/],
        [{ dateWritten: '2026-11-27' }, 'dateWritten', /不能晚于今天（2026-11-26）/],
        [{ dateWritten: '2026-02-30' }, 'dateWritten', /不是有效日期/],
        [{ title: '   ' }, 'title', /标题不能为空/],
        [{ correctionNote: '更正' }, 'correctionNote', /尚未发布过/],
      ];
      const before = await counts();
      for (const [body, field, message] of cases) {
        const res = await create(body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
        const p = res.json() as Problem;
        assert.equal(p.code, 'content.document.invalid');
        const err = p.errors?.find((e) => e.field === field);
        assert.ok(err, `${JSON.stringify(body)} names ${field}: ${res.body}`);
        assert.match(err.message, message);
        assert.match(p.detail, /稿件信息有误/);
      }
      assert.deepEqual(await counts(), before, 'no document, edition or index number was taken');
    });

    test('no API accepts a publish time', async () => {
      for (const key of ['publishedAt', 'firstPublishedAt', 'published_at']) {
        const res = await create({ [key]: Date.UTC(2020, 0, 1) });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal((res.json() as Problem).code, 'http.validation');
      }
    });

    test('a stale save gets 409 naming who saved and when', async () => {
      const { document } = (await create({})).json() as Created;
      const first = await editor.request('PATCH', `/api/v1/documents/${document.id}`, { lockVersion: 1, title: '第一次保存' });
      assert.equal(first.statusCode, 200, first.body);
      assert.equal((first.json() as Created).edition.lockVersion, 2);
      const stale = await siteadmin.request('PATCH', `/api/v1/documents/${document.id}`, { lockVersion: 1, title: '过期的保存' });
      assert.equal(stale.statusCode, 409, stale.body);
      const p = stale.json() as Problem;
      assert.equal(p.code, 'content.document.stale');
      assert.equal(p.detail, '该稿件已被 刘编辑 于 2026-11-26 14:03 修改，请刷新后再编辑');
      const got = (await editor.request('GET', `/api/v1/documents/${document.id}`)).json() as { edition: Edition };
      assert.equal(got.edition.title, '第一次保存');
      assert.equal(got.edition.lastEditorName, '刘编辑');
    });

    test('editing a published document starts edition 2; the published one stays public until it is replaced', async () => {
      const { document, edition } = (await create({ bodyHtml: '<p>原文。第二句。</p>' })).json() as Created;
      const publishAt = clock.now();
      await inTransaction(ctx.platform.db, async (trx) => {
        await setEditionStatus(trx, { editionId: edition.id, to: 'in_review', actor: systemActor('test'), now: clock.now() });
        await setEditionStatus(trx, { editionId: edition.id, to: 'approved', actor: systemActor('test'), now: clock.now() });
        await markPublished(trx, edition.id, clock.now());
      });
      const published = (await editor.request('GET', `/api/v1/documents/${document.id}`)).json() as { document: Doc; edition: Edition };
      assert.equal(published.document.status, 'published');
      assert.equal(published.document.firstPublishedAt, publishAt);
      assert.equal(published.edition.publishedAt, publishAt);

      clock.advance(60_000);
      const save = await editor.request('PATCH', `/api/v1/documents/${document.id}`, {
        lockVersion: published.edition.lockVersion, bodyHtml: '<p>原文。第二句已更正。</p>', correctionNote: '更正第二句的错字',
      });
      assert.equal(save.statusCode, 200, save.body);
      const next = save.json() as Created;
      assert.equal(next.edition.number, 2);
      assert.equal(next.edition.status, 'draft');
      assert.equal(next.edition.correctionNote, '更正第二句的错字');
      assert.ok(next.edition.lockVersion > published.edition.lockVersion, 'lock versions continue across editions');
      assert.equal(next.document.status, 'published', 'still public while edition 2 is a draft');
      assert.equal(next.document.publishedEditionId, edition.id);

      // A save aimed at the published edition's lock version is now stale.
      const late = await siteadmin.request('PATCH', `/api/v1/documents/${document.id}`, { lockVersion: published.edition.lockVersion, title: '迟到' });
      assert.equal(late.statusCode, 409);

      clock.advance(60_000);
      await inTransaction(ctx.platform.db, async (trx) => {
        await setEditionStatus(trx, { editionId: next.edition.id, to: 'in_review', actor: systemActor('test'), now: clock.now() });
        await setEditionStatus(trx, { editionId: next.edition.id, to: 'approved', actor: systemActor('test'), now: clock.now() });
        await markPublished(trx, next.edition.id, clock.now());
      });
      const editions = (await editor.request('GET', `/api/v1/documents/${document.id}/editions`)).json() as { items: Edition[] };
      assert.deepEqual(editions.items.map((e) => [e.number, e.status]), [[2, 'published'], [1, 'superseded']]);
      const after = (await editor.request('GET', `/api/v1/documents/${document.id}`)).json() as { document: Doc };
      assert.equal(after.document.firstPublishedAt, publishAt, 'first publication time is kept');
      assert.equal(after.document.lastPublishedAt, clock.now());

      const diff = await editor.request('GET', `/api/v1/documents/${document.id}/diff?from=${edition.id}&to=${next.edition.id}`);
      assert.equal(diff.statusCode, 200, diff.body);
      const d = diff.json() as { body: { ranges: { op: string; text: string }[] }; fields: { field: string; before: string | null; after: string | null }[] };
      assert.deepEqual(d.body.ranges, [{ op: 'equal', text: '原文。第二句' }, { op: 'insert', text: '已更正' }, { op: 'equal', text: '。' }]);
      assert.deepEqual(d.fields.map((f) => [f.field, f.before, f.after]), [['correctionNote', null, '更正第二句的错字']]);
    });

    test('an edition in review cannot be saved; a diff across documents is refused', async () => {
      const a = (await create({})).json() as Created;
      const b = (await create({})).json() as Created;
      await inTransaction(ctx.platform.db, (trx) => setEditionStatus(trx, { editionId: a.edition.id, to: 'in_review', actor: systemActor('test'), now: clock.now() }));
      const res = await editor.request('PATCH', `/api/v1/documents/${a.document.id}`, { lockVersion: 2, title: 'x' });
      assert.equal(res.statusCode, 409);
      assert.equal((res.json() as Problem).code, 'content.document.not_editable');
      assert.match((res.json() as Problem).detail, /审核中/);
      const diff = await editor.request('GET', `/api/v1/documents/${a.document.id}/diff?from=${a.edition.id}&to=${b.edition.id}`);
      assert.equal(diff.statusCode, 400);
      assert.equal((diff.json() as Problem).code, 'content.diff.bad_editions');
    });

    test('the list pages by keyset (updated_at desc, id desc) with filters and search', async () => {
      const made: number[] = [];
      for (let i = 0; i < 5; i++) {
        clock.advance(1000);
        made.push(((await create({ title: `分页测试稿件${i}`, kind: 'notice', documentNumber: `苏分页〔2026〕${i + 1}号` })).json() as Created).document.id);
      }
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/documents?kind=notice&limit=2&columnId=${columnId}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await editor.request('GET', url);
        assert.equal(res.statusCode, 200, res.body);
        const page = res.json() as { items: { id: number; kind: string }[]; nextCursor: string | null };
        assert.ok(page.items.length <= 2);
        seen.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, [...made].reverse());
      const q = await editor.request('GET', `/api/v1/documents?q=${encodeURIComponent('苏分页〔2026〕3号')}`);
      assert.deepEqual((q.json() as { items: { id: number }[] }).items.map((x) => x.id), [made[2]]);
      const wild = await editor.request('GET', `/api/v1/documents?q=${encodeURIComponent('%')}`);
      assert.deepEqual((wild.json() as { items: unknown[] }).items, [], 'LIKE wildcards are matched literally');
      const bad = await editor.request('GET', '/api/v1/documents?cursor=bm90LWEtY3Vyc29y');
      assert.equal(bad.statusCode, 400);
      assert.equal((bad.json() as Problem).code, 'content.list.bad_cursor');
    });

    test('a link-out column cannot hold documents; an unknown column is refused', async () => {
      const link = await testColumnFor(ctx.platform.db, '320000', { kind: 'link' });
      const res = await editor.request('POST', '/api/v1/documents', { columnId: link.id, kind: 'article', title: 't' });
      assert.equal(res.statusCode, 400);
      assert.equal((res.json() as Problem).code, 'content.column.not_for_documents');
      const unknown = await editor.request('POST', '/api/v1/documents', { columnId: 999_999, kind: 'article', title: 't' });
      assert.equal((unknown.json() as Problem).code, 'content.column.not_found');
    });
  });
}
