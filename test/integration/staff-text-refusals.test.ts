/**
 * Staff text that visitors read (document titles and metadata, site and column names, the
 * contact block, review reasons, a withdrawal's redirect) is held to the rule of a visitor's
 * text: no control or bidi characters, a visible character, one line where the field is one
 * line. Also: no protocol-relative logo, no schedule time past the platform's MAX_EPOCH_MS.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import type { TestSession } from '../support/session.js';
import { testColumnFor } from '../support/content-fixtures.js';
import { documentInReview, publishedDocument, workflowColumn, workflowDraft } from '../support/workflow-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { MAX_EPOCH_MS } from '../../src/platform/http/schema.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import { signInFresh } from './columns-fixtures.js';
import type { WorkflowBody } from './workflow-fixtures.js';

interface Problem { code: string; detail: string; errors?: { field: string; code: string; message: string }[] }
type Reply = { statusCode: number; body: string; json: () => unknown };

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/** 400 with this problem code and a Chinese field error on `field` (with this field error code when given). */
function refused(res: Reply, code: string, field: string, fieldCode?: string): { field: string; code: string; message: string } {
  assert.equal(res.statusCode, 400, res.body);
  const p = res.json() as Problem;
  assert.equal(p.code, code, res.body);
  const e = p.errors?.find((x) => x.field === field);
  assert.ok(e, `a field error on ${field}: ${res.body}`);
  if (fieldCode !== undefined) assert.equal(e.code, fieldCode, res.body);
  assert.match(e.message, CJK, 'the message is Chinese');
  return e;
}

for (const engine of selectedEngines()) {
  describe(`staff text that visitors read [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 3, 0, 0));
    let editor: TestSession;
    let siteadmin: TestSession;
    let sysadmin: TestSession;
    let reviewer: TestSession;
    let columnId = 0;
    let portalId = 0;

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      editor = await signInFresh(ctx, clock, ctx.accounts.editor!);
      siteadmin = await signInFresh(ctx, clock, ctx.accounts.siteadmin!);
      sysadmin = await signInFresh(ctx, clock, ctx.accounts.sysadmin!);
      reviewer = await signInFresh(ctx, clock, ctx.accounts.reviewer!);
      columnId = (await testColumnFor(ctx.platform.db, '320000', { kind: 'news' })).id;
      portalId = (await getSiteByCode(ctx.platform.db, '3200000001'))!.id;
    });
    after(async () => { await ctx.close(); });

    const createDoc = (over: Record<string, unknown>, headers?: Record<string, string>) =>
      editor.request('POST', '/api/v1/documents', { columnId, kind: 'article', title: '关于测试的通知', bodyHtml: '<p>正文</p>', ...over }, headers);

    test('documents: control, bidi and invisible-only text in the title and one-line metadata is refused, naming the field', async () => {
      const before = await ctx.platform.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const cases: [Record<string, unknown>, string, string, RegExp][] = [
        [{ title: '标题\u0001\u001b[31m' }, 'title', 'content.field.characters', /^标题含有不允许的字符/],
        [{ title: '\u200b' }, 'title', 'content.field.blank', /^标题不能只有空白或不可见字符/],
        [{ title: '标题\u202e反转' }, 'title', 'content.field.characters', /U\+202E/],
        [{ title: '标题\t制表' }, 'title', 'content.field.characters', /^标题含有不允许的字符/],
        [{ subtitle: '副标题\u2066' }, 'subtitle', 'content.field.characters', /^副标题/],
        [{ subtitle: '两\n行' }, 'subtitle', 'content.field.format', /^副标题不能换行/],
        [{ source: '来源\u0007' }, 'source', 'content.field.characters', /^来源/],
        [{ documentNumber: '苏政办发\u202e〔2017〕96号' }, 'documentNumber', 'content.field.characters', /^文号/],
        [{ issuingOrgName: '\u3164' }, 'issuingOrgName', 'content.field.blank', /^发布机构/],
        [{ keywords: '政务\u0085公开' }, 'keywords', 'content.field.characters', /^主题词/],
        [{ summary: '概述\u001b[0m' }, 'summary', 'content.field.characters', /^内容概述/],
      ];
      for (const [over, field, fieldCode, message] of cases) {
        const e = refused(await createDoc(over), 'content.document.invalid', field, fieldCode);
        assert.match(e.message, message, JSON.stringify(over));
      }
      // The 文号 with a bidi character gets that one message, not a format complaint besides.
      const number = (await createDoc({ documentNumber: '苏政办发\u202e〔2017〕96号' })).json() as Problem;
      assert.equal(number.errors?.filter((e) => e.field === 'documentNumber').length, 1);
      const after = await ctx.platform.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n), 'nothing was written');

      const en = (await createDoc({ title: '标题\u202e反转' }, { 'accept-language': 'en' })).json() as Problem;
      assert.match(en.errors?.find((e) => e.field === 'title')?.message ?? '', /^Title contains characters that are not allowed/);

      // A several-line summary and ordinary punctuation stay fine; so does a save of such a draft.
      const ok = await createDoc({ title: '关于“十四五”规划（2021—2025年）的说明', summary: '第一段。\n第二段：\t要点。', subtitle: '——副标题' });
      assert.equal(ok.statusCode, 201, ok.body);
      const created = ok.json() as { document: { id: number }; edition: { lockVersion: number } };
      const save = await editor.request('PATCH', `/api/v1/documents/${created.document.id}`, { lockVersion: created.edition.lockVersion, title: '新\u202e标题' });
      refused(save, 'content.document.invalid', 'title', 'content.field.characters');
    });

    test('sites: names, host unit and contact fields with control, bidi or only invisible characters are refused (sysadmin and settings routes)', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ name: '\u200b' }, 'name'],
        [{ name: '无锡\u0007教育' }, 'name'],
        [{ name: '无锡\u202e教育' }, 'name'],
        [{ hostUnit: '江苏省\u001b人民政府办公厅' }, 'hostUnit'],
        [{ contact: { address: '南京市\u2067北京西路' } }, 'contact.address'],
        [{ contact: { email: 'web\u202e@jiangsu.gov.cn' } }, 'contact.email'],
        [{ contact: { phone: '025-8339\n1234' } }, 'contact.phone'],
      ];
      const stored = (await getSiteByCode(ctx.platform.db, '3200000001'))!;
      for (const [body, field] of cases) {
        const e = refused(await sysadmin.request('PATCH', `/api/v1/sites/${portalId}`, body), 'sites.text.invalid', field, 'sites.text.invalid');
        assert.match(e.message, new RegExp(`（${field.replace('.', '\\.')}）`), 'the message names the field');
        if (!('hostUnit' in body)) refused(await siteadmin.request('PATCH', `/api/v1/sites/${portalId}/settings`, body), 'sites.text.invalid', field, 'sites.text.invalid');
      }
      const email = (await sysadmin.request('PATCH', `/api/v1/sites/${portalId}`, { contact: { email: 'web\u202e@jiangsu.gov.cn' } })).json() as Problem;
      assert.deepEqual(email.errors?.map((e) => e.code), ['sites.text.invalid'], 'one problem per field');
      assert.deepEqual(await getSiteByCode(ctx.platform.db, '3200000001'), stored, 'nothing was written');
      const ok = await siteadmin.request('PATCH', `/api/v1/sites/${portalId}/settings`, { name: '江苏省人民政府（门户网站）', contact: { address: '南京市北京西路 68 号' } });
      assert.equal(ok.statusCode, 200, ok.body);
    });

    test('sites: a protocol-relative logo (//host, /\\host) is refused with sites.logo.bad_url; a path or https address is kept', async () => {
      for (const logoUrl of ['//evil.com/x.png', '/\\evil.com/x.png', '/x.png" onerror="alert(1)', 'https://a.gov.cn/x\u202e.png']) {
        refused(await sysadmin.request('PATCH', `/api/v1/sites/${portalId}`, { logoUrl }), 'sites.logo.bad_url', 'logoUrl');
        refused(await siteadmin.request('PATCH', `/api/v1/sites/${portalId}/settings`, { logoUrl }), 'sites.logo.bad_url', 'logoUrl');
      }
      for (const logoUrl of ['/assets/logo.png', 'https://www.jiangsu.gov.cn/logo.png']) {
        const res = await siteadmin.request('PATCH', `/api/v1/sites/${portalId}/settings`, { logoUrl });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal((res.json() as { site: { logoUrl: string } }).site.logoUrl, logoUrl);
      }
    });

    test('columns: names, descriptions, keywords and step names are held to the same rule', async () => {
      const create = (over: Record<string, unknown>) =>
        siteadmin.request('POST', `/api/v1/sites/${portalId}/columns`, { name: '测试栏目', slug: `st${Date.now().toString(36)}`, kind: 'news', ...over });
      refused(await create({ name: '栏目\u202e名称' }), 'columns.text_invalid', 'name', 'columns.text_invalid');
      refused(await create({ name: '\u200b' }), 'columns.text_invalid', 'name');
      refused(await create({ keywords: '关键词\u0001' }), 'columns.text_invalid', 'keywords');
      refused(await create({ workflow: [{ name: '初审\u202e', role: 'reviewer' }] }), 'columns.workflow_invalid', 'workflow');
      const ok = await create({ description: '第一行\n第二行' });
      assert.equal(ok.statusCode, 201, ok.body);
      const id = (ok.json() as { column: { id: number } }).column.id;
      refused(await siteadmin.request('PATCH', `/api/v1/columns/${id}`, { description: '描述\u001b[31m' }), 'columns.text_invalid', 'description');
      refused(await siteadmin.request('PATCH', `/api/v1/columns/${id}`, { name: '名称\u0007' }), 'columns.text_invalid', 'name');
    });

    test('reject, withdraw and fast-track reasons: invisible-only is blank, control and bidi characters are refused', async () => {
      const inReview = await documentInReview(ctx.platform, { columnId: (await workflowColumn(ctx.platform)).id });
      const reject = (reason: string) => reviewer.request('POST', `/api/v1/documents/${inReview.documentId}/reject`, { step: 0, reason });
      refused(await reject('\u200b'), 'content.workflow.reason_required', 'reason');
      const bad = refused(await reject('请修改\u202e'), 'content.workflow.bad_text', 'reason', 'content.workflow.bad_text');
      assert.match(bad.message, /^退回原因（reason）含有不允许的字符/);
      refused(await reject('请修改\u001b[31m'), 'content.workflow.bad_text', 'reason');
      const ok = await reject('第一，请补充依据。\n第二，请核对日期。');
      assert.equal(ok.statusCode, 200, ok.body);

      const published = await publishedDocument(ctx.platform);
      const withdraw = (body: Record<string, unknown>) => siteadmin.request('POST', `/api/v1/documents/${published.documentId}/withdraw`, { reason: '内容已过时', showPublicly: true, ...body });
      refused(await withdraw({ reason: '\u2060' }), 'content.workflow.reason_required', 'reason');
      refused(await withdraw({ reason: '已过时\u0007' }), 'content.workflow.bad_text', 'reason');

      const draft = await workflowDraft(ctx.platform);
      const fastTrack = await siteadmin.request('POST', `/api/v1/documents/${draft.documentId}/fast-track`, { reason: '紧急\u202e发布' });
      refused(fastTrack, 'content.workflow.bad_text', 'reason');
      const state = await ctx.platform.db.selectFrom('documents').select('published_edition_id').where('id', '=', draft.documentId).executeTakeFirstOrThrow();
      assert.equal(state.published_edition_id, null, 'not published');
    });

    test('withdrawal redirectTo: a path or https address without quotes, angle brackets, spaces, backslashes, controls or bidi', async () => {
      const published = await publishedDocument(ctx.platform);
      const withdraw = (redirectTo: string) => siteadmin.request('POST', `/api/v1/documents/${published.documentId}/withdraw`, { reason: '已被新文件替代', showPublicly: false, redirectTo });
      for (const redirectTo of ['/x\u202e', '/"><script>alert(1)</script>', "/x'onmouseover=1", '/a b', '/\\evil.com', '//evil.com', 'https://a.gov.cn/x<y', '/x\u0001', 'javascript:alert(1)']) {
        const e = refused(await withdraw(redirectTo), 'content.workflow.bad_redirect', 'redirectTo', 'content.workflow.bad_redirect');
        assert.match(e.message, /跳转地址（redirectTo）/, JSON.stringify(redirectTo));
      }
      const ok = await withdraw('/zcwj/新文件.html?from=old#top');
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal((ok.json() as WorkflowBody).document.status, 'withdrawn');
    });

    test('schedule: a time past MAX_EPOCH_MS (year 275760) is refused; MAX_EPOCH_MS itself is a time', async () => {
      const draft = await editor.request('POST', '/api/v1/documents', { columnId: (await workflowColumn(ctx.platform)).id, kind: 'notice', title: '关于定时的通知', bodyHtml: '<p>通知。</p>' });
      assert.equal(draft.statusCode, 201, draft.body);
      const id = (draft.json() as { document: { id: number } }).document.id;
      const far = await editor.request('POST', `/api/v1/documents/${id}/schedule`, { unpublishAt: 8_640_000_000_000_000 });
      refused(far, 'http.validation', 'unpublishAt');
      refused(await editor.request('POST', `/api/v1/documents/${id}/schedule`, { publishAt: MAX_EPOCH_MS + 1 }), 'http.validation', 'publishAt');
      const edge = await editor.request('POST', `/api/v1/documents/${id}/schedule`, { unpublishAt: MAX_EPOCH_MS });
      assert.equal(edge.statusCode, 200, edge.body);
      assert.equal((edge.json() as WorkflowBody).edition.scheduledUnpublishAt, MAX_EPOCH_MS);
    });
  });
}
