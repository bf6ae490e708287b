import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { testColumnFor } from '../support/content-fixtures.js';
import { surveyBody } from '../support/survey-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { PROVINCE_PORTAL, siteId, uniqueSlug } from './columns-fixtures.js';

interface Problem { code: string; status: number; title: string; detail: string; errors?: Record<string, unknown>[] }

/** Chinese characters (ideographs) and Chinese punctuation: none may reach an English client in our wording. */
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const EN = { 'accept-language': 'en' };

/**
 * The field errors the modules build themselves (beyond the schema's) are worded in the
 * request's language: English on `Accept-Language: en`, Chinese otherwise, and each entry
 * carries exactly field, code and message.
 */
for (const engine of selectedEngines()) {
  describe(`field errors in English [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 6, 3, 0)); // 2026-11-26 14:03 Asia/Shanghai
    let editor: TestSession;
    let siteadmin: TestSession;

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      editor = await signIn(ctx.app, ctx.accounts.editor!, clock);
      clock.advance(31_000);
      siteadmin = await signIn(ctx.app, ctx.accounts.siteadmin!, clock);
    });
    after(async () => { await ctx.close(); });

    /** The same refused request in English and in Chinese (the default). */
    async function bothLanguages(session: TestSession, method: string, url: string, body: unknown, status: number, code: string): Promise<{ en: Problem; zh: Problem }> {
      const en = await session.request(method, url, body, EN);
      const zh = await session.request(method, url, body);
      for (const res of [en, zh]) {
        assert.equal(res.statusCode, status, res.body);
        assert.equal((res.json() as Problem).code, code, res.body);
      }
      const p = { en: en.json() as Problem, zh: zh.json() as Problem };
      for (const e of [...(p.en.errors ?? []), ...(p.zh.errors ?? [])]) {
        assert.deepEqual(Object.keys(e).sort(), ['code', 'field', 'message'], JSON.stringify(e));
      }
      assert.doesNotMatch(en.body, /messageEn/);
      assert.doesNotMatch(zh.body, /messageEn/);
      return p;
    }

    function assertNoChinese(p: Problem): void {
      assert.ok((p.errors ?? []).length > 0, 'field errors expected');
      for (const e of p.errors ?? []) assert.doesNotMatch(String(e.message), CJK, String(e.message));
      assert.doesNotMatch(p.detail, CJK, p.detail);
      assert.doesNotMatch(p.title, CJK, p.title);
    }

    const messageOf = (p: Problem, field: string): string | undefined => p.errors?.find((e) => e.field === field)?.message as string | undefined;

    test('columns: a slug taken among siblings', async () => {
      const site = await siteId(ctx, PROVINCE_PORTAL);
      const slug = uniqueSlug('en');
      const url = `/api/v1/sites/${site}/columns`;
      const first = await siteadmin.request('POST', url, { name: 'English test', slug, kind: 'news' });
      assert.equal(first.statusCode, 201, first.body);
      const { en, zh } = await bothLanguages(siteadmin, 'POST', url, { name: 'English test 2', slug, kind: 'news' }, 409, 'columns.slug_taken');
      assertNoChinese(en);
      assert.equal(messageOf(en, 'slug'), `A sibling column already uses the slug "${slug}"`);
      assert.equal(messageOf(zh, 'slug'), `同级栏目中已有英文标识“${slug}”`);
      assert.match(zh.detail, /^同级栏目中已有英文标识（slug）/);
    });

    test('columns: a review chain with repeated step names (the reason is English too)', async () => {
      const site = await siteId(ctx, PROVINCE_PORTAL);
      const body = { name: 'Chain', slug: uniqueSlug('wf'), kind: 'news', workflow: [{ name: 'first', role: 'reviewer' }, { name: 'first', role: 'site_admin' }] };
      const { en, zh } = await bothLanguages(siteadmin, 'POST', `/api/v1/sites/${site}/columns`, body, 400, 'columns.workflow_invalid');
      assertNoChinese(en);
      assert.equal(en.detail, 'Invalid review chain (workflow): step names must not repeat');
      assert.equal(messageOf(zh, 'workflow'), '审核流程（workflow）不正确：步骤名称不能重复');
    });

    test('surveys: a blank survey title', async () => {
      const { en, zh } = await bothLanguages(editor, 'POST', '/api/v1/sites/1/surveys', surveyBody({ title: '   ' }), 400, 'interaction.survey.bad_definition');
      assertNoChinese(en);
      assert.equal(messageOf(en, 'title'), 'The survey title (title) must not be blank');
      assert.equal(en.detail, 'The survey is not valid: The survey title (title) must not be blank');
      assert.equal(messageOf(zh, 'title'), '调查标题（title）不能为空白');
      assert.equal(zh.detail, '调查设置有误：调查标题（title）不能为空白');
    });

    test('documents: metadata field errors, and an unknown issuing organization', async () => {
      const column = await testColumnFor(ctx.platform.db, '320000', { kind: 'policy' });
      const body = { columnId: column.id, kind: 'policy', title: '   ', dateWritten: '2026-11-27', correctionNote: 'fix' };
      const { en, zh } = await bothLanguages(editor, 'POST', '/api/v1/documents', body, 400, 'content.document.invalid');
      assertNoChinese(en);
      assert.equal(messageOf(en, 'title'), 'Title must not be blank');
      assert.equal(messageOf(en, 'dateWritten'), 'Date written "2026-11-27" must not be later than today (2026-11-26)');
      assert.equal(messageOf(en, 'correctionNote'), 'The document has never been published, so it needs no correction note');
      assert.equal(en.detail, `The document has invalid fields: ${(en.errors ?? []).map((e) => e.message).join('; ')}`);
      assert.equal(messageOf(zh, 'title'), '标题不能为空');
      assert.equal(messageOf(zh, 'dateWritten'), '成文日期“2026-11-27”不能晚于今天（2026-11-26）');
      assert.equal(messageOf(zh, 'correctionNote'), '稿件尚未发布过，不需要填写更正说明');
      assert.match(zh.detail, /^稿件信息有误：标题不能为空；/);

      const org = await bothLanguages(editor, 'POST', '/api/v1/documents', { columnId: column.id, kind: 'policy', title: 'T', orgId: 999_999 }, 400, 'content.document.invalid');
      assertNoChinese(org.en);
      assert.equal(org.en.detail, 'The document has invalid fields: the issuing organization does not exist');
      assert.equal(messageOf(org.en, 'orgId'), 'The issuing organization (orgId) does not exist');
      assert.equal(org.zh.detail, '稿件信息有误：发布机构不存在');
      assert.equal(messageOf(org.zh, 'orgId'), '发布机构（orgId）不存在');
    });

    test('sites: every broken rule of a settings change, labels included', async () => {
      const portal = await siteId(ctx, PROVINCE_PORTAL);
      const body = { name: '   ', contact: { email: 'not-an-address' } };
      const { en, zh } = await bothLanguages(siteadmin, 'PATCH', `/api/v1/sites/${portal}/settings`, body, 400, 'sites.blank');
      assertNoChinese(en);
      assert.equal(messageOf(en, 'name'), 'Site name (name) must not be blank');
      assert.equal(messageOf(en, 'contact.email'), 'Contact email "not-an-address" is malformed');
      assert.equal(en.detail, 'Site name (name) must not be blank');
      assert.equal(messageOf(zh, 'name'), '网站名称（name）不能为空');
      assert.equal(messageOf(zh, 'contact.email'), '联系邮箱（contact.email）“not-an-address”格式不正确');
      assert.equal(zh.detail, '网站名称（name）不能为空');
    });
  });
}
