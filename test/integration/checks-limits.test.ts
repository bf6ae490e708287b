import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import type { TestSession } from '../support/session.js';
import { workflowColumn } from '../support/workflow-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { signInFresh } from './columns-fixtures.js';

interface Result { rule: string; severity: string; field: string; start: number; end: number; message: string; messageEn: string }
interface RunReport { results: Result[]; blocking: boolean; counts: { block: number; warn: number }; bodyText: string }

/** Bodies with a hundred thousand findings and more: they used to overflow the stack or give answers of tens of megabytes. */
for (const engine of selectedEngines()) {
  describe(`checks: bodies with very many findings [${engine}]`, () => {
    let ctx: TestContext;
    let editor: TestSession;
    const clock = new ManualClock(Date.UTC(2026, 5, 1, 2, 0, 0));

    before(async () => {
      ctx = await createTestContext(engine, { clock });
      editor = await signInFresh(ctx, clock, ctx.accounts.editor!);
    });
    after(async () => ctx.close());

    it('checks a draft with 125,000 images without alt text: 100 findings and one saying how many more', async () => {
      const res = await editor.request('POST', '/api/v1/checks/run', { title: 'a', bodyHtml: '<img>'.repeat(125_000) });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      const report = res.json() as RunReport;
      assert.equal(report.results.length, 101);
      assert.ok(report.results.every((r) => r.rule === 'image_missing_alt' && r.severity === 'warn'));
      assert.equal(report.results[100]!.message, '自此处起还有 124900 处“图片缺少替代文字”问题未逐一列出（每个字段每条规则最多列出 100 处）');
      assert.match(report.results[100]!.messageEn, /^124900 more findings of "Images without alt text"/);
      assert.deepEqual(report.counts, { block: 0, warn: 101 });
    });

    it('caps 80,000 mobile numbers at 100 findings plus a blocking summary, the same each time', async () => {
      const bodyHtml = '13812345678 '.repeat(80_000);
      const res = await editor.request('POST', '/api/v1/checks/run', { title: '', bodyHtml });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      const report = res.json() as RunReport;
      // The answer was 34.8 MB; now it is the body text (returned for the offsets) and 101 findings.
      assert.ok(res.body.length < report.bodyText.length + 100_000, `${res.body.length} characters`);
      assert.equal(report.results.length, 101);
      assert.ok(report.results.every((r) => r.rule === 'mobile_number' && r.severity === 'block' && r.field === 'body'));
      const summary = report.results[100]!;
      assert.match(summary.message, /^自此处起还有 79900 处“手机号码”问题/);
      assert.equal(report.bodyText.slice(summary.start, summary.end), '13812345678', 'placed at the first finding left out');
      assert.equal(summary.start, 100 * 12);
      assert.equal(report.blocking, true);
      const again = (await editor.request('POST', '/api/v1/checks/run', { title: '', bodyHtml })).json() as RunReport;
      assert.deepEqual(again.results, report.results);
    });

    it('submits a document of 150,000 banned words: the stored and returned checks are capped, and a blocking word past the cap still blocks', async () => {
      const column = await workflowColumn(ctx.platform);
      const created = await editor.request('POST', '/api/v1/documents', {
        columnId: column.id, kind: 'notice', title: '关于做好冬季安全生产工作的通知', bodyHtml: `<p>${'哑巴'.repeat(150_000)}</p><p>按时布署。</p>`, source: '江苏省人民政府办公厅',
      });
      assert.equal(created.statusCode, 201, created.body.slice(0, 500));
      const id = (created.json() as { document: { id: number } }).document.id;
      const res = await editor.request('POST', `/api/v1/documents/${id}/submit`, {});
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      const checks = (res.json() as { checks: { blocking: boolean; results: Result[] } }).checks;
      // 72.8 MB before (100,000 words); the answer also holds the edition with its body.
      assert.ok(JSON.stringify(checks).length < 100_000, `${JSON.stringify(checks).length} characters of checks`);
      const banned = checks.results.filter((r) => r.rule === 'banned_expression' && r.field === 'body');
      assert.equal(banned.length, 101);
      assert.ok(banned.slice(0, 100).every((r) => r.severity === 'warn'), '哑巴 is a warn entry');
      // The summary stands for 149,900 more 哑巴 (warn) and 布署 (block): it blocks.
      assert.match(banned[100]!.message, /^自此处起还有 149901 处/);
      assert.equal(banned[100]!.severity, 'block');
      assert.equal(checks.blocking, true);
      const edition = await ctx.platform.db.selectFrom('document_editions').select('checks').where('document_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.ok(edition.checks.length < 100_000, `stored ${edition.checks.length} characters`);
    });
  });
}
