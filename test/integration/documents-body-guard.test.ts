/**
 * A document body is refused cheaply before it can hold the event loop: deep nesting (200,000
 * unclosed `<b>` took 20 s to sanitize) and over-long bodies, whose message quotes what was sent.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { testColumnFor } from '../support/content-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';

interface Problem { code: string; detail: string; errors?: { field: string; code: string; message: string }[] }
interface Created { document: { id: number }; edition: { lockVersion: number; bodyHtml: string } }

for (const engine of selectedEngines()) {
  describe(`documents: the body is refused before it can stall the server [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 6, 3, 0));
    let editor: TestSession;
    let columnId = 0;

    const create = (body: Record<string, unknown>) =>
      editor.request('POST', '/api/v1/documents', { columnId, kind: 'article', title: 'QA嵌套', ...body });
    /** The request's answer, and how long it took (the whole request, in process). */
    const timed = async <T>(run: () => Promise<T>): Promise<{ res: T; ms: number }> => {
      const start = performance.now();
      const res = await run();
      return { res, ms: performance.now() - start };
    };
    const bodyError = (res: { statusCode: number; body: string; json: () => unknown }) => {
      assert.equal(res.statusCode, 400, res.body.slice(0, 500));
      const p = res.json() as Problem;
      assert.equal(p.code, 'content.document.invalid');
      const e = p.errors?.find((x) => x.field === 'bodyHtml');
      assert.ok(e, res.body.slice(0, 500));
      return e;
    };

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      editor = await signIn(ctx.app, ctx.accounts.editor!, clock);
      columnId = (await testColumnFor(ctx.platform.db, '320000', { kind: 'news' })).id;
    });
    after(async () => { await ctx.close(); });

    test('200,000 unclosed <b> (600 KB) on create: 400 content.field.too_deep naming 正文/bodyHtml, within 2 s', async () => {
      const { res, ms } = await timed(() => create({ bodyHtml: '<b>'.repeat(200_000) }));
      const e = bodyError(res);
      assert.equal(e.code, 'content.field.too_deep');
      assert.match(e.message, /正文（bodyHtml）的标签嵌套超过 100 层/);
      assert.ok(ms < 2000, `answered in ${ms.toFixed(0)} ms`);
    });

    test('the same on a save, and on a body nested just past the bound (101 levels)', async () => {
      const created = (await create({ bodyHtml: '<p>正文</p>' })).json() as Created;
      const url = `/api/v1/documents/${created.document.id}`;
      const { res, ms } = await timed(() => editor.request('PATCH', url, { lockVersion: created.edition.lockVersion, bodyHtml: '<span>'.repeat(150_000) }));
      assert.equal(bodyError(res).code, 'content.field.too_deep');
      assert.ok(ms < 2000, `answered in ${ms.toFixed(0)} ms`);
      const justPast = await create({ bodyHtml: `${'<b>'.repeat(101)}x` });
      assert.equal(bodyError(justPast).code, 'content.field.too_deep');
      const got = (await editor.request('GET', url)).json() as Created;
      assert.equal(got.edition.bodyHtml, '<p>正文</p>', 'nothing was saved');
    });

    test('deep but legal bodies are kept: 50 levels, and 100 (the bound)', async () => {
      for (const depth of [50, 100]) {
        const res = await create({ bodyHtml: `${'<b>'.repeat(depth)}深${'</b>'.repeat(depth)}` });
        assert.equal(res.statusCode, 201, res.body.slice(0, 500));
        const html = (res.json() as Created).edition.bodyHtml;
        assert.equal(html, `${'<strong>'.repeat(depth)}深${'</strong>'.repeat(depth)}`);
      }
      // Unclosed paragraphs and list items close one another (the parser's implied closes): not deep.
      const sloppy = await create({ bodyHtml: `<ul>${'<li>条目'.repeat(500)}</ul>${'<p>段落'.repeat(500)}` });
      assert.equal(sloppy.statusCode, 201, sloppy.body.slice(0, 500));
    });

    test('a body over 1,000,000 characters is refused on what was sent, and the message says that length', async () => {
      // Sanitized, each "&" would become "&amp;": the message used to quote 5,000,005.
      const res = await create({ bodyHtml: '&'.repeat(1_000_001) });
      const e = bodyError(res);
      assert.equal(e.code, 'content.field.too_long');
      assert.equal(e.message, '正文最多 1000000 个字符（现有 1000001 个）');
    });

    test('a long realistic body (about 900 KB of paragraphs and tables) is accepted', async () => {
      const row = `<tr>${'<td style="text-align:center"><p>12,345.67</p></td>'.repeat(6)}</tr>`;
      const block = `<h2>第一章 总则</h2><p style="text-align:justify">为进一步加强和改进政府网站建设管理，结合我省实际，提出如下意见。<a href="https://www.jiangsu.gov.cn/">链接</a></p><table><tbody>${row.repeat(4)}</tbody></table><ul><li><p>条目</p></li></ul>`;
      const bodyHtml = block.repeat(Math.floor(900_000 / block.length));
      const { res, ms } = await timed(() => create({ bodyHtml }));
      assert.equal(res.statusCode, 201, res.body.slice(0, 500));
      assert.ok((res.json() as Created).edition.bodyHtml.includes('<table><tbody><tr><td style="text-align:center"><p>12,345.67</p></td>'));
      assert.ok(ms < 10_000, `answered in ${ms.toFixed(0)} ms`);
    });
  });
}
